package io.jenkins.plugins.slipway.engine.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rules of different tools that name the same problem, each problem with one priority (the table of
 * {@code docs/steps/codeMetrics.md#same-problem-different-tools}). A finding of such a rule takes the problem's
 * priority whichever tool found it; findings of different tools on the same file and line naming the same problem
 * are one finding, its tool "flake8, pylint" (the tools that found it) and its rule their rule names joined. The
 * raw per-tool findings stay in the SARIF report.
 */
final class SameProblem {

    /** One problem: its name, its priority and the rules that name it, as {@code tool:rule}. */
    record Problem(String name, int priority, List<String> rules) {
    }

    static final List<Problem> TABLE = List.of(
            new Problem("undefined-variable", 1, List.of("flake8:F821", "ruff:F821", "pylint:undefined-variable",
                    "pylint:E0602")),
            new Problem("exec-used", 2, List.of("bandit:B102", "ruff:S102", "pylint:exec-used", "pylint:W0122")),
            new Problem("eval-used", 2, List.of("bandit:B307", "ruff:S307", "pylint:eval-used", "pylint:W0123")),
            new Problem("unused-import", 3, List.of("flake8:F401", "ruff:F401", "pylint:unused-import",
                    "pylint:W0611")),
            new Problem("unused-variable", 3, List.of("flake8:F841", "ruff:F841", "pylint:unused-variable",
                    "pylint:W0612")),
            new Problem("wildcard-import", 3, List.of("flake8:F403", "ruff:F403", "pylint:wildcard-import",
                    "pylint:W0401")),
            new Problem("bare-except", 3, List.of("flake8:E722", "ruff:E722", "pylint:bare-except", "pylint:W0702")),
            new Problem("anomalous-backslash-in-string", 3, List.of("flake8:W605", "ruff:W605",
                    "pylint:anomalous-backslash-in-string", "pylint:W1401")),
            new Problem("assert-used", 3, List.of("bandit:B101", "ruff:S101")),
            new Problem("line-too-long", 4, List.of("flake8:E501", "ruff:E501", "pylint:line-too-long",
                    "pylint:C0301")),
            new Problem("trailing-whitespace", 4, List.of("flake8:W291", "flake8:W293", "ruff:W291", "ruff:W293",
                    "pylint:trailing-whitespace", "pylint:C0303")),
            new Problem("missing-final-newline", 4, List.of("flake8:W292", "ruff:W292",
                    "pylint:missing-final-newline", "pylint:C0304")),
            new Problem("multiple-imports", 4, List.of("flake8:E401", "ruff:E401", "pylint:multiple-imports",
                    "pylint:C0410")),
            new Problem("multiple-statements", 4, List.of("flake8:E701", "flake8:E702", "flake8:E704", "ruff:E701",
                    "ruff:E702", "ruff:E704", "pylint:multiple-statements", "pylint:C0321")),
            new Problem("unnecessary-semicolon", 4, List.of("flake8:E703", "ruff:E703",
                    "pylint:unnecessary-semicolon", "pylint:W0301")),
            new Problem("singleton-comparison", 4, List.of("flake8:E711", "flake8:E712", "ruff:E711", "ruff:E712",
                    "pylint:singleton-comparison", "pylint:C0121")),
            new Problem("f-string-without-interpolation", 4, List.of("flake8:F541", "ruff:F541",
                    "pylint:f-string-without-interpolation", "pylint:W1309")));

    private static final Map<String, Problem> BY_RULE = new HashMap<>();

    static {
        for (Problem p : TABLE) {
            for (String rule : p.rules()) {
                BY_RULE.put(rule.toLowerCase(Locale.ROOT), p);
            }
        }
    }

    private SameProblem() {
    }

    /** The problem a tool's rule names, or null when the table has no such rule. */
    static Problem of(String tool, String rule) {
        return BY_RULE.get((tool + ":" + rule).toLowerCase(Locale.ROOT));
    }

    /**
     * What a finding's fingerprint hashes for its tool and rule: the problem's name for a table rule (merged or not,
     * so the fingerprint does not change with the set of tools that found it), else the tool and the rule.
     */
    static String identity(String tool, String rule) {
        int comma = tool.indexOf(", ");
        int slash = rule.indexOf(" / ");
        Problem p = of(comma < 0 ? tool : tool.substring(0, comma), slash < 0 ? rule : rule.substring(0, slash));
        return p == null ? tool + '\u0000' + rule : "problem\u0000" + p.name();
    }

    /** The findings with each table rule's priority set to its problem's (per tool: what the SARIF report holds). */
    static List<Findings.Raw> prioritise(List<Findings.Raw> raw) {
        List<Findings.Raw> out = new ArrayList<>(raw.size());
        for (Findings.Raw r : raw) {
            Problem p = of(r.tool(), r.rule());
            out.add(p == null || p.priority() == r.priority() ? r
                    : new Findings.Raw(r.tool(), r.file(), r.line(), r.rule(), p.priority(), r.message()));
        }
        return out;
    }

    /**
     * One finding per problem, file and line: the n-th finding of each tool there (tools report a line's findings in
     * column order, e.g. two unused imports of one {@code import} line) joins the n-th of the others. A finding no
     * table rule names, or a line only one tool flagged, is kept as it is.
     */
    static List<Findings.Raw> merge(List<Findings.Raw> raw) {
        List<Findings.Raw> prioritised = prioritise(raw);
        // problem, file and line -> tool -> that tool's findings there, in report order
        Map<String, Map<String, List<Findings.Raw>>> groups = new LinkedHashMap<>();
        List<Findings.Raw> out = new ArrayList<>(prioritised.size());
        for (Findings.Raw r : prioritised) {
            Problem p = of(r.tool(), r.rule());
            if (p == null) {
                out.add(r);
                continue;
            }
            String key = p.name() + '\u0000' + r.file() + '\u0000' + r.line();
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(r.tool(), t -> new ArrayList<>())
                    .add(r);
        }
        for (Map<String, List<Findings.Raw>> byTool : groups.values()) {
            if (byTool.size() == 1) {
                out.addAll(byTool.values().iterator().next());
                continue;
            }
            int n = byTool.values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < n; i++) {
                TreeSet<String> tools = new TreeSet<>();
                List<String> rules = new ArrayList<>();
                Findings.Raw first = null;
                for (Map.Entry<String, List<Findings.Raw>> e : new java.util.TreeMap<>(byTool).entrySet()) {
                    if (i < e.getValue().size()) {
                        Findings.Raw r = e.getValue().get(i);
                        tools.add(r.tool());
                        if (!rules.contains(r.rule())) {
                            rules.add(r.rule());
                        }
                        first = first == null ? r : first;
                    }
                }
                out.add(new Findings.Raw(String.join(", ", tools), first.file(), first.line(),
                        String.join(" / ", rules), first.priority(), first.message()));
            }
        }
        return out;
    }
}
