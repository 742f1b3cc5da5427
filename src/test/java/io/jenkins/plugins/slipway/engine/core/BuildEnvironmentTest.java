package io.jenkins.plugins.slipway.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The build's JVM option variables, kept aside by the bridge, come back for the build's own commands. */
class BuildEnvironmentTest {

    @Test
    void shouldGiveTheBuildsCommandsTheirJvmOptionVariablesBack() {
        Map<String, String> env = new HashMap<>(Map.of("SLIPWAY_BUILD_JAVA_TOOL_OPTIONS", "-javaagent:jacoco.jar",
                "SLIPWAY_BUILD_JDK_JAVA_OPTIONS", "-Xmx1g", "SLIPWAY_BUILD_OTHER", "x", "PATH", "/usr/bin"));
        BuildEnvironment.restore(env);
        assertThat(env).containsEntry("JAVA_TOOL_OPTIONS", "-javaagent:jacoco.jar")
                .containsEntry("JDK_JAVA_OPTIONS", "-Xmx1g").containsEntry("SLIPWAY_BUILD_OTHER", "x")
                .doesNotContainKeys("SLIPWAY_BUILD_JAVA_TOOL_OPTIONS", "SLIPWAY_BUILD_JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    }
}
