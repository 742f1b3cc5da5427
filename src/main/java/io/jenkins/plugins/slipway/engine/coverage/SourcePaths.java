package io.jenkins.plugins.slipway.engine.coverage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps source paths written in a report onto files in the workspace. A report made on another machine or in a
 * container names files under a root that does not exist here ({@code /var/lib/jenkins/workspace/app/src/x.py},
 * {@code /build/src/x.py}); the unknown prefix is dropped by matching the path's trailing components against the
 * files that do exist. A name that matches two files equally well stays unresolved rather than guessed, unless only
 * one of them lies in the project's own folders (the working directory of the tests, the metrics' source roots).
 */
final class SourcePaths {
    private static final Set<String> SKIPPED = Set.of(".git", ".hg", ".svn", "node_modules", ".venv", "venv",
            "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".gradle", ".idea");
    private static final int MAX_FILES = 500_000;

    private final Path workspace;
    private final List<String> preferredDirs;
    private Map<String, List<String>> byName;

    SourcePaths(Path workspace) {
        this(workspace, List.of());
    }

    /**
     * {@code preferredDirs}: the project's own folders, most specific first; of files that match a reported name
     * equally well, the only one inside one of them is taken.
     */
    SourcePaths(Path workspace, List<Path> preferredDirs) {
        this.workspace = workspace.toAbsolutePath().normalize();
        List<String> dirs = new ArrayList<>();
        for (Path dir : preferredDirs) {
            Path absolute = this.workspace.resolve(dir).normalize();
            if (absolute.startsWith(this.workspace) && !absolute.equals(this.workspace)) {
                dirs.add(slashes(this.workspace.relativize(absolute).toString()));
            }
        }
        this.preferredDirs = List.copyOf(dirs);
    }

    /** The workspace-relative path of the file a report names, or null when no file matches unambiguously. */
    String resolve(String reported, List<String> sourceRoots) {
        if (reported == null || reported.isBlank()) {
            return null;
        }
        String name = slashes(reported);
        List<String> candidates = new ArrayList<>();
        for (String root : sourceRoots) {
            if (root != null && !root.isBlank()) {
                candidates.add(slashes(root).replaceAll("/+$", "") + "/" + name);
            }
        }
        candidates.add(name);
        for (String candidate : candidates) {
            String direct = existing(candidate);
            if (direct != null) {
                return direct;
            }
        }
        List<String> best = List.of();
        for (String candidate : candidates) {
            String[] parts = candidate.split("/");
            List<String> sameName = index().getOrDefault(parts[parts.length - 1], List.of());
            int bestScore = 0;
            List<String> tied = new ArrayList<>();
            for (String file : sameName) {
                int score = commonSuffix(parts, file.split("/"));
                if (score > bestScore) {
                    bestScore = score;
                    tied.clear();
                }
                if (score == bestScore && score > 0 && !tied.contains(file)) {
                    tied.add(file);
                }
            }
            if (tied.size() == 1) {
                return tied.get(0);
            }
            if (best.isEmpty()) {
                best = tied;
            }
        }
        return preferred(best);
    }

    /**
     * Of files that match a name equally well, the one inside the project's own folders (a test run's working
     * directory, the metrics' source roots): a workspace that also holds another copy of the project (a second
     * checkout, the next version of it) names the project's own file. Null when that does not single one out.
     */
    private String preferred(List<String> tied) {
        if (tied.isEmpty()) {
            return null;
        }
        for (String dir : preferredDirs) {
            List<String> inside = tied.stream().filter(f -> dir.isEmpty() || f.startsWith(dir + "/")).toList();
            if (inside.size() == 1) {
                return inside.get(0);
            }
        }
        return null;
    }

    private String existing(String candidate) {
        try {
            Path path = Path.of(candidate);
            Path absolute = path.isAbsolute() ? path.normalize() : workspace.resolve(path).normalize();
            if (absolute.startsWith(workspace) && Files.isRegularFile(absolute)) {
                return slashes(workspace.relativize(absolute).toString());
            }
        } catch (RuntimeException e) {
            // not a valid path on this system: left to suffix matching
        }
        return null;
    }

    private static int commonSuffix(String[] a, String[] b) {
        int n = 0;
        while (n < a.length && n < b.length && a[a.length - 1 - n].equals(b[b.length - 1 - n])) {
            n++;
        }
        return n;
    }

    private Map<String, List<String>> index() {
        if (byName == null) {
            Map<String, List<String>> map = new HashMap<>();
            int[] count = {0};
            try {
                Files.walkFileTree(workspace, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(workspace) && SKIPPED.contains(dir.getFileName().toString())
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            map.computeIfAbsent(file.getFileName().toString(), k -> new ArrayList<>(1))
                                    .add(slashes(workspace.relativize(file).toString()));
                        }
                        return ++count[0] >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // an unreadable workspace leaves paths unresolved; figures are still correct
            }
            byName = map;
        }
        return byName;
    }

    static String slashes(String path) {
        return path.replace('\\', '/');
    }
}
