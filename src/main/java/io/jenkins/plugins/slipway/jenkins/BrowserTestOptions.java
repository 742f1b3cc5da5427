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
 * Turns itself into the engine's {@code browser} request. The engine starts the app on the agent, in the
 * workspace, with the build's environment, and stops it with every child process when the step ends or is aborted.
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
        EngineReply reply = call.invoke(step, "browser", request, Map.of());
        if (!reply.isError()) {
            BrowserTestAction.addTo(call.run(), reply.result());
        }
        return call.finish(step, reply, start, stopOnFailure);
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
        Map<String, Object> env = new LinkedHashMap<>();
        for (String line : lines(appEnv)) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new AbortException("browserTest: appEnv lines are NAME=VALUE, got '" + line + "'");
            }
            env.put(line.substring(0, eq).trim(), line.substring(eq + 1));
        }
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
