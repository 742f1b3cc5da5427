package io.jenkins.plugins.slipway.engine.deploy.traffic;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.request.deploy.TrafficSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Any balancer by commands: {@code drainCommand} takes a host out, a fixed wait lets in-flight requests finish,
 * {@code readyCommand} puts it back, a fixed wait lets the balancer see it. The commands run on the deployed host
 * (over the deploy's SSH credentials) or on the agent. The balancer is not asked anything, so the in-service count
 * is the deploy's own hosts that are not out of rotation, and "healthy" means the ready command succeeded and the
 * wait passed (the deploy's own health check already passed).
 */
final class HookTrafficControl implements TrafficControl {

    private final TrafficSettings.Hooks hooks;
    private final TrafficControls.Context context;
    private final List<Target> targets = new ArrayList<>();
    private final Set<String> out = ConcurrentHashMap.newKeySet();

    HookTrafficControl(TrafficSettings settings, TrafficControls.Context context) {
        this.hooks = settings.hooks();
        this.context = context;
    }

    @Override
    public String describe() {
        return "hooks (drainCommand/readyCommand on the " + hooks.on() + ")";
    }

    @Override
    public Preflight preflight(List<Target> given) throws TrafficException, InterruptedException {
        Map<String, String> servers = new LinkedHashMap<>();
        for (Target t : given) {
            servers.put(t.name(), t.host());
            if (hooks.on().equals("host")) {
                // the host answers and has a shell; the commands themselves change things, so they are not run here
                run(t, "true", "reach the host");
            }
        }
        synchronized (targets) {
            targets.clear();
            targets.addAll(given);
        }
        return new Preflight(servers, inService(), List.of("the balancer is not asked: drainCommand, then a fixed wait of "
                + hooks.drainWaitSeconds() + " s (traffic.hooks.drainWaitSeconds); readyCommand, then " + hooks.readyWaitSeconds() + " s"));
    }

    @Override
    public InService inService() {
        synchronized (targets) {
            List<String> in = targets.stream().map(Target::name).filter(n -> !out.contains(n)).toList();
            return new InService(in.size(), targets.size(), in);
        }
    }

    @Override
    public void takeOut(Target target) throws TrafficException, InterruptedException {
        run(target, hooks.drainCommand(), "drainCommand");
        out.add(target.name());
    }

    @Override
    public Drain drain(Target target, Duration timeout) throws InterruptedException {
        long wait = Math.min(timeout.toMillis(), hooks.drainWaitSeconds() * 1000L);
        Thread.sleep(wait);
        return new Drain(wait, -1, -1, false);
    }

    @Override
    public void putBack(Target target) throws TrafficException, InterruptedException {
        run(target, hooks.readyCommand(), "readyCommand");
        out.remove(target.name());
    }

    @Override
    public long awaitHealthy(Target target, Duration timeout) throws InterruptedException {
        long wait = Math.min(timeout.toMillis(), hooks.readyWaitSeconds() * 1000L);
        Thread.sleep(wait);
        return wait;
    }

    @Override
    public String returnCommand(Target target) {
        String command = expand(hooks.readyCommand(), target);
        return hooks.on().equals("host") ? context.ssh().login(target.name()) + " " + shellQuote(command) : command;
    }

    @Override
    public void close() {
        // nothing held
    }

    /**
     * The command with {@code {host}}, {@code {name}}, {@code {port}} and {@code {server}} replaced; a value that is
     * not a plain shell word (a name from a hosts file may come from the commit) is single-quoted, so it can never
     * become shell syntax.
     */
    static String expand(String command, Target t) {
        return command.replace("{host}", word(t.host())).replace("{name}", word(t.name()))
                .replace("{port}", String.valueOf(t.port()))
                .replace("{server}", word(t.server() == null ? t.name() : t.server()));
    }

    private static final java.util.regex.Pattern PLAIN_WORD = java.util.regex.Pattern.compile("[A-Za-z0-9._:@%+=,/-]+");

    static String word(String value) {
        return PLAIN_WORD.matcher(value).matches() ? value : shellQuote(value);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private void run(Target t, String command, String what) throws TrafficException, InterruptedException {
        String expanded = expand(command, t);
        Duration timeout = Duration.ofMinutes(2);
        TrafficControls.CommandResult result;
        try {
            if (hooks.on().equals("host")) {
                String withEnv = "SLIPWAY_TRAFFIC_HOST=" + shellQuote(t.host()) + " SLIPWAY_TRAFFIC_NAME=" + shellQuote(t.name())
                        + "; export SLIPWAY_TRAFFIC_HOST SLIPWAY_TRAFFIC_NAME; " + expanded;
                result = context.ssh().run(t.name(), withEnv, timeout);
            } else {
                result = local(expanded, t, timeout);
            }
        } catch (IOException e) {
            throw new TrafficException(Kind.ENVIRONMENT, "traffic.hooks." + what + " for host " + t.name() + " could not run: "
                    + e.getMessage(), e);
        }
        if (!result.ok()) {
            String output = result.output().strip();
            throw new TrafficException(Kind.ENVIRONMENT, "traffic.hooks." + what + " '" + expanded + "' for host " + t.name() + " exited "
                    + result.exitCode() + (output.isEmpty() ? "" : ": " + output.lines().skip(Math.max(0, output.lines().count() - 5))
                    .reduce((a, b) -> a + " | " + b).orElse("")));
        }
    }

    private TrafficControls.CommandResult local(String command, Target t, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                .directory(context.workDir().toFile());
        io.jenkins.plugins.slipway.engine.core.BuildEnvironment.restore(pb.environment());
        pb.environment().put("SLIPWAY_TRAFFIC_HOST", t.host());
        pb.environment().put("SLIPWAY_TRAFFIC_NAME", t.name());
        Process p = pb.start();
        p.getOutputStream().close();
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process was stopped
            }
        }, "traffic hook output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new TrafficControls.CommandResult(124, "timed out after " + timeout.toSeconds() + " s");
            }
            reader.join(2000);
            synchronized (output) {
                return new TrafficControls.CommandResult(p.exitValue(), output.toString(StandardCharsets.UTF_8));
            }
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
