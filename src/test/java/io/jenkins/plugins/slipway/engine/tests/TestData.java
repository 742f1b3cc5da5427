package io.jenkins.plugins.slipway.engine.tests;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test projects and reports under {@code src/test/resources/io/jenkins/plugins/slipway/engine/tests/}. */
final class TestData {
    static final String DATA = "/io/jenkins/plugins/slipway/engine/tests/";

    private TestData() {
    }

    static Path resource(String path) throws URISyntaxException {
        return Path.of(TestData.class.getResource(DATA + path).toURI());
    }
}
