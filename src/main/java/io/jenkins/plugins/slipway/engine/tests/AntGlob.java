package io.jenkins.plugins.slipway.engine.tests;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Ant-style patterns: {@code **} any number of directories (also none), {@code *} any characters within a name,
 * {@code ?} one character. Version-control and dependency directories are not searched unless a pattern names them.
 */
final class AntGlob {
    private static final Set<String> PRUNED = Set.of(".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox",
            "__pycache__");

    private AntGlob() {
    }

    static Pattern toRegex(String glob) {
        return io.jenkins.plugins.slipway.engine.core.Globs.toRegex(glob);
    }

    /** Regular files under {@code base} matching any pattern, as sorted base-relative paths with forward slashes. */
    static List<String> find(Path base, List<String> globs) throws IOException {
        List<Pattern> patterns = globs.stream().map(AntGlob::toRegex).toList();
        boolean namesPruned = globs.stream().anyMatch(g -> PRUNED.stream().anyMatch(g::contains));
        Set<String> found = new TreeSet<>();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !namesPruned && !dir.equals(base) && PRUNED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String rel = base.relativize(file).toString().replace('\\', '/');
                    for (Pattern p : patterns) {
                        if (p.matcher(rel).matches()) {
                            found.add(rel);
                            break;
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return new ArrayList<>(found);
    }
}
