package io.jenkins.plugins.slipway.engine.core;

import java.util.List;
import java.util.Map;

/**
 * The build's JVM option variables ({@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS}, {@code _JAVA_OPTIONS})
 * never reach the engine's own JVM, which holds the build's secrets: the bridge hands them over as
 * {@code SLIPWAY_BUILD_<name>}. The commands the engine runs for the build (its tests, its app, its hooks) get them
 * back under their own names, as they would under {@code sh}.
 */
public final class BuildEnvironment {
    static final String KEPT_PREFIX = "SLIPWAY_BUILD_";
    static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private BuildEnvironment() {
    }

    /** Puts the build's JVM option variables back under their own names in a child's {@code environment}. */
    public static Map<String, String> restore(Map<String, String> environment) {
        for (String variable : JVM_OPTION_VARIABLES) {
            String value = environment.remove(KEPT_PREFIX + variable);
            if (value != null) {
                environment.put(variable, value);
            }
        }
        return environment;
    }
}
