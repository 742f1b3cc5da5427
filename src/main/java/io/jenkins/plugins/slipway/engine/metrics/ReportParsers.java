package io.jenkins.plugins.slipway.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads analysers' reports into findings, with each tool's severity mapped to PMD's priorities 1 (high) .. 5 (low);
 * the mapping is documented in {@code docs/steps/codeMetrics.md}. The format is recognised by the content:
 * SARIF 2.1.0, pylint JSON, ruff JSON, bandit JSON, ESLint JSON, and the flake8 / pylint text formats.
 */
final class ReportParsers {
    /** flake8 default ({@code path:line:col: CODE message}) and pylint parseable ({@code path:line: [CODE(symbol), obj] message}). */
    private static final Pattern FLAKE8 = Pattern.compile("^(.+?):(\\d+):(?:(\\d+):)? ([A-Z]+[0-9]+) (.*)$");
    private static final Pattern PYLINT_TEXT = Pattern.compile(
            "^(.+?):(\\d+):(?:\\d+:)? \\[([A-Z]\\d{4})(?:\\(([\\w-]+)\\))?(?:, [^\\]]*)?\\] (.*)$");

    /** What a report held: its tool (for SARIF, one per run) and its findings. */
    record Parsed(String format, List<Findings.Raw> findings) {
    }

    private ReportParsers() {
    }

