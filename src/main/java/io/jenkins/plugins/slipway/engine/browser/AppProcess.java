package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import io.jenkins.plugins.slipway.engine.core.SafeOutput;
import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The app under test: started from a command on a port (or an app that already runs), waited for until it
 * answers, and stopped with every child process on {@link #close()}.
 */
final class AppProcess implements AutoCloseable {

    private static final int TAIL_LINES = 15;
    /** How long an app that stopped accepting connections may take to be seen exiting. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Path logFile;
    private final URI baseUrl;
    private final String command;

    private AppProcess(Process process, Path logFile, URI baseUrl, String command) {
        this.process = process;
        this.logFile = logFile;
        this.baseUrl = baseUrl;
        this.command = command;
    }

    /** An app that already runs: nothing to start or stop. */
    static AppProcess external(String url) {
        return new AppProcess(null, null, URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), null);
    }

    /** Starts {@code command} with {@code {port}} and {@code PORT} set to a free port (or {@code fixedPort}). */
    static AppProcess start(String command, int fixedPort, Path dir, Map<String, String> env, Path logFile, Log log)
            throws BrowserException {
        int port = fixedPort > 0 ? checkFree(fixedPort) : freePort();
        String expanded = command.replace("{port}", Integer.toString(port));
        List<String> shell = isWindows() ? List.of("cmd.exe", "/c", expanded) : List.of("/bin/sh", "-c", expanded);
        if (!Files.isDirectory(dir)) {
            throw new BrowserException(Kind.BAD_INPUT, "appDir " + dir + " is not a directory.");
        }
        try {
            SafeOutput.newFile(logFile);
        } catch (IOException e) {
            throw new BrowserException(Kind.ENVIRONMENT, "Cannot write the app's log " + logFile + ": "
                    + e.getMessage(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(shell).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        io.jenkins.plugins.slipway.engine.core.BuildEnvironment.restore(builder.environment()).putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        log.info("Starting the app on port " + port + ": " + expanded);
        try {
            Process process = builder.start();
            log.debug("app pid " + process.pid() + ", log " + logFile);
            return new AppProcess(process, logFile, URI.create("http://127.0.0.1:" + port), expanded);
        } catch (IOException e) {
            throw new BrowserException(Kind.BAD_INPUT, "Cannot start the app command '" + expanded + "' in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(isWindows() ? "NUL" : "/dev/null");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    static int freePort() throws BrowserException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrowserException(Kind.ENVIRONMENT, "Cannot find a free port on this machine: " + e.getMessage(), e);
        }
    }

    private static int checkFree(int port) throws BrowserException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
            throw new BrowserException(Kind.ENVIRONMENT, "Port " + port + " is already in use on this machine "
                    + "(something else answers there), so the app cannot listen on it. Stop that process, choose "
                    + "another appPort, or leave appPort out so the operating system picks a free port.");
        } catch (IOException e) {
            // nothing listens: the port is ours to use
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return port;
        } catch (IOException e) {
            throw new BrowserException(Kind.ENVIRONMENT, "Port " + port + " is already taken on this machine ("
                    + e.getMessage() + "). Choose another appPort or leave it out so the operating system picks a free port.", e);
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    boolean started() {
        return process != null;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Null while the app runs (or when it is external); otherwise why it is gone, with its last lines. An app whose
     * port no longer accepts connections is given up to {@link #EXIT_GRACE} to be seen exiting: its port closes when
     * it exits, but {@link Process#isAlive()} turns false only once the process has been reaped, a moment later (longer
     * when a shell waits for it, or on a loaded machine), and a crashed app must never be judged alive in between.
     */
    String deathNotice() {
        if (process == null) {
            return null;
        }
        if (process.isAlive() && tcp(baseUrl) != null) {
            try {
                process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            return null;
        }
        return "The app exited with code " + process.exitValue() + tail();
    }

    /** Polls until the app answers, it dies, or the timeout passes. */
    void awaitReady(String check, String path, Integer status, Duration timeout, Log log)
            throws BrowserException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI probe = baseUrl.resolve(baseUrl.getPath() + path);
        String last = "no answer yet";
        long sleep = 50;
        while (true) {
            if (process != null && !process.isAlive()) {
                throw new BrowserException(Kind.ENVIRONMENT, "The app exited with code " + process.exitValue()
                        + " before it was ready (command: " + command + ")" + tail());
            }
            String problem = "tcp".equals(check) ? tcp(probe) : http(probe, status);
            if (problem == null) {
                log.info("The app is ready at " + baseUrl);
                return;
            }
            last = problem;
            if (System.nanoTime() > deadline) {
                throw new BrowserException(Kind.ENVIRONMENT, "The app was not ready after " + timeout.toSeconds()
                        + " s: " + ("tcp".equals(check) ? "" : "GET ") + probe + " — " + last + "."
                        + (process == null ? " Is the app at appUrl running?"
                                : " Raise readyTimeoutSeconds if it starts slowly, or check readyPath/readyStatus."
                                        + tail()));
            }
            Thread.sleep(sleep);
            sleep = Math.min(500, sleep * 2);
        }
    }

    private static String tcp(URI probe) {
        int port = probe.getPort() > 0 ? probe.getPort() : ("https".equals(probe.getScheme()) ? 443 : 80);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(probe.getHost(), port), 1000);
            return null;
        } catch (IOException e) {
            return "cannot connect to " + probe.getHost() + ":" + port + " (" + e.getMessage() + ")";
        }
    }

    private static String http(URI probe, Integer expected) {
        try {
            HttpURLConnection connection = (HttpURLConnection) probe.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(3000);
            connection.setInstanceFollowRedirects(false);
            try {
                int code = connection.getResponseCode();
                boolean ok = expected == null ? code < 500 : code == expected;
                return ok ? null : "answered HTTP " + code + (expected == null ? "" : ", expected " + expected);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return "cannot connect (" + e.getMessage() + ")";
        }
    }

    /** The app's last log lines, quoted for a message. */
    String tail() {
        if (logFile == null) {
            return "";
        }
        List<String> lines = lastLines(logFile, TAIL_LINES);
        if (lines.isEmpty()) {
            return ". The app printed nothing (log: " + logFile + ").";
        }
        return ". Its last lines (" + logFile + "):\n  | " + String.join("\n  | ", lines);
    }

    static List<String> lastLines(Path file, int count) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 16 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            List<String> lines = new ArrayList<>();
            for (int i = Math.max(0, all.length - count); i < all.length; i++) {
                if (!all[i].isBlank()) {
                    lines.add(all[i]);
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Stops the app and all its children; safe to call twice and on an interrupted thread. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            ProcessRunner.destroyTree(process, Duration.ofSeconds(5));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
