package io.jenkins.plugins.slipway.engine.deploy.traffic;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the {@link TrafficControl} a deploy's {@link TrafficSettings} ask for. */
public final class TrafficControls {

    private TrafficControls() {
    }

    /** How a command ended: exit code and its output (stdout and stderr merged, at most the last 200 lines). */
    public record CommandResult(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs commands on hosts over SSH with the deploy's credentials and host-key trust (connections are reused). */
    public interface Ssh {
        /**
         * Runs {@code command} with {@code /bin/sh -c} on {@code host}: a deploy host's name, or {@code user@host:port}.
         */
        CommandResult run(String host, String command, Duration timeout) throws IOException, InterruptedException;

        /** The OpenSSH command line a human types to log in to {@code host}, e.g. {@code ssh -p 2222 deploy@10.0.0.5}. */
        String login(String host);
    }

    /** What an implementation may use besides its settings. */
    public record Context(Log log, Secrets secrets, Path workDir, Ssh ssh) {
    }

    /**
     * The balancer of {@code settings}; nothing is contacted yet ({@link TrafficControl#preflight} does that).
     *
     * @throws TrafficException (BAD_INPUT) when the settings cannot be used in this build
     */
    public static TrafficControl create(TrafficSettings settings, Context context) throws TrafficException {
        return switch (settings.kind()) {
            case HAPROXY -> new HaproxyTrafficControl(settings, context);
            case HOOKS -> new HookTrafficControl(settings, context);
            case ELBV2 -> new Elbv2TrafficControl(settings, context);
        };
    }
}
