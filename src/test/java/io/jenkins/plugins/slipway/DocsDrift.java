package io.jenkins.plugins.slipway;

import java.util.List;

/** What the tests that keep generated text in step with the help files print when it drifted. */
public final class DocsDrift {

    private DocsDrift() {
    }

    /** The first line where {@code actual} differs from {@code wanted}, both quoted, for the failure message. */
    public static String firstDifference(String actual, String wanted) {
        List<String> a = actual.lines().toList();
        List<String> w = wanted.lines().toList();
        for (int i = 0; i < Math.max(a.size(), w.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(nothing)";
            String y = i < w.size() ? w.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + " says\n    " + x.trim() + "\nwhere the help files say\n    " + y.trim() + "\n";
            }
        }
        return "differs";
    }
}
