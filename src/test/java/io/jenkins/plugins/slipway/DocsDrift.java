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

    /**
     * The lines that differ, as a diff prints them: the common beginning and end left out (two lines of context
     * kept), {@code -} for what the file says, {@code +} for what it should say.
     */
    public static String diff(String actual, String wanted) {
        List<String> a = actual.lines().toList();
        List<String> w = wanted.lines().toList();
        int start = 0;
        while (start < a.size() && start < w.size() && a.get(start).equals(w.get(start))) {
            start++;
        }
        int endA = a.size();
        int endW = w.size();
        while (endA > start && endW > start && a.get(endA - 1).equals(w.get(endW - 1))) {
            endA--;
            endW--;
        }
        if (start == endA && start == endW) {
            return "(no difference in the lines)";
        }
        StringBuilder out = new StringBuilder("@@ line " + (start + 1) + " @@\n");
        for (int i = Math.max(0, start - 2); i < start; i++) {
            out.append("  ").append(a.get(i)).append('\n');
        }
        a.subList(start, endA).forEach(l -> out.append("- ").append(l).append('\n'));
        w.subList(start, endW).forEach(l -> out.append("+ ").append(l).append('\n'));
        for (int i = endA; i < Math.min(a.size(), endA + 2); i++) {
            out.append("  ").append(a.get(i)).append('\n');
        }
        return out.toString();
    }
}
