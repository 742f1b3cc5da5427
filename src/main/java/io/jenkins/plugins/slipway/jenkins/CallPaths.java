package io.jenkins.plugins.slipway.jenkins;

/**
 * Where the files of one call of a step go when the user names no path: each call of a step in a build gets its own,
 * derived from its stage page's URL ({@code sshDeploy}, {@code sshDeploy-2}, …). The first call keeps the engine's
 * default ({@code slipway/deploy/index.html}); the n-th puts {@code -n} after the folder that holds its files
 * ({@code slipway/deploy-2/index.html}), so two calls — also in {@code parallel} branches — never overwrite each
 * other's report and each stage page links its own.
 */
public final class CallPaths {

    private CallPaths() {
    }

    /** What the n-th call's stage URL adds to the step's name: nothing for the first call, {@code -n} for the n-th. */
    public static String suffix(int index) {
        return index <= 1 ? "" : "-" + index;
    }

    /**
     * A folder of the n-th call: {@code slipway/metrics} stays as it is for the first call and becomes
     * {@code slipway/metrics-2} for the second.
     */
    public static String folder(String folder, int index) {
        String dir = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("a default folder must not be empty");
        }
        return dir + suffix(index);
    }

    /**
     * A file of the n-th call: its folder gets the suffix ({@code slipway/deploy/index.html} →
     * {@code slipway/deploy-2/index.html}); a file without a folder gets it before its extension
     * ({@code report.html} → {@code report-2.html}).
     */
    public static String file(String path, int index) {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            return folder(path.substring(0, slash), index) + path.substring(slash);
        }
        int dot = path.lastIndexOf('.');
        return dot > 0 ? path.substring(0, dot) + suffix(index) + path.substring(dot) : path + suffix(index);
    }
}
