package io.jenkins.plugins.slipway.jenkins;

import hudson.FilePath;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a step's own HTML report (the page its engine result names in {@code report}, e.g. the deploy's or the EC2
 * launch's) with the build: archived with the {@code slipway.css} beside it as {@code slipway-<step>-<n>/index.html}
 * through the run's ArtifactManager, so it is served under Jenkins' archived-file CSP and survives the workspace.
 */
final class StageReports {

    private StageReports() {
    }

    /**
     * Archives the report of the {@code n}-th call of {@code step} in this build; returns its artifact path, or null
     * when the result names no report, the report is not a workspace file, or archiving failed (a warning in the
     * log: the step's outcome does not depend on its page).
     */
    static String archive(EngineCall call, String step, EngineReply reply, int n) {
        if (reply.isError() || reply.result() == null || !(reply.result().get("report") instanceof String html)
                || html.isBlank() || html.startsWith("/") || html.contains("..") || html.contains("\\") || html.contains(":")) {
            return null;
        }
        String dir = "slipway-" + step + "-" + n;
        try {
            FilePath source = call.workspace().child(html);
            if (!source.exists()) {
                return null;
            }
            Map<String, String> files = new LinkedHashMap<>();
            files.put(dir + "/index.html", html);
            String folder = html.contains("/") ? html.substring(0, html.lastIndexOf('/') + 1) : "";
            if (source.sibling("slipway.css").exists()) {
                files.put(dir + "/slipway.css", folder + "slipway.css");
            }
            call.run().pickArtifactManager().archive(call.workspace(), call.launcher(),
                    jenkins.util.BuildListenerAdapter.wrap(call.listener()), files);
            return dir + "/index.html";
        } catch (IOException e) {
            call.listener().getLogger().println("[" + step + "] WARNING: cannot archive the report " + html + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
