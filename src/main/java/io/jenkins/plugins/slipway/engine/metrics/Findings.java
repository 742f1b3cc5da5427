package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.RuleCount;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violation;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every analyser's findings in one list: sorted, fingerprinted and counted. A fingerprint hashes the tool and the
 * rule (or the problem, for rules {@link SameProblem} names), the file, the flagged line's text (whitespace collapsed) and the occurrence number of that same
 * (tool, rule, file, text) in the file, so it survives lines moving up or down.
 */
final class Findings {
    static final int MAX_ITEMS = 500;

    /** A finding as an analyser or a report gave it; {@code file} relative to the workspace where possible. */
    record Raw(String tool, String file, int line, String rule, int priority, String message) {
        Raw {
            priority = Math.max(1, Math.min(5, priority));
            line = Math.max(0, line);
            message = message == null ? "" : message.strip();
        }
    }

    private Findings() {
    }

    /** Sorts and fingerprints; {@code texts} gives the text of a workspace file (read from disk when absent). */
    static List<Violation> fingerprint(List<Raw> raw, Path workDir, Map<String, String> texts) {
        List<Raw> sorted = new ArrayList<>(raw);
        sorted.sort(Comparator.comparing(Raw::file).thenComparingInt(Raw::line).thenComparing(Raw::tool)
                .thenComparing(Raw::rule).thenComparing(Raw::message));
        Map<String, String[]> lines = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Violation> out = new ArrayList<>(sorted.size());
        for (Raw r : sorted) {
            String[] fileLines = lines.computeIfAbsent(r.file(), f -> linesOf(f, workDir, texts));
            String text = r.line() >= 1 && r.line() <= fileLines.length
                    ? fileLines[r.line() - 1].strip().replaceAll("\\s+", " ") : r.message();
            String key = SameProblem.identity(r.tool(), r.rule()) + '\u0000' + r.file() + '\u0000' + text;
            int n = seen.merge(key, 1, Integer::sum);
            out.add(new Violation(r.tool(), r.file(), r.line(), r.rule(), r.priority(), r.message(),
                    sha(key + '\u0000' + n)));
        }
        return out;
    }

    private static String[] linesOf(String file, Path workDir, Map<String, String> texts) {
        String text = texts.get(file);
        if (text == null) {
            try {
                Path path = workDir.resolve(file);
                text = Files.isRegularFile(path) && Files.size(path) < 20_000_000
                        ? new String(Files.readAllBytes(path), StandardCharsets.UTF_8) : "";
            } catch (IOException | RuntimeException e) {
                text = "";
            }
        }
        return text.split("\r\n|\r|\n", -1);
    }

    static String sha(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The counts, the rules found most (top 20) and the first {@link #MAX_ITEMS} findings. */
    static Violations summarise(List<Violation> all, Map<String, String> ruleLanguages, long codeLines) {
        Map<String, Integer> byPriority = new TreeMap<>();
        for (int p = 1; p <= 5; p++) {
            byPriority.put(String.valueOf(p), 0);
        }
        Map<String, Integer> byTool = new TreeMap<>();
        Map<String, int[]> byRule = new HashMap<>();
        Map<String, Violation> ruleSample = new HashMap<>();
        List<String> high = new ArrayList<>();
        for (Violation v : all) {
            byPriority.merge(String.valueOf(v.priority()), 1, Integer::sum);
            byTool.merge(v.tool(), 1, Integer::sum);
            String key = v.tool() + '\u0000' + v.rule();
            byRule.computeIfAbsent(key, r -> new int[1])[0]++;
            ruleSample.putIfAbsent(key, v);
            if (v.priority() <= 2) {
                high.add(v.fingerprint());
            }
        }
        List<RuleCount> top = new ArrayList<>();
        byRule.forEach((key, n) -> {
            Violation v = ruleSample.get(key);
            top.add(new RuleCount(v.tool(), v.rule(), ruleLanguages.getOrDefault(key,
                    "pmd".equals(v.tool()) ? "" : languageOf(v.file())), v.priority(), n[0]));
        });
        top.sort(Comparator.comparingInt(RuleCount::count).reversed().thenComparing(RuleCount::tool)
                .thenComparing(RuleCount::rule));
        high.sort(null);
        double density = codeLines == 0 ? 0 : QualityGate.round(all.size() * 1000.0 / codeLines);
        return new Violations(all.size(), byPriority, byTool, density, List.copyOf(top.subList(0,
                Math.min(20, top.size()))), List.copyOf(all.subList(0, Math.min(MAX_ITEMS, all.size()))),
                all.size() > MAX_ITEMS, List.copyOf(high));
    }

    private static String languageOf(String file) {
        SizeLanguage language = SizeLanguage.of(file.substring(file.lastIndexOf('/') + 1));
        return language == null ? "" : language.displayName;
    }
}
