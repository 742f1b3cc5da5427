package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Pipeline that is running while Slipway is upgraded keeps each running step in its program state by Java
 * serialization, and loads it with the new classes after the restart. The resources under
 * {@code compat/steps-6a9f131/} are every step as the previous release serialized it, with every parameter it takes
 * set, and the values its getters gave then: each must still load, and give the same values.
 */
class RunningStepUpgradeTest {
    private static final String DIR = "/compat/steps-6a9f131/";

    @ParameterizedTest
    @ValueSource(strings = {"tests.RunTestsStep", "metrics.CodeMetricsStep", "browser.BrowserTestStep",
        "ec2.Ec2LaunchStep", "ec2.Ec2TerminateStep", "deploy.SshDeployStep", "pipeline.SlipwayVersionStep"})
    void shouldLoadAStepThePreviousReleaseSavedWithEveryParameterIntact(String step) throws Exception {
        Class<?> type = Class.forName("io.jenkins.plugins.slipway.jenkins." + step);
        String name = type.getSimpleName();
        Object loaded;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(
                Base64.getMimeDecoder().decode(read(DIR + name + ".ser.b64").trim())))) {
            loaded = in.readObject();
        }
        assertThat(loaded).isInstanceOf(type);
        Properties then = new Properties();
        try (Reader r = new StringReader(read(DIR + name + ".getters.properties"))) {
            then.load(r);
        }
        for (String getter : new TreeSet<>(then.stringPropertyNames())) {
            Method m = type.getMethod(getter);
            assertThat(String.valueOf(m.invoke(loaded))).as("%s.%s() of a step the previous release saved", name, getter)
                    .isEqualTo(then.getProperty(getter));
        }
        if (!name.equals("SlipwayVersionStep")) {
            assertThat(then.stringPropertyNames()).as("parameters recorded for %s", name).hasSizeGreaterThan(10);
        }
    }

    private static String read(String resource) throws Exception {
        try (InputStream in = RunningStepUpgradeTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
