package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.git.GitService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Prepares the demo's workspace: the bundled example service as a real git repository (a good commit, then a
 * clone with a deliberately broken commit), compiled with the JDK's own compiler, each with a deployable
 * {@code build/dist} directory; the JaCoCo agent for its tests' coverage; the pipeline file.
 */
final class DemoProject {
    static final String RESOURCES = "slipway-engine/demo";
    static final String MARKER = ".slipway-demo";

    private final Path dir;
    private final Log log;
    private final GitService git = new GitService();

    DemoProject(Path dir, Log log) {
        this.dir = dir;
        this.log = log;
    }

    /** Builds everything and returns the pipeline file. */
    Path prepare() throws SlipwayException {
        try {
            clean();
            Path sources = dir.resolve("sources");
            extract(sources);
            Path service = dir.resolve("service");
            copyTree(sources.resolve("formapp"), service);
            Files.writeString(service.resolve(".gitignore"), "build/\n");
            var good = git.commitAll(service, "Form service: answer posted queries, health check", "Slipway Demo", "demo@slipway.invalid");
            log.info("example service committed: " + good.oneLine());
            Path next = dir.resolve("service-next");
            git.cloneLocal(service, next);
            Files.copy(sources.resolve("broken/src/main/java/example/Health.java"),
                    next.resolve("src/main/java/example/Health.java"), StandardCopyOption.REPLACE_EXISTING);
            var broken = git.commitAll(next, "Simplify the health check (deliberately broken: /health answers 500)",
                    "Slipway Demo", "demo@slipway.invalid");
            log.info("broken build committed: " + broken.oneLine());
            build(service, true);
            build(next, false);
            Path tools = Files.createDirectories(dir.resolve("tools"));
            try (InputStream agent = resource("jacocoagent.jar")) {
                Files.copy(agent, tools.resolve("jacocoagent.jar"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path pipeline = dir.resolve("pipeline.json");
            Files.copy(sources.resolve("pipeline.json"), pipeline, StandardCopyOption.REPLACE_EXISTING);
            return pipeline;
        } catch (IOException e) {
            throw new SlipwayException(Kind.ENVIRONMENT, "Cannot prepare the demo in " + dir + ": " + e.getMessage()
                    + ". Check that the directory is writable (--dir).", e);
        }
    }

    /** Deletes an earlier demo in {@code dir}; refuses a non-empty directory that is not one. */
    private void clean() throws IOException, SlipwayException {
        if (Files.isDirectory(dir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new SlipwayException(Kind.BAD_INPUT, dir + " is not empty and not an earlier demo (no " + MARKER
                        + " file): choose another --dir; the demo deletes its directory before each run.");
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "Workspace of `slipway demo`: deleted and made again by every run.\n");
    }

    /** Copies the bundled sources out of the engine (a jar, or target/classes when run from the build). */
    private static void extract(Path target) throws IOException, SlipwayException {
        URI location;
        try {
            location = DemoProject.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException | NullPointerException e) {
            throw new SlipwayException(Kind.ENVIRONMENT, "Cannot find where the engine runs from to read the demo sources", e);
        }
        Path root = Path.of(location);
        if (Files.isDirectory(root)) {
            copyTree(root.resolve(RESOURCES), target);
            return;
        }
        try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
            copyTree(jar.getPath("/" + RESOURCES), target);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException, SlipwayException {
        if (!Files.isDirectory(from)) {
            throw new SlipwayException(Kind.ENVIRONMENT, "The demo sources are missing from the engine (" + from
                    + "). Rebuild it with `mvn -B -DskipTests package`.");
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static InputStream resource(String name) throws SlipwayException {
        InputStream in = DemoProject.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new SlipwayException(Kind.ENVIRONMENT, name + " is missing from the engine. Rebuild it with `mvn -B -DskipTests package`.");
        }
        return in;
    }

    /** Compiles the service (and its tests) and lays out {@code build/dist}: classes + start.sh. */
    private void build(Path project, boolean withTests) throws IOException, SlipwayException {
        Path classes = project.resolve("build/classes");
        compile(sources(project.resolve("src/main/java")), classes, null);
        if (withTests) {
            List<Path> tests = new ArrayList<>(sources(project.resolve("src/test/java")));
            tests.addAll(sources(project.resolve("tools")));
            compile(tests, project.resolve("build/test-classes"), classes);
        }
        Path dist = project.resolve("build/dist");
        copyTree(classes, dist.resolve("classes"));
        Files.copy(project.resolve("start.sh"), dist.resolve("start.sh"), StandardCopyOption.REPLACE_EXISTING);
        log.info("built " + dir.relativize(dist));
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static void compile(List<Path> files, Path out, Path classpath) throws IOException, SlipwayException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new SlipwayException(Kind.ENVIRONMENT, "The demo compiles its example with the JDK's compiler, but this Java ("
                    + System.getProperty("java.home") + ") is a runtime without one. Run the demo with a JDK 17 or newer.");
        }
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8", "-d", out.toString()));
        if (classpath != null) {
            args.addAll(List.of("-cp", classpath.toString()));
        }
        files.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
        if (rc != 0) {
            throw new SlipwayException(Kind.ENVIRONMENT, "Compiling the demo's example failed:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    /** A port free on every address in {@code addresses} (the service listens on the same port on each host). */
    static int freePort(List<String> addresses) throws SlipwayException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            } catch (IOException e) {
                continue;
            }
            boolean free = true;
            for (String address : addresses) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new SlipwayException(Kind.ENVIRONMENT, "Cannot find a free loopback port for the demo's service on " + addresses);
    }
}
