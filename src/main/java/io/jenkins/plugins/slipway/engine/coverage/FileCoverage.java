package io.jenkins.plugins.slipway.engine.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.BitSet;

/**
 * Coverage of one source file. {@code path} is relative to the workspace (forward slashes) when the file was found
 * there ({@code resolved}), otherwise the path as the report wrote it. {@code missedLines} lists the lines no test ran
 * as ranges ({@code "3-5, 9"}); null when the report has no per-line data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileCoverage(String path, boolean resolved, Counter lines, Counter branches, String missedLines) {

    public FileCoverage(String path, boolean resolved, Counter lines, Counter branches) {
        this(path, resolved, lines, branches, null);
    }

    FileCoverage merge(FileCoverage other) {
        String missed = missedLines == null ? other.missedLines : other.missedLines == null ? missedLines
                : ranges(union(parse(missedLines), parse(other.missedLines)));
        return new FileCoverage(path, resolved, lines.plus(other.lines), branches.plus(other.branches), missed);
    }

    private static BitSet union(BitSet a, BitSet b) {
        BitSet u = (BitSet) a.clone();
        u.or(b);
        return u;
    }

    /** Line numbers as ranges: {@code 3-5, 9}; "" for none. */
    static String ranges(BitSet missed) {
        StringBuilder s = new StringBuilder();
        for (int from = missed.nextSetBit(0); from >= 0; ) {
            int to = missed.nextClearBit(from) - 1;
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(from);
            if (to > from) {
                s.append('-').append(to);
            }
            from = missed.nextSetBit(to + 1);
        }
        return s.toString();
    }

    static BitSet parse(String ranges) {
        BitSet set = new BitSet();
        for (String part : ranges.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
            set.set(from, to + 1);
        }
        return set;
    }
}
