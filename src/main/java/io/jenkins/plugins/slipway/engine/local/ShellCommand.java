package io.jenkins.plugins.slipway.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import io.jenkins.plugins.slipway.engine.core.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH {@code exec} request run by the real {@code /bin/sh -c}, in the host's directory, with the host's
 * environment. Standard input, output and error are connected to the channel; the exit status is the shell's.
 * When the channel closes (an aborted deploy), the command is stopped with its whole process tree.
 * Also the exec side of the embedded SSH servers in the deploy tests.
 */
public final class ShellCommand implements Command {
    private final String command;
    private final Path dir;
    private final Map<String, String> env;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /** {@code env} is read when the command starts, so a host's environment may change between commands. */
    public ShellCommand(String command, Path dir, Map<String, String> env) {
        this.command = command;
        this.dir = dir;
        this.env = env;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        process = p;
        Thread stdout = pump(p.getInputStream(), out, "stdout");
        Thread stderr = pump(p.getErrorStream(), err, "stderr");
        Thread stdin = new Thread(() -> {
            try (OutputStream to = p.getOutputStream()) {
                in.transferTo(to);
            } catch (IOException e) {
                // the command ended or the channel closed
            }
        }, "local-host stdin");
        stdin.setDaemon(true);
        stdin.start();
        Thread waiter = new Thread(() -> {
            int code;
            try {
                code = p.waitFor();
                // a command that left a background child holding the output open must still end
                stdout.join(2000);
                stderr.join(2000);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                code = 130;
            }
            exit.onExit(code);
        }, "local-host exec");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream from, OutputStream to, String what) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the channel went away
            }
        }, "local-host " + what);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void destroy(ChannelSession channel) throws Exception {
        Process p = process;
        if (p != null && p.isAlive()) {
            ProcessRunner.destroyTree(p, Duration.ofSeconds(2));
        }
    }
}
