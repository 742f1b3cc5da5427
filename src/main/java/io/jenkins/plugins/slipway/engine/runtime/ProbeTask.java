package io.jenkins.plugins.slipway.engine.runtime;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Task {@code probe}, a diagnostic for checking the bridge on an agent: prints lines, optionally holds a child process and
 * waits, echoes which secrets arrived (names only), and records its clean-up in a marker file when interrupted.
 */
final class ProbeTask {

    private ProbeTask() {
    }

    /** What the probe does. */
    record Request(int lines, long holdMillis, boolean spawnChild, String cleanupMarker, String failWith) {
        Request {
            if (lines < 0 || lines > 1_000_000) {
                throw new IllegalArgumentException("lines must be between 0 and 1000000, was " + lines);
            }
        }
    }

    /** What the probe saw. */
    record Result(int linesPrinted, List<String> secretNames, long childPid) implements StageResult {
        @Override
        public Outcome outcome() {
            return Outcome.PASSED;
        }

        @Override
        public String summary() {
            return "probe printed " + linesPrinted + " lines";
        }
    }

    static Result run(Request request, TaskContext context) throws SlipwayException, InterruptedException {
        if (request.failWith() != null) {
            throw new SlipwayException(SlipwayException.Kind.valueOf(request.failWith()), "probe failed as asked");
        }
        for (int i = 1; i <= request.lines(); i++) {
            context.log().info("probe line " + i);
        }
        List<String> names = new ArrayList<>();
        for (String name : List.of("password", "token", "key")) {
            context.secrets().get(name).ifPresent(v -> {
                names.add(name);
                context.log().info("secret " + name + " is " + v); // redacted by the log
            });
        }
        Process child = null;
        try {
            if (request.spawnChild()) {
                child = new ProcessBuilder("sleep", "600").start();
                context.log().info("probe child pid " + child.pid());
            }
            if (request.holdMillis() > 0) {
                context.log().info("probe holding for " + request.holdMillis() + " ms");
                Thread.sleep(request.holdMillis());
            }
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.ENVIRONMENT, "cannot start a child: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            context.log().info("probe interrupted, cleaning up");
            if (request.cleanupMarker() != null) {
                try {
                    Files.writeString(Path.of(request.cleanupMarker()), "cleaned up\n");
                } catch (IOException io) {
                    context.log().warn("cannot write " + request.cleanupMarker());
                }
            }
            throw e;
        }
        return new Result(request.lines(), names, child == null ? -1 : child.pid());
    }
}