    /** Reads one report; paths in it are made relative to {@code workDir} where they lie under it. */
    static Parsed read(Path report, Path workDir) throws IOException {
        String text = new String(Files.readAllBytes(report), StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(trimmed);
            } catch (IOException e) {
                throw new IOException("not valid JSON (" + PmdRunner.firstLine(e.getMessage()) + ")", e);
            }
            return json(root, workDir);
        }
        return text(text, workDir);
    }

    static Parsed json(JsonNode root, Path workDir) throws IOException {
        if (root.isObject() && root.has("runs") && root.path("version").asText().startsWith("2.")) {
            return new Parsed("sarif", sarif(root, workDir));
        }
        if (root.isObject() && root.has("results") && (root.has("generated_at") || root.has("metrics"))) {
            return new Parsed("bandit", bandit(root, workDir));
        }
        if (root.isArray()) {
            JsonNode first = root.size() == 0 ? null : root.get(0);
            if (first == null) {
                return new Parsed("empty", List.of());
            }
            if (first.has("message-id") || first.has("messageId") && first.has("symbol")) {
                return new Parsed("pylint", pylint(root, workDir));
            }
            if (first.has("filePath") && first.has("messages")) {
                return new Parsed("eslint", eslint(root, workDir));
            }
            if (first.has("code") && first.has("location") && first.has("filename")) {
                return new Parsed("ruff", ruff(root, workDir));
            }
        }
        throw new IOException("not a report format Slipway reads (SARIF 2.1.0, pylint JSON, ruff JSON, bandit JSON, "
                + "ESLint JSON, flake8 or pylint text)");
    }

    /** pylint {@code --output-format=json}: fatal 1, error 2, warning 3, refactor and convention 4, info 5. */
    static List<Findings.Raw> pylint(JsonNode root, Path workDir) {
        List<Findings.Raw> out = new ArrayList<>();
        for (JsonNode m : root) {
            String id = m.has("message-id") ? m.path("message-id").asText() : m.path("messageId").asText();
            String symbol = m.path("symbol").asText(id);
            out.add(new Findings.Raw("pylint", rel(m.path("path").asText(), workDir), m.path("line").asInt(0),
                    symbol.isEmpty() ? id : symbol, pylintPriority(m.path("type").asText(), id),
                    m.path("message").asText()));
        }
        return out;
    }

    static int pylintPriority(String type, String id) {
        String t = type.isEmpty() && !id.isEmpty() ? String.valueOf(id.charAt(0)) : type;
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "fatal", "f" -> 1;
            case "error", "e" -> 2;
            case "warning", "w" -> 3;
            case "refactor", "r", "convention", "c" -> 4;
            default -> 5;
        };
    }

    /**
     * flake8 and ruff codes: E9, F63, F7, F82 (syntax errors, undefined names) 1; other F (pyflakes) and S (bandit
     * rules in ruff) 2; C90 (complexity), B (bugbear) and any other plugin 3; E and W (pycodestyle) 4.
     */
    static int codePriority(String code) {
        if (code.startsWith("E9") || code.startsWith("F63") || code.startsWith("F7") || code.startsWith("F82")) {
            return 1;
        }
        if (code.startsWith("F") || code.startsWith("S")) {
            return 2;
        }
        if (code.startsWith("E") || code.startsWith("W")) {
            return 4;
        }
        return 3;
    }

    static Parsed text(String text, Path workDir) throws IOException {
        List<Findings.Raw> out = new ArrayList<>();
        String format = null;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("*************")) {
                continue;
            }
            Matcher p = PYLINT_TEXT.matcher(line);
            if (p.matches()) {
                String id = p.group(3);
                out.add(new Findings.Raw("pylint", rel(p.group(1), workDir), Integer.parseInt(p.group(2)),
                        p.group(4) == null ? id : p.group(4), pylintPriority("", id), p.group(5)));
                format = "pylint";
                continue;
            }
            Matcher f = FLAKE8.matcher(line);
            if (f.matches()) {
                String code = f.group(4);
                out.add(new Findings.Raw("flake8", rel(f.group(1), workDir), Integer.parseInt(f.group(2)), code,
                        codePriority(code), f.group(5)));
                format = format == null ? "flake8" : format;
            }
        }
        if (format == null && !text.isBlank()) {
            throw new IOException("no line in the flake8 (path:line:col: CODE message) or pylint parseable "
                    + "(path:line: [CODE(symbol), object] message) format");
        }
        return new Parsed(format == null ? "empty" : format, out);
    }

    /** ruff {@code --output-format=json}: codes mapped as for flake8. */
    static List<Findings.Raw> ruff(JsonNode root, Path workDir) {
        List<Findings.Raw> out = new ArrayList<>();
        for (JsonNode m : root) {
            String code = m.path("code").asText("syntax-error");
            out.add(new Findings.Raw("ruff", rel(m.path("filename").asText(), workDir),
                    m.path("location").path("row").asInt(0), code, m.path("code").isNull() ? 1 : codePriority(code),
                    m.path("message").asText()));
        }
        return out;
    }

    /** bandit {@code -f json}: severity HIGH 1, MEDIUM 2, LOW 3; one lower when the confidence is LOW. */
    static List<Findings.Raw> bandit(JsonNode root, Path workDir) {
        List<Findings.Raw> out = new ArrayList<>();
        for (JsonNode m : root.path("results")) {
            int priority = switch (m.path("issue_severity").asText().toUpperCase(Locale.ROOT)) {
                case "HIGH" -> 1;
                case "MEDIUM" -> 2;
                default -> 3;
            };
            if ("LOW".equalsIgnoreCase(m.path("issue_confidence").asText())) {
                priority++;
            }
            out.add(new Findings.Raw("bandit", rel(m.path("filename").asText(), workDir),
                    m.path("line_number").asInt(0), m.path("test_id").asText("unknown"), priority,
                    m.path("issue_text").asText()));
        }
        return out;
    }

    /** ESLint {@code -f json}: fatal (parse error) 1, severity 2 (error) 2, severity 1 (warning) 3. */
    static List<Findings.Raw> eslint(JsonNode root, Path workDir) {
        List<Findings.Raw> out = new ArrayList<>();
        for (JsonNode file : root) {
            String path = rel(file.path("filePath").asText(), workDir);
            for (JsonNode m : file.path("messages")) {
                int priority = m.path("fatal").asBoolean(false) ? 1 : m.path("severity").asInt(1) >= 2 ? 2 : 3;
                out.add(new Findings.Raw("eslint", path, m.path("line").asInt(0),
                        m.path("ruleId").isTextual() ? m.path("ruleId").asText() : "parse-error", priority,
                        m.path("message").asText()));
            }
        }
        return out;
    }

    /**
     * SARIF 2.1.0, one tool per run ({@code tool.driver.name}, lower case). Priority: the rule's
     * {@code properties.priority} 1-5 when given (PMD writes it); else {@code security-severity} (result or rule
     * property) 9+ 1, 7+ 2, 4+ 3, above 0 4; else the level (result, else the rule's default configuration, else
     * warning): error 2, warning 3, note 4, none 5.
     */
    static List<Findings.Raw> sarif(JsonNode root, Path workDir) {
        List<Findings.Raw> out = new ArrayList<>();
        for (JsonNode run : root.path("runs")) {
            JsonNode driver = run.path("tool").path("driver");
            String tool = driver.path("name").asText("sarif").toLowerCase(Locale.ROOT).strip();
            List<JsonNode> rules = new ArrayList<>();
            driver.path("rules").forEach(rules::add);
            for (JsonNode r : run.path("results")) {
                String ruleId = r.path("ruleId").asText(r.path("rule").path("id").asText(""));
                int index = r.path("ruleIndex").asInt(r.path("rule").path("index").asInt(-1));
                JsonNode rule = index >= 0 && index < rules.size() ? rules.get(index) : null;
                if (rule == null) {
                    for (JsonNode candidate : rules) {
                        if (candidate.path("id").asText().equals(ruleId)) {
                            rule = candidate;
                            break;
                        }
                    }
                }
                if (ruleId.isEmpty() && rule != null) {
                    ruleId = rule.path("id").asText();
                }
                JsonNode location = r.path("locations").path(0).path("physicalLocation");
                String uri = location.path("artifactLocation").path("uri").asText("");
                String base = location.path("artifactLocation").path("uriBaseId").asText("");
                String file = sarifPath(uri, base, run, workDir);
                int line = location.path("region").path("startLine").asInt(0);
                String message = r.path("message").path("text").asText("");
                if (message.isEmpty() && rule != null) {
                    message = rule.path("shortDescription").path("text").asText(ruleId);
                }
                out.add(new Findings.Raw(tool, file, line, ruleId.isEmpty() ? "unknown" : ruleId,
                        sarifPriority(r, rule), message));
            }
        }
        return out;
    }

    static int sarifPriority(JsonNode result, JsonNode rule) {
        if (rule != null && rule.path("properties").path("priority").canConvertToInt()) {
            int p = rule.path("properties").path("priority").asInt();
            if (p >= 1 && p <= 5) {
                return p;
            }
        }
        JsonNode sev = result.path("properties").path("security-severity");
        if (sev.isMissingNode() && rule != null) {
            sev = rule.path("properties").path("security-severity");
        }
        if (!sev.isMissingNode()) {
            try {
                double s = Double.parseDouble(sev.asText());
                if (s > 0) {
                    return s >= 9 ? 1 : s >= 7 ? 2 : s >= 4 ? 3 : 4;
                }
            } catch (NumberFormatException e) {
                // not a number: fall back to the level
            }
        }
        String level = result.path("level").asText("");
        if (level.isEmpty() && rule != null) {
            level = rule.path("defaultConfiguration").path("level").asText("");
        }
        return switch (level) {
            case "error" -> 2;
            case "note" -> 4;
            case "none" -> 5;
            default -> 3;
        };
    }

    private static String sarifPath(String uri, String baseId, JsonNode run, Path workDir) {
        if (uri.isEmpty()) {
            return "";
        }
        String path = uri;
        if (uri.startsWith("file:")) {
            try {
                return rel(Path.of(URI.create(uri)).toString(), workDir);
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                path = uri.replaceFirst("^file:(//)?", "");
            }
        } else if (!baseId.isEmpty()) {
            String base = run.path("originalUriBaseIds").path(baseId).path("uri").asText("");
            if (base.startsWith("file:")) {
                try {
                    return rel(Path.of(URI.create(base)).resolve(decode(uri)).toString(), workDir);
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    // fall through: relative to the workspace
                }
            }
        }
        return rel(decode(path), workDir);
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A tool's path made relative to the workspace (with '/'), when it is absolute and under it. */
    static String rel(String path, Path workDir) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("./")) {
            p = p.substring(2);
        }
        try {
            Path asPath = Path.of(p);
            if (asPath.isAbsolute()) {
                return SourceWalk.relative(workDir, asPath);
            }
            return asPath.normalize().toString().replace('\\', '/');
        } catch (java.nio.file.InvalidPathException e) {
            return p;
        }
    }
}
