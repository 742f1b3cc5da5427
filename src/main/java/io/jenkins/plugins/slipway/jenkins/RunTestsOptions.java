package io.jenkins.plugins.slipway.jenkins;

import hudson.FilePath;
import hudson.Launcher;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code runTests} (step and freestyle builder share them) and what both do with them: run the user's
 * command through the build's launcher, then let the engine analyse the reports (analysis-only request), publish
 * the normalised JUnit XML to the junit plugin when it is installed, record the build Action, apply the verdict.
 */
final class RunTestsOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String STEP = "runTests";

    String command;
    int timeoutSeconds = 3600;
    String env;
    String workdir;
    String reports;
    String coverageReports;
    String coverageClassDirs;
    /** Null = the default (true): a Boolean, so a saved configuration without the element keeps the default. */
    Boolean ignoreStaleReports;
    boolean allowEmptyResults;
    int maxFailed;
    Double minLineCoverage;
    Double minBranchCoverage;
    Integer maxFlaky;
    String normalisedJUnitXml;
    String html;
    /** Null = the default (true). */
    Boolean publishJUnit;
    /** Where the normalised JUnit XML goes when the step publishes it to the junit plugin and no path is given. */
    static final String PUBLISHED_JUNIT_XML = "slipway/tests/junit.xml";
    boolean stopOnFailure;

    Map<String, Object> run(EngineCall call, Launcher launcher) throws Exception {
        long started = System.nanoTime();
        Map<String, Object> request = request();
        String script = trimToNull(command);
        if (script != null) {
            FilePath dir0 = call.workspace().child("slipway/tests");
            dir0.mkdirs();
            FilePath marker = dir0.child(".started");
            marker.write("", StandardCharsets.UTF_8.name());
            long startedAt = marker.lastModified(); // the agent's clock, like the reports' timestamps
            String dir = trimToNull(workdir);
            String inDir = dir == null ? script : "cd '" + dir.replace("'", "'\\''") + "' && " + script;
            int exit = call.runCommand(inDir, envMap(env), Duration.ofSeconds(timeoutSeconds));
            request.put("commandExitCode", exit);
            request.put("startedAtEpochMillis", startedAt);
        } else {
            request.put("commandExitCode", 0);
        }
        EngineReply reply = call.invoke(STEP, "test", request, Map.of());
        if (!reply.isError()) {
            if (publishJUnit()) {
                publish(call, launcher, reply.result());
            }
            RunTestsAction.addTo(call.run(), reply.status(), reply.summary(), reply.result());
        }
        return call.finish(STEP, reply, started, stopOnFailure);
    }

    boolean ignoreStaleReports() {
        return ignoreStaleReports == null || ignoreStaleReports;
    }

    boolean publishJUnit() {
        return publishJUnit == null || publishJUnit;
    }

    /** A saved configuration without some elements (hand-written, Job DSL, older versions) gets the defaults. */
    private Object readResolve() {
        if (timeoutSeconds <= 0) {
            timeoutSeconds = 3600;
        }
        return this;
    }

    /** The engine request as a plain map (only the fields that are set: the engine keeps its defaults). */
    Map<String, Object> request() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timeoutSeconds", timeoutSeconds);
        put(r, "env", envMap(env).isEmpty() ? null : envMap(env));
        put(r, "workdir", trimToNull(workdir));
        put(r, "reports", list(reports));
        put(r, "coverageReports", list(coverageReports));
        put(r, "coverageClassDirs", list(coverageClassDirs));
        r.put("ignoreStaleReports", ignoreStaleReports());
        r.put("allowEmptyResults", allowEmptyResults);
        r.put("maxFailed", maxFailed);
        put(r, "minLineCoverage", minLineCoverage);
        put(r, "minBranchCoverage", minBranchCoverage);
        put(r, "maxFlaky", maxFlaky);
        String junitXml = trimToNull(normalisedJUnitXml); // an empty form field means "the default"
        if (junitXml == null && publishJUnit() && JUnitPublishing.available()) {
            junitXml = PUBLISHED_JUNIT_XML; // the junit plugin reads one normalised file; the engine writes it only when asked
        }
        put(r, "normalisedJUnitXml", junitXml);
        put(r, "html", html == null ? null : html.trim());
        return r;
    }

    private static void publish(EngineCall call, Launcher launcher, Map<String, Object> result) {
        Object outputs = result.get("outputs");
        Object xml = outputs instanceof Map<?, ?> m ? m.get("normalisedJUnitXml") : null;
        if (xml == null) {
            return;
        }
        if (!JUnitPublishing.available()) {
            call.listener().getLogger().println("[" + STEP + "] the junit plugin is not installed; results are on the "
                    + "Slipway tests page only");
            return;
        }
        try {
            JUnitPublishing.publish(call, launcher, xml.toString());
        } catch (Exception | LinkageError e) {
            call.listener().getLogger().println("[" + STEP + "] could not publish " + xml + " to the junit plugin: " + e);
        }
    }

    static Map<String, String> envMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq).trim(), line.substring(eq + 1));
            }
        }
        return map;
    }

    /** Problems of an env text, for form validation; null when fine. */
    static String envProblem(String text) {
        for (String line : lines(text)) {
            if (line.indexOf('=') <= 0) {
                return "Not of the form NAME=VALUE: " + line;
            }
        }
        return null;
    }

    static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\n]")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\r?\\n")) {
                if (!line.isBlank()) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
