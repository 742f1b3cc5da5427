package io.jenkins.plugins.slipway.realjenkins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Jenkins for the integration suite: the war of a Jenkins distribution folder, started in its own process on a
 * free loopback port with a temporary {@code JENKINS_HOME} under {@code target/}, the distribution's plugins plus
 * {@code target/slipway.hpi}, offline (no update site, no usage statistics), with security on (an {@code admin} user
 * whose API token authenticates every call). Driven over HTTP: REST, the script console, plain page fetches.
 *
 * <p>The distribution folder holds {@code jenkins.war} and {@code plugins/*.hpi}; it is named by the system property
 * {@code slipway.jenkins.dist} or the environment variable {@code SLIPWAY_JENKINS_DIST}, else {@code ../shared/jenkins}
 * next to the project. Nothing is ever written into it.
 */
public final class RealJenkins implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String PASSWORD = "slipway-admin";
    private static final Pattern RECORD_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+\\d{4} \\[id=\\d+\\]\\t(\\w+)\\t(.*)");

    private final Path dist;
    private final Path home;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Process> extraProcesses = new ArrayList<>();
    private final Map<String, String> environment;
    private Process process;
    private String token;
    private int starts;

    private RealJenkins(Path dist, Path home, int port, Map<String, String> environment) {
        this.dist = dist;
        this.home = home;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.log = home.resolve("jenkins.log");
    }

    /** The distribution folder, or empty with the reason it cannot be used. */
    public static Distribution distribution() {
        String configured = System.getProperty("slipway.jenkins.dist");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("SLIPWAY_JENKINS_DIST");
        }
        Path folder = configured == null || configured.isBlank()
                ? projectDir().resolve("../shared/jenkins").normalize() : Path.of(configured).toAbsolutePath();
        if (!Files.isRegularFile(folder.resolve("jenkins.war"))) {
            return new Distribution(folder, "no Jenkins war at " + folder.resolve("jenkins.war")
                    + " (set -Dslipway.jenkins.dist=DIR or SLIPWAY_JENKINS_DIST to a folder with jenkins.war and plugins/)");
        }
        if (!Files.isRegularFile(projectDir().resolve("target/slipway.hpi"))) {
            return new Distribution(folder, "target/slipway.hpi is missing: run `mvn -B verify` (the package phase builds it)");
        }
        int minJava = Integer.getInteger("slipway.jenkins.minJava", 17);
        Path java = java(minJava);
        if (java == null) {
            return new Distribution(folder, "Jenkins " + version(folder) + " needs Java " + minJava + " or later and "
                    + "none was found (set -Dslipway.jenkins.lts.java=JAVA_HOME or SLIPWAY_JENKINS_LTS_JAVA)");
        }
        return new Distribution(folder, null);
    }

    /** Where a distribution is, and why it cannot be used (null when it can). */
    public record Distribution(Path folder, String unusableBecause) {
        /** Which Jenkins with which Java, for the reports: {@code Jenkins 2.568.2 on Java 25.0.3 (<java>)}. */
        public String describe() {
            Path java = java(Integer.getInteger("slipway.jenkins.minJava", 17));
            return "Jenkins " + version(folder) + " (" + folder + ") on Java " + javaVersion(java) + " (" + java + ")";
        }
    }

    /**
     * The Java that runs Jenkins and its agents: {@code -Dslipway.jenkins.java} (a Java home or its
     * {@code bin/java}; the LTS line's execution sets it from {@code -Dslipway.jenkins.lts.java}), or for a Jenkins
     * that needs Java 21+ {@code SLIPWAY_JENKINS_LTS_JAVA}; else this JVM's when it is {@code minJava} or later; else the newest Java
     * of at least {@code minJava} under {@code /usr/lib/jvm}; null when there is none.
     */
    static Path java(int minJava) {
        String configured = System.getProperty("slipway.jenkins.java");
        if ((configured == null || configured.isBlank()) && minJava >= 21) {
            configured = System.getenv("SLIPWAY_JENKINS_LTS_JAVA");
        }
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? p.resolve("bin/java") : p;
        }
        if (Runtime.version().feature() >= minJava) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        Path best = null;
        int bestVersion = 0;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.toList()) {
                int v = feature(javaVersion(home.resolve("bin/java")));
                if (Files.isExecutable(home.resolve("bin/java")) && v >= minJava && v > bestVersion) {
                    best = home.resolve("bin/java");
                    bestVersion = v;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return best;
    }

    /** The {@code JAVA_VERSION} of the Java home of {@code java} (its {@code release} file), or "?". */
    static String javaVersion(Path java) {
        if (java == null) {
            return "?";
        }
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // no release file
        }
        return java.toAbsolutePath().startsWith(System.getProperty("java.home"))
                ? Runtime.version().toString() : "?";
    }

    private static int feature(String version) {
        Matcher m = Pattern.compile("^(\\d+)").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The Jenkins version of a distribution, from its war's manifest. */
    static String version(Path folder) {
        try (java.util.jar.JarFile war = new java.util.jar.JarFile(folder.resolve("jenkins.war").toFile())) {
            String v = war.getManifest().getMainAttributes().getValue("Jenkins-Version");
            return v == null ? war.getManifest().getMainAttributes().getValue("Implementation-Version") : v;
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The Java that runs this Jenkins and its agents ({@link #java(int)}). */
    public Path java() {
        return java(Integer.getInteger("slipway.jenkins.minJava", 17));
    }

    static Path projectDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** Lays out a new home and starts Jenkins; returns when it answers as the admin. */
    public static RealJenkins start(Path dist) throws IOException, InterruptedException {
        return start(dist, Map.of());
    }

    /**
     * {@link #start(Path)} with these variables added to Jenkins' environment at every start (e.g.
     * {@code CASC_JENKINS_CONFIG}).
     */
    public static RealJenkins start(Path dist, Map<String, String> environment) throws IOException, InterruptedException {
        Path root = projectDir().resolve("target/real-jenkins");
        Files.createDirectories(root);
        Path home = Files.createTempDirectory(root, "home-");
        RealJenkins jenkins = new RealJenkins(dist, home, freePort(), environment);
        jenkins.layOut();
        jenkins.launch();
        return jenkins;
    }

    private void layOut() throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        try (Stream<Path> files = Files.list(dist.resolve("plugins"))) {
            for (Path hpi : files.filter(p -> p.toString().endsWith(".hpi") || p.toString().endsWith(".jpi")).toList()) {
                String name = hpi.getFileName().toString().replaceAll("\\.[hj]pi$", "");
                Files.copy(hpi, plugins.resolve(name + ".jpi"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(projectDir().resolve("target/slipway.hpi"), plugins.resolve("slipway.jpi"), StandardCopyOption.REPLACE_EXISTING);
        Path init = Files.createDirectories(home.resolve("init.groovy.d"));
        Files.writeString(init.resolve("00-slipway-it.groovy"), """
                import jenkins.model.*
                import hudson.security.*
                import jenkins.security.ApiTokenProperty
                def j = Jenkins.get()
                j.getUpdateCenter().getSites().clear()
                j.getUpdateCenter().save()
                def realm = j.getSecurityRealm() instanceof HudsonPrivateSecurityRealm ? j.getSecurityRealm() : new HudsonPrivateSecurityRealm(false)
                def u = realm.getUser('%1$s') ?: realm.createAccount('%1$s', '%2$s')
                j.setSecurityRealm(realm)
                def auth = new FullControlOnceLoggedInAuthorizationStrategy(); auth.setAllowAnonymousRead(false)
                j.setAuthorizationStrategy(auth)
                j.setNumExecutors(2)
                j.setInstallState(jenkins.install.InstallState.INITIAL_SETUP_COMPLETED)
                def loc = JenkinsLocationConfiguration.get(); loc.setUrl('http://127.0.0.1:%3$d/'); loc.save()
                def f = new File(j.getRootDir(), 'admin.token')
                if (!f.exists()) {
                  def t = u.getProperty(ApiTokenProperty.class).getTokenStore().generateNewToken('slipway-it')
                  u.save()
                  f.text = t.plainValue
                }
                j.save()
                new File(j.getRootDir(), 'init.done').text = 'yes'
                """.formatted(ADMIN, PASSWORD, port));
    }

    private void launch() throws IOException, InterruptedException {
        Files.deleteIfExists(home.resolve("init.done"));
        starts++;
        Path javaBin = java();
        List<String> cmd = List.of(javaBin.toString(), "-Xmx1g", "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false", "-Dhudson.model.UpdateCenter.never=true",
                "-Dhudson.model.DownloadService.never=true", "-Dhudson.model.UsageStatistics.disabled=true",
                "-Dhudson.plugins.git.GitSCM.ALLOW_LOCAL_CHECKOUT=true",
                "-Djenkins.model.Jenkins.slaveAgentPort=-1",
                "-DJENKINS_HOME=" + home, "-jar", dist.resolve("jenkins.war").toString(),
                "--httpPort=" + port, "--httpListenAddress=127.0.0.1", "--webroot=" + home.resolve("war"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        pb.environment().put("JENKINS_HOME", home.toString());
        pb.environment().putAll(isolatedEnvironment());
        process = pb.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Jenkins stopped during start-up (exit " + process.exitValue() + "); the end of "
                        + log + ":\n" + tail(40));
            }
            if (Files.exists(home.resolve("init.done")) && Files.exists(home.resolve("admin.token"))) {
                token = Files.readString(home.resolve("admin.token")).trim();
                try {
                    if (get("api/json?tree=mode").statusCode() == 200 && logText().contains("Jenkins is fully up and running")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(500);
        }
        throw new IOException("Jenkins did not come up within 4 minutes; the end of " + log + ":\n" + tail(40));
    }

    /** Stops Jenkins (its whole process tree) and starts it again on the same home and port. */
    public void restart() throws IOException, InterruptedException {
        restart(() -> { });
    }

    /** Something done while Jenkins is down (its config changed, an agent stopped). */
    public interface WhileDown {
        void run() throws Exception;
    }

    /** Stops Jenkins (its whole process tree), runs {@code whileDown}, and starts it again on the same home and port. */
    public void restart(WhileDown whileDown) throws IOException, InterruptedException {
        stopProcess(process);
        try {
            whileDown.run();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        launch();
    }

    /**
     * What keeps the suite's Slipway engines out of the user's home: their engine cache ({@code SLIPWAY_ENGINE_CACHE};
     * its pruning must never remove another checkout's engines) and their host-key trust store (the engine JVM's
     * {@code slipway.trustDir}), both beside this Jenkins's home under {@code target/real-jenkins/}. Set on the
     * Jenkins process (builds on the built-in node get it in their environment) and on every agent the suite starts
     * ({@link #startProcess}); a node property or a build's own variable still wins.
     */
    public Map<String, String> isolatedEnvironment() {
        Path beside = home.resolveSibling(home.getFileName() + "-slipway");
        return Map.of("SLIPWAY_ENGINE_CACHE", beside.resolve("engine-cache").toString(),
                "SLIPWAY_ENGINE_JAVA_OPTS", "-Dslipway.trustDir=" + beside.resolve("trust"));
    }

    /**
     * Restarts Jenkins the way an admin does ({@code POST /restart}, or {@code /safeRestart} when {@code safe}): the
     * JVM execs itself again in the same process, so what its builds started on the controller keeps running, as it
     * does on an agent. Returns once the new Jenkins is fully up.
     */
    public void restartInPlace(boolean safe) throws IOException, InterruptedException {
        int before = upCount();
        String path = safe ? "safeRestart" : "restart";
        int asked = restartRequests();
        // Jenkins may still be settling after a start (answering 503): ask again until it logs the restart
        RealJenkins.waitFor("Jenkins to accept POST " + path, Duration.ofMinutes(2), () -> {
            try {
                HttpResponse<String> r = post(path, "application/x-www-form-urlencoded", "");
                if (restartRequests() > asked || upCount() > before) {
                    return Optional.of(true);
                }
                if (r.statusCode() >= 400) {
                    System.out.println("POST " + path + " answered " + r.statusCode() + "; asking again");
                }
                Thread.sleep(2000);
                return restartRequests() > asked || upCount() > before ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        RealJenkins.waitFor("Jenkins to be up again after the restart", Duration.ofMinutes(5), () -> {
            try {
                return upCount() > before && get("api/json?tree=mode").statusCode() == 200 ? Optional.of(true)
                        : Optional.empty();
            } catch (IOException notYet) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        starts++;
    }

    private int restartRequests() {
        try {
            Matcher m = Pattern.compile("Restart in \\d+ seconds|Stopping Jenkins as requested|safe restart", Pattern.CASE_INSENSITIVE)
                    .matcher(logText());
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    private int upCount() throws IOException {
        Matcher m = Pattern.compile("Jenkins is fully up and running").matcher(logText());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return log;
    }

    public String token() {
        return token;
    }

    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    public String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The log's records (a header line and its continuation lines) of level SEVERE or WARNING. */
    public List<String> warningRecords() throws IOException {
        List<String> records = new ArrayList<>();
        StringBuilder current = null;
        String level = null;
        for (String line : logText().split("\n")) {
            Matcher m = RECORD_START.matcher(line);
            if (m.find()) {
                if (current != null && ("SEVERE".equals(level) || "WARNING".equals(level))) {
                    records.add(current.toString());
                }
                current = new StringBuilder(line);
                level = m.group(1);
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null && ("SEVERE".equals(level) || "WARNING".equals(level))) {
            records.add(current.toString());
        }
        return records;
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        String target = path.startsWith("http") ? path : url() + (path.startsWith("/") ? path.substring(1) : path);
        return HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET that must answer 200; returns the body. */
    public String page(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ":\n" + abbreviate(r.body()));
        }
        return r.body();
    }

    public HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", body);
    }

    /** Runs Groovy in the script console as the admin; returns what it printed. Fails on a Groovy error. */
    public String script(String groovy) throws IOException, InterruptedException {
        HttpResponse<String> r = postForm("scriptText", Map.of("script", groovy));
        if (r.statusCode() != 200) {
            throw new AssertionError("script console answered " + r.statusCode() + ":\n" + abbreviate(r.body()));
        }
        return r.body();
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
    }

    // ---- jobs and builds ----------------------------------------------------------------------------------------

    /** Creates (or replaces) a job from its config.xml. */
    public void createJob(String name, String configXml) throws IOException, InterruptedException {
        if (get("job/" + enc(name) + "/api/json?tree=name").statusCode() == 200) {
            HttpResponse<String> r = post("job/" + enc(name) + "/config.xml", "application/xml", configXml);
            check(r, "update job " + name);
            return;
        }
        HttpResponse<String> r = post("createItem?name=" + enc(name), "application/xml", configXml);
        check(r, "create job " + name);
    }

    /** A Pipeline job whose script runs in the Groovy sandbox, as a user's would. */
    public void createPipeline(String name, String script) throws IOException, InterruptedException {
        createJob(name, pipelineXml(script));
    }

    public static String pipelineXml(String script) {
        return "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition>\n"
                + "  <definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\">\n"
                + "    <script>" + xmlEscape(script) + "</script>\n    <sandbox>true</sandbox>\n  </definition>\n"
                + "</flow-definition>\n";
    }

    public static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void check(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2 && r.statusCode() != 302) {
            throw new AssertionError(what + " answered " + r.statusCode() + ":\n" + abbreviate(r.body()));
        }
    }

    /** Schedules a build and returns its number once it has left the queue. */
    public int startBuild(String job) throws IOException, InterruptedException {
        HttpResponse<String> r = post("job/" + enc(job) + "/build?delay=0sec", "application/x-www-form-urlencoded", "");
        check(r, "build " + job);
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no queue item for " + job));
        String item = location.endsWith("/") ? location : location + "/";
        return waitFor("build of " + job + " to leave the queue", Duration.ofMinutes(3), () -> {
            String json = quiet(() -> page(item + "api/json"));
            Matcher m = Pattern.compile("\"executable\":\\{[^}]*\"number\":(\\d+)").matcher(json);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        });
    }

    /** Waits until a build has finished and returns its result (SUCCESS, UNSTABLE, FAILURE, ABORTED). */
    public String waitForResult(String job, int number, Duration timeout) throws InterruptedException {
        String api = "job/" + enc(job) + "/" + number + "/api/json?tree=building,result";
        try {
            return waitFor(job + " #" + number + " to finish", timeout, () -> {
                String json = quiet(() -> page(api));
                if (json.contains("\"building\":false")) {
                    Matcher m = Pattern.compile("\"result\":\"(\\w+)\"").matcher(json);
                    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
                }
                return Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nconsole so far:\n" + quiet(() -> console(job, number)), e);
        }
    }

    /** Builds a job and waits for it; returns the finished build. */
    public Build build(String job) throws IOException, InterruptedException {
        return build(job, Duration.ofMinutes(6));
    }

    public Build build(String job, Duration timeout) throws IOException, InterruptedException {
        int number = startBuild(job);
        String result = waitForResult(job, number, timeout);
        return new Build(this, job, number, result, console(job, number));
    }

    public String console(String job, int number) throws IOException, InterruptedException {
        return page("job/" + enc(job) + "/" + number + "/consoleText");
    }

    /** A finished build as seen from outside. */
    public record Build(RealJenkins jenkins, String job, int number, String result, String console) {
        public String path() {
            return "job/" + enc(job) + "/" + number + "/";
        }

        @Override
        public String toString() {
            return job + " #" + number + " " + result + "\n" + console;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    public interface IoSupplier<T> {
        T get() throws Exception;
    }

    public static <T> T quiet(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Polls until {@code probe} gives a value; fails with {@code what} after the timeout. */
    public static <T> T waitFor(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            Thread.sleep(400);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a helper process (an agent) whose whole tree is stopped with Jenkins. */
    public Process startProcess(List<String> command, Path dir, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(isolatedEnvironment());
        Process p = builder.start();
        synchronized (extraProcesses) {
            extraProcesses.add(p);
        }
        return p;
    }

    /**
     * An inbound (WebSocket) agent for one test: exclusive, so other tests' builds never go there, with the given
     * executors and agent environment variables. When an agent of that name is already there (another test class
     * connected it; its process reconnects by itself after a restart, and a second process of the same name would
     * fight it for the connection), only waits for it to be online and returns null; else returns the agent's process,
     * which is stopped with Jenkins.
     */
    public Process connectAgent(String name, int executors, Path agentDir, Path remoteFs, Map<String, String> environment)
            throws IOException, InterruptedException {
        Process process = null;
        if (get("computer/" + name + "/api/json?tree=offline").statusCode() != 200) {
            StringBuilder properties = new StringBuilder();
            environment.forEach((k, v) -> properties.append("agent.getNodeProperties().add(new EnvironmentVariablesNodeProperty(")
                    .append("new EnvironmentVariablesNodeProperty.Entry('").append(k).append("', '").append(v).append("')))\n"));
            String out = script("""
                    import hudson.slaves.*
                    import jenkins.model.Jenkins
                    def j = Jenkins.get()
                    if (j.getNode('%1$s') == null) {
                      def launcher = new JNLPLauncher(true)
                      launcher.setWebSocket(true)
                      def agent = new DumbSlave('%1$s', '%2$s', launcher)
                      agent.setNumExecutors(%3$d)
                      agent.setLabelString('%1$s')
                      agent.setMode(hudson.model.Node.Mode.EXCLUSIVE)
                      %4$s
                      j.addNode(agent)
                    }
                    println 'secret=' + j.getComputer('%1$s').getJnlpMac()
                    """.formatted(name, remoteFs, executors, properties));
            String secret = out.lines().filter(l -> l.startsWith("secret=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no agent secret in the script's answer: " + out)).substring(7).trim();
            Path jar = downloadTo("jnlpJars/agent.jar", agentDir.resolve("agent.jar"));
            process = startProcess(List.of(java().toString(), "-jar", jar.toString(), "-url", url(), "-secret", secret,
                    "-name", name, "-webSocket", "-workDir", agentDir.resolve("work").toString()), agentDir, agentDir.resolve("agent.log"));
        }
        waitFor("the agent " + name + " to be online", Duration.ofMinutes(3), () -> {
            String json = quiet(() -> page("computer/" + name + "/api/json?tree=offline"));
            return json.contains("\"offline\":false") ? Optional.of(true) : Optional.empty();
        });
        return process;
    }

    public Path downloadTo(String path, Path target) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode());
        }
        try (InputStream in = r.body()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    public static void stopProcess(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        try {
            synchronized (extraProcesses) {
                for (Process p : extraProcesses) {
                    stopProcess(p);
                }
            }
            stopProcess(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Command lines of the Jenkins process's live descendants (what its builds started). */
    public List<String> descendants() {
        return process.descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("")).toList();
    }

    int starts() {
        return starts;
    }

    static void rethrow(IOException e) {
        throw new UncheckedIOException(e);
    }
}
