package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.engine.core.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What pylint is given: the top-level packages (directories with an {@code __init__.py}) and the modules outside any
 * package, as a user runs {@code pylint <package>}, instead of every file. pylint's whole-program checks
 * ({@code cyclic-import}, {@code duplicate-code}) report on the module it lints last, so the order of discovery
 * decides which file their findings name: pylint's own walk of a package gives the same files as the user's run. A
 * package some of whose modules the excludes leave out is given file by file (the checks still run; their findings
 * may then name another file), and the log says so.
 */
final class PythonModules {

    private PythonModules() {
    }

    /** The arguments for pylint: packages and lone modules, relative to {@code workDir}, in order. */
    static List<String> targets(List<String> files, Path workDir, Log log) {
        Set<String> wanted = new LinkedHashSet<>(files);
        TreeSet<String> packages = new TreeSet<>();
        List<String> loose = new ArrayList<>();
        for (String file : files) {
            String top = topPackage(file, workDir);
            if (top == null) {
                loose.add(file);
            } else {
                packages.add(top);
            }
        }
        List<String> targets = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (String pkg : packages) {
            List<String> inPackage = modulesOf(pkg, workDir);
            if (inPackage != null && wanted.containsAll(inPackage)) {
                targets.add(pkg);
                covered.addAll(inPackage);
            } else {
                log.info("pylint: package " + pkg + " is analysed file by file, as the excludes leave some of its "
                        + "modules out; its cyclic-import and duplicate-code findings may name another file than "
                        + "'pylint " + pkg + "' does");
            }
        }
        for (String file : files) {
            if (!covered.contains(file) && !loose.contains(file)) {
                loose.add(file);
            }
        }
        targets.addAll(loose);
        return targets;
    }

    /** The outermost directory of consecutive packages holding {@code file}, or null for a module in no package. */
    private static String topPackage(String file, Path workDir) {
        Path dir = Path.of(file).getParent();
        String top = null;
        while (dir != null && Files.isRegularFile(workDir.resolve(dir).resolve("__init__.py"))) {
            top = dir.toString().replace('\\', '/');
            dir = dir.getParent();
        }
        return top;
    }

    /** The modules pylint finds in a package: its .py files in directories that are packages themselves. */
    private static List<String> modulesOf(String pkg, Path workDir) {
        Path root = workDir.resolve(pkg);
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".py") && Files.isRegularFile(p))
                    .filter(p -> inPackages(root, p.getParent(), workDir))
                    .map(p -> workDir.relativize(p).toString().replace('\\', '/')).toList();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean inPackages(Path root, Path dir, Path workDir) {
        for (Path d = dir; d != null && d.startsWith(root); d = d.getParent()) {
            if (!Files.isRegularFile(d.resolve("__init__.py"))) {
                return false;
            }
        }
        return true;
    }
}
