package io.jenkins.plugins.slipway.engine.metrics;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one walk over the source roots: every regular file matching the include globs and none of the exclude globs.
 * Version-control and dependency directories are pruned, and build-output directories ({@code target},
 * {@code build}, {@code dist}, {@code out}) that sit beside a build file.
 */
final class SourceWalk {
    private static final Set<String> PRUNED = Set.of(".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox",
            "__pycache__", ".gradle", ".idea", ".mypy_cache", ".pytest_cache", "htmlcov", ".ruff_cache");
    /** Root elements of the XML reports tools write (JUnit, Cobertura / coverage.py, PMD, CPD, Checkstyle, SpotBugs). */
    private static final Set<String> REPORT_ROOTS = Set.of("testsuites", "testsuite", "testrun", "coverage", "pmd",
            "pmd-cpd", "checkstyle", "BugCollection");
    /** Build-output directory names, pruned only beside a build file (a Java package named "build" stays). */
    private static final Set<String> OUTPUT = Set.of("target", "build", "dist", "out");
    private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts",
            "settings.gradle", "settings.gradle.kts", "package.json", "setup.py", "pyproject.toml", "build.xml");

    private SourceWalk() {
    }

    static Pattern toRegex(String glob) {
        return io.jenkins.plugins.slipway.engine.core.Globs.toRegex(glob);
    }

    /** Files under the roots, relative paths (with '/') matched against the globs. Sorted, no duplicates. */
    static List<Path> files(Path workDir, List<Path> roots, List<String> includes, List<String> excludes)
            throws IOException {
        List<Pattern> in = includes.stream().map(SourceWalk::toRegex).toList();
        List<Pattern> out = excludes.stream().map(SourceWalk::toRegex).toList();
        Set<Path> found = new LinkedHashSet<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                found.add(root);
                continue;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && pruned(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        String rel = relative(workDir, file);
                        boolean included = in.isEmpty() || in.stream().anyMatch(p -> p.matcher(rel).matches());
                        if (included && out.stream().noneMatch(p -> p.matcher(rel).matches())) {
                            found.add(file);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        List<Path> sorted = new ArrayList<>(found);
        sorted.sort(null);
        return sorted;
    }

    static boolean pruned(Path dir) {
        String name = dir.getFileName().toString();
        if (PRUNED.contains(name)) {
            return true;
        }
        if (OUTPUT.contains(name) && dir.getParent() != null) {
            for (String buildFile : BUILD_FILES) {
                if (Files.isRegularFile(dir.getParent().resolve(buildFile))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an XML text is a report a test run or an analyser wrote (JUnit, Cobertura, JaCoCo, PMD, CPD, Checkstyle,
     * SpotBugs), judged by its root element: such a file is output, not code, wherever it lies and whatever its name.
     */
    static boolean isToolReport(String xml) {
        int i = 0;
        int n = Math.min(xml.length(), 4096);
        while (i < n) {
            char c = xml.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (xml.startsWith("<?", i)) {
                int end = xml.indexOf("?>", i);
                i = end < 0 ? n : end + 2;
            } else if (xml.startsWith("<!--", i)) {
                int end = xml.indexOf("-->", i);
                i = end < 0 ? n : end + 3;
            } else if (xml.startsWith("<!DOCTYPE", i)) {
                int end = xml.indexOf('>', i);
                if (end > 0 && xml.substring(i, end).contains("JACOCO")) {
                    return true;
                }
                i = end < 0 ? n : end + 1;
            } else if (c == '<') {
                int end = i + 1;
                while (end < xml.length() && !Character.isWhitespace(xml.charAt(end)) && xml.charAt(end) != '>'
                        && xml.charAt(end) != '/') {
                    end++;
                }
                return REPORT_ROOTS.contains(xml.substring(i + 1, end));
            } else {
                return false;
            }
        }
        return false;
    }

    static String relative(Path workDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String s = abs.startsWith(workDir) ? workDir.relativize(abs).toString() : abs.toString();
        return s.replace('\\', '/');
    }
}
