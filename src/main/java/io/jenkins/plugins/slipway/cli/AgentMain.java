package io.jenkins.plugins.slipway.cli;

/**
 * The main class the bridge starts the engine with ({@code java -cp slipway-engine.jar …AgentMain agent …}), so a
 * step's engine start touches neither picocli nor the jar's 60,000-entry directory: {@code -jar} makes the launcher
 * open the jar to read its manifest, and {@link SlipwayCli}'s public methods name picocli types, which the
 * launcher's look-up of {@code main} loads (picocli's classes are too old for the class-data archive). With the
 * task's archive, every class of a short step then comes from the archive. Arguments other than the bridge's own
 * {@code agent [--grace=N] [--prefix=TEXT]} go to the full CLI.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) {
        Integer bridged = AgentCommand.runDirectly(args);
        if (bridged == null) {
            SlipwayCli.main(args);
            return;
        }
        System.exit(bridged);
    }
}
