package io.jenkins.plugins.slipway.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration {@code browserTest} and its freestyle builder share (plain strings, numbers and booleans).
 * Turns itself into the engine's {@code browser} request. By default the app command runs where {@code sh} would
 * run it — through the build's {@code Launcher}, so {@code withEnv}, tool installers and custom launchers apply — on
 * a free port the agent's OS picks; the engine then waits for it to answer and drives the browser, and the step
 * kills the app's process tree when it ends or is aborted. With {@code appStartedBy: 'engine'} the engine starts and
 * watches the app itself (it can then also report a crash in the middle of a scenario).
 */
final class BrowserTestOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    String appCommand;
    String appUrl;
    String appDir;
    String appEnv;
    int appPort;
    String readyPath;
    int readyStatus;
    String readyCheck;
    int readyTimeoutSeconds;
    String scenarios;
    String suiteCommand;
    String junitXml;
    int suiteTimeoutSeconds;
    String browser;
    String chromedriver;
    String chromeBinary;
    int stepTimeoutSeconds;
    String outputDir;
    boolean stopOnFailure;
    String appStartedBy;

    /** Whether the step starts the app through the build's launcher (the default) rather than the engine. */
    boolean startsAppThroughLauncher() throws AbortException {
        String by = trimToNull(appStartedBy);
        if (by != null && !by.equals("launcher") && !by.equals("engine")) {
            throw new AbortException("browserTest: appStartedBy is 'launcher' (the default) or 'engine', not '" + by + "'");
        }
        return trimToNull(appCommand) != null && !"engine".equals(by);
    }

    static String trimToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    /** Entries separated by new lines or commas, blanks dropped. */
    static List<String> entries(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[\\r\\n,]+")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Runs the stage on the agent and returns the Pipeline value. */
    Map<String, Object> run(EngineCall call, String step) throws Exception {
        long start = System.nanoTime();
        Map<String, Object> request = request();
        EngineReply reply;
        Map<String, Object> shown;
        if (startsAppThroughLauncher()) {
            reply = runWithAppFromLauncher(call, step, request);
            shown = new LinkedHashMap<>(reply.result());
            shown.putIfAbsent("appLog", outputDirOrDefault() + "/app.log");
        } else {
            reply = call.invoke(step, "browser", request, Map.of());
            shown = reply.result();
        }
        if (!reply.isError()) {
            BrowserTestAction.addTo(call.run(), shown);
        }
        return call.finish(step, reply, start, stopOnFailure);
    }

    /**
     * Starts the app through the launcher on a port the agent's OS picks, hands its URL to the engine, and kills the
     * app's process tree afterwards — also when the build is aborted. Its output goes to {@code app.log} in the
     * output directory, and its last lines are quoted when the engine could not reach it.
     */
    private EngineReply runWithAppFromLauncher(EngineCall call, String step, Map<String, Object> request)
            throws Exception {
        int port = appPort > 0 ? appPort : call.workspace().act(new FreePort());
        String out = outputDirOrDefault();
        hudson.FilePath logFile = call.workspace().child(out).child("app.log");
        logFile.getParent().mkdirs();
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : appEnvMap().entrySet()) {
            env.put(e.getKey(), String.valueOf(e.getValue()));
        }
        env.put("PORT", String.valueOf(port));
        String script = appScript(port);
        call.listener().getLogger().println("[" + step + "] starting the app through the build's launcher on port "
                + port + ": " + script + " (output: " + out + "/app.log)");
        Map<String, Object> engineRequest = engineRequest(request, port);
        try (java.io.OutputStream log = logFile.write()) {
            hudson.Proc app = call.startCommand(script, env, log);
            try {
                EngineReply reply = call.invoke(step, "browser", engineRequest, Map.of());
                if (reply.isError() || !app.isAlive()) {
                    log.flush();
                    call.listener().getLogger().println("[" + step + "] the app's last lines (" + out + "/app.log):");
                    for (String line : tail(logFile, 20)) {
                        call.listener().getLogger().println("[" + step + "]   | " + line);
                    }
                }
                return reply;
            } finally {
                app.kill();
                call.listener().getLogger().println("[" + step + "] stopped the app");
            }
        }
    }

    private String outputDirOrDefault() {
        return trimToNull(outputDir) != null ? trimToNull(outputDir) : "slipway-browser";
    }

    /** The app command with the port filled in, run in {@code appDir} when one is given. */
    String appScript(int port) {
        String command = trimToNull(appCommand).replace("{port}", String.valueOf(port));
        String dir = trimToNull(appDir);
        return dir == null ? command : "cd '" + dir.replace("'", "'\\''") + "' && " + command;
    }

    /** The engine's request when the step runs the app: the engine only waits for it and drives the browser. */
    static Map<String, Object> engineRequest(Map<String, Object> request, int port) {
        Map<String, Object> r = new LinkedHashMap<>(request);
        r.remove("appCommand");
        r.remove("appDir");
        r.remove("appEnv");
        r.remove("appPort");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("appUrl", "http://127.0.0.1:" + port);
        out.putAll(r);
        return out;
    }

    private static List<String> tail(hudson.FilePath file, int lines) {
        try {
            List<String> all = new ArrayList<>(List.of(file.readToString().split("\\R")));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (Exception e) {
            return List.of("(cannot read it: " + e.getMessage() + ")");
        }
    }

    /** Asks the agent's OS for a free port. */
    static final class FreePort extends jenkins.MasterToSlaveFileCallable<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer invoke(java.io.File f, hudson.remoting.VirtualChannel channel) throws java.io.IOException {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    Map<String, Object> request() throws AbortException {
        if ((trimToNull(appCommand) == null) == (trimToNull(appUrl) == null)) {
            throw new AbortException("browserTest: give exactly one of appCommand (a command that starts the app on "
                    + "{port}) and appUrl (the URL of an app that already runs)");
        }
        if (entries(scenarios).isEmpty() && trimToNull(suiteCommand) == null) {
            throw new AbortException("browserTest: nothing to run: give scenarios (scenario files) and/or suiteCommand");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        put(r, "appCommand", trimToNull(appCommand));
        put(r, "appUrl", trimToNull(appUrl));
        put(r, "appDir", trimToNull(appDir));
        Map<String, Object> env = appEnvMap();
        if (!env.isEmpty()) {
            r.put("appEnv", env);
        }
        positive(r, "appPort", appPort);
        put(r, "readyPath", trimToNull(readyPath));
        positive(r, "readyStatus", readyStatus);
        put(r, "readyCheck", trimToNull(readyCheck));
        positive(r, "readyTimeoutSeconds", readyTimeoutSeconds);
        List<String> files = entries(scenarios);
        if (!files.isEmpty()) {
            r.put("scenarios", files);
        }
        put(r, "suiteCommand", trimToNull(suiteCommand));
        List<String> globs = entries(junitXml);
        if (!globs.isEmpty()) {
            r.put("junitXml", globs);
        }
        positive(r, "suiteTimeoutSeconds", suiteTimeoutSeconds);
        put(r, "browser", trimToNull(browser));
        put(r, "chromedriver", trimToNull(chromedriver));
        put(r, "chromeBinary", trimToNull(chromeBinary));
        positive(r, "stepTimeoutSeconds", stepTimeoutSeconds);
        put(r, "outputDir", trimToNull(outputDir));
        return r;
    }

    private Map<String, Object> appEnvMap() throws AbortException {
        Map<String, Object> env = new LinkedHashMap<>();
        for (String line : lines(appEnv)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new AbortException("browserTest: appEnv lines are NAME=VALUE, got '" + line + "'");
            }
            env.put(line.substring(0, eq).trim(), line.substring(eq + 1));
        }
        return env;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.trim().isEmpty()) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** 0 means "the engine's default"; a negative value is passed on so the engine names it. */
    private static void positive(Map<String, Object> map, String key, int value) {
        if (value != 0) {
            map.put(key, value);
        }
    }
}
