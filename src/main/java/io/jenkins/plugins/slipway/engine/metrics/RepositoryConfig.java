package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.core.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Python analyser's configuration from the workspace without the settings that load or run the repository's code
 * (see {@link PythonAnalysers}). The copy is written beside the original (a fresh, uniquely named file in the
 * workspace's top folder, so paths in it mean what they meant), handed to the tool with {@code --rcfile} or
 * {@code --config}, and removed after the run.
 */
final class RepositoryConfig {
    /** pylint settings that run code of the repository, in any of pylint's configuration formats. */
    static final Set<String> PYLINT_CODE_KEYS = Set.of("init-hook", "load-plugins", "unsafe-load-any-extension",
            "extension-pkg-allow-list", "extension-pkg-whitelist");

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([^\\]]+)\\]\\s*$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*[=:]");

    private RepositoryConfig() {
    }

    /**
     * The copy without code-running settings, or null when the configuration the tool would read has none of them
     * (then the tool reads its own files as usual).
     */
    static Path withoutCode(PythonAnalysers.Tool tool, Path workDir, Log log) throws IOException {
        return switch (tool) {
            case PYLINT -> pylint(workDir, log);
            case FLAKE8 -> flake8(workDir, log);
            case BANDIT -> null; // its configuration names tests and paths only; plugins come from installed packages
        };
    }

    private static Path pylint(Path workDir, Log log) throws IOException {
        for (String name : List.of("pylintrc", ".pylintrc", "pyproject.toml", "setup.cfg", "tox.ini")) {
            Path file = workDir.resolve(name);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean toml = name.endsWith(".toml");
            if (!hasPylintSection(lines, name)) {
                continue;
            }
            List<String> dropped = new ArrayList<>();
            List<String> kept = withoutKeys(name.equals("setup.cfg") || name.equals("tox.ini") ? pylintSections(lines)
                    : lines, toml, dropped);
            if (dropped.isEmpty()) {
                return null;
            }
            log.info("pylint: " + name + " sets " + dropped + ", which run code of the repository: left out (set "
                    + "trustRepositoryConfig to allow them)");
            return copy(workDir, "pylint", toml ? ".toml" : ".cfg", kept);
        }
        return null;
    }

    private static boolean hasPylintSection(List<String> lines, String name) {
        if (name.equals("pylintrc") || name.equals(".pylintrc")) {
            return true;
        }
        for (String line : lines) {
            java.util.regex.Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                String section = m.group(1).trim().toLowerCase(Locale.ROOT);
                if (section.startsWith("tool.pylint") || section.startsWith("pylint")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Only the {@code [pylint…]} sections of a shared file: pylint reads every section of a file given as rcfile. */
    private static List<String> pylintSections(List<String> lines) {
        List<String> kept = new ArrayList<>();
        boolean pylint = false;
        for (String line : lines) {
            java.util.regex.Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                pylint = m.group(1).trim().toLowerCase(Locale.ROOT).startsWith("pylint");
            }
            if (pylint) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The lines without the code-running keys (and their continuation lines or multi-line values). */
    static List<String> withoutKeys(List<String> lines, boolean toml, List<String> dropped) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            java.util.regex.Matcher key = KEY.matcher(line);
            if (!key.find() || !PYLINT_CODE_KEYS.contains(key.group(1).toLowerCase(Locale.ROOT).replace('_', '-'))) {
                kept.add(line);
                continue;
            }
            dropped.add(key.group(1));
            String value = line.substring(key.end()).trim();
            if (toml) {
                String close = value.startsWith("[") ? "]" : value.startsWith("'''") ? "'''"
                        : value.startsWith("\"\"\"") ? "\"\"\"" : null;
                String rest = close == null ? "" : value.substring(close.equals("]") ? 1 : 3);
                if (close != null && !rest.contains(close)) {
                    while (i + 1 < lines.size() && !lines.get(i + 1).contains(close)) {
                        i++;
                    }
                    i++; // the closing line
                }
            } else {
                // an INI value goes on over the following indented lines
                while (i + 1 < lines.size() && !lines.get(i + 1).isBlank()
                        && Character.isWhitespace(lines.get(i + 1).charAt(0))) {
                    i++;
                }
            }
        }
        return kept;
    }

    private static Path flake8(Path workDir, Log log) throws IOException {
        for (String name : List.of("setup.cfg", "tox.ini", ".flake8")) {
            Path file = workDir.resolve(name);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean flake8 = false;
            boolean local = false;
            List<String> kept = new ArrayList<>();
            boolean skipping = false;
            for (String line : lines) {
                java.util.regex.Matcher m = SECTION.matcher(line);
                if (m.matches()) {
                    String section = m.group(1).trim().toLowerCase(Locale.ROOT);
                    flake8 |= section.equals("flake8");
                    skipping = section.equals("flake8:local-plugins");
                    local |= skipping;
                }
                if (!skipping) {
                    kept.add(line);
                }
            }
            if (!flake8 && !local) {
                continue; // flake8 reads the first file with a [flake8] section
            }
            if (!local) {
                return null;
            }
            log.info("flake8: " + name + " names local plugins ([flake8:local-plugins]), code of the repository: left "
                    + "out (set trustRepositoryConfig to allow them)");
            return copy(workDir, "flake8", ".cfg", kept);
        }
        return null;
    }

    private static Path copy(Path workDir, String tool, String suffix, List<String> lines) throws IOException {
        Path copy = Files.createTempFile(workDir, ".slipway-" + tool + "-", suffix);
        Files.write(copy, lines, StandardCharsets.UTF_8);
        return copy;
    }
}
