package io.jenkins.plugins.slipway.jenkins.deploy;

import hudson.util.FormValidation;
import io.jenkins.plugins.slipway.jenkins.Params;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Test connection" button of {@code sshDeploy}: opens a TCP connection from the controller to each host of the
 * host list, reads the SSH server's identification line and, through the start of a key exchange, its host key's
 * fingerprint. No credentials are sent: it proves the address and port are right, that an SSH server answers there,
 * and shows the key a deploy will have to trust.
 *
 * <p>It connects from the controller, so it shows as little as it can of what answers: whether an SSH-2 server
 * answered, the software name of its identification line (letters, digits, {@code . _ -}, at most 40 characters) and
 * its key's fingerprint; nothing of another service's answer (the button must not serve to read banners of internal
 * services).
 */
final class SshHostProbe {
    static final int MAX_HOSTS = 20;
    /** The button answers within about this long, whatever the hosts do; later hosts are reported as not tested. */
    static final long BUDGET_MILLIS = 30_000;
    private static final Pattern HOST = Pattern.compile("^(?:[^@\\s]+@)?(\\[([^\\]]+)\\]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?$");

    private SshHostProbe() {
    }

    /** One line per host; an error when any host cannot be reached. */
    static FormValidation probe(String hostList, int timeoutMillis) {
        Report report = report(hostList, timeoutMillis);
        if (report.lines().isEmpty()) {
            return FormValidation.warning("No hosts to test: enter one user@host:port per line"
                    + " (hosts from a hosts file are only known during a build).");
        }
        String message = String.join(" | ", report.lines());
        return report.failed() ? FormValidation.error(message) : FormValidation.ok(message);
    }

    /** What the button found: one line per host, and whether any host failed. */
    record Report(List<String> lines, boolean failed) {
    }

    static Report report(String hostList, int timeoutMillis) {
        List<String> lines = Params.list(hostList);
        if (lines.isEmpty()) {
            return new Report(List.of(), true);
        }
        if (lines.size() > MAX_HOSTS) {
            return new Report(List.of("Too many hosts to test at once (" + lines.size() + "); the button tests at most "
                    + MAX_HOSTS + "."), true);
        }
        List<String> results = new ArrayList<>();
        boolean failed = false;
        long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
        for (String line : lines) {
            if (System.nanoTime() > deadline) {
                results.add(line + ": not tested (the test stops after " + BUDGET_MILLIS / 1000 + " s)");
                failed = true;
                continue;
            }
            Matcher m = HOST.matcher(line);
            if (!m.matches()) {
                results.add(line + ": not of the form user@host:port");
                failed = true;
                continue;
            }
            String host = m.group(2) != null ? m.group(2) : m.group(1);
            int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
            String label = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            try {
                results.add(label + ": reachable, " + banner(host, port, timeoutMillis));
            } catch (UnknownHostException e) {
                results.add(label + ": unknown host");
                failed = true;
            } catch (ConnectException e) {
                results.add(label + ": connection refused (is sshd listening on port " + port + "?)");
                failed = true;
            } catch (SocketTimeoutException e) {
                results.add(label + ": no answer within " + timeoutMillis / 1000 + " s (firewall or wrong address?)");
                failed = true;
            } catch (IOException e) {
                results.add(label + ": " + e.getMessage());
                failed = true;
            }
        }
        return new Report(results, failed);
    }

    private static String banner(String host, int port, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while (line.length() < 255 && (c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            String raw = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (!raw.startsWith("SSH-")) {
                return "but no SSH server answered (something else listens on port " + port + ")";
            }
            if (!raw.startsWith("SSH-2.0-") && !raw.startsWith("SSH-1.99-")) {
                return "but the server does not speak SSH-2: Slipway cannot deploy to it";
            }
            String text = software(raw);
            try {
                return "server " + text + ", host key " + SshHostKeyReader.read(in, socket.getOutputStream())
                        + " (compare it with the host's own: ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub)";
            } catch (IOException e) {
                return "server " + text + ", host key not read: " + e.getMessage();
            }
        }
    }

    /** {@code SSH-2.0-<software>} with the software name cut at its first character outside {@code [A-Za-z0-9._-]}. */
    static String software(String identification) {
        String prefix = identification.startsWith("SSH-2.0-") ? "SSH-2.0-" : "SSH-1.99-";
        String rest = identification.substring(prefix.length());
        int end = 0;
        while (end < rest.length() && end < 40 && (Character.isLetterOrDigit(rest.charAt(end)) && rest.charAt(end) < 128
                || ".-_".indexOf(rest.charAt(end)) >= 0)) {
            end++;
        }
        return prefix + rest.substring(0, end);
    }
}
