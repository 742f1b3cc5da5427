package io.jenkins.plugins.slipway.engine.runtime;

/**
 * The main class the bridge starts the engine with ({@code java -cp slipway-engine.jar …AgentMain agent …}), so a
 * step's engine start touches neither picocli nor the jar's 60,000-entry directory: {@code -jar} makes the launcher
 * open the jar to read its manifest, and {@code SlipwayCli}'s public methods name picocli types, which the
 * launcher's look-up of {@code main} loads (picocli's classes are too old for the class-data archive). With the
 * task's archive, every class of a short step then comes from the archive. It takes the bridge's own
 * {@code agent [--grace=N] [--prefix=TEXT]} only; commands go to {@code java -jar slipway.jar}.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("main");
        Integer bridged = AgentCommand.runDirectly(args);
        if (bridged == null) {
            System.err.println("slipway: the engine's agent entry takes only 'agent [--grace=N] [--prefix=TEXT]', not "
                    + String.join(" ", args) + "; run commands with java -jar slipway.jar");
            System.exit(2);
        }
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("main-returns");
        System.exit(bridged);
    }
}
