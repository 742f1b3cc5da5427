package io.jenkins.plugins.slipway.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Label;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.slipway.bridge.DetachedEngine;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A Slipway step in a Pipeline, run the way {@code sh} runs its script: the step prepares its engine task on the
 * controller, starts the engine on the agent detached from the agent's JVM and from the controller's connection
 * ({@link io.jenkins.plugins.slipway.bridge.DetachedEngine}, control directory {@code <workspace>@tmp/slipway-<id>/}),
 * and returns. A recurring look (on {@link Timer}) copies the engine's new log bytes into the build log from the
 * offset reached so far, and completes the step with the engine's reply once it has ended.
 *
 * <p>What is kept in the program state (this object): the step's configuration, the prepared work without its
 * secrets, the agent's name, the workspace's and the control directory's paths. The log offset is kept next to the
 * build's log ({@code <build>/slipway-engine-<step>-<n>.offset}), written right after each copy: after a controller
 * restart, {@link #onResume} goes on from there, so the log has no line twice and none missing, and the engine's
 * work is not started again. An agent that went offline is waited for (the engine keeps running there) up to
 * {@link #OFFLINE_TIMEOUT_SECONDS}; an agent that no longer exists (also one removed while Jenkins was down: checked
 * as soon as the program is read back) fails the step at once, saying so. An engine that died (killed by a signal, or
 * gone with its wrapper when its machine went down) fails the step with how it died and what the step can tell from
 * the engine's log (a deploy: which host is on which release, and the command that breaks a lock it left).
 */
final class DurableExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DurableExecution.class.getName());
    /** Log bytes copied per look at most. */
    static final int CHUNK = 256 * 1024;
    /** The longest wait between two looks while nothing new came. */
    static final long POLL_MILLIS = Long.getLong(DurableExecution.class.getName() + ".POLL_MILLIS", 300);
    /**
     * The wait after a look that brought new lines; it doubles on each quiet look up to {@link #POLL_MILLIS}. An engine
     * prints its last lines (the result) just before it exits, so its end is seen within about this long instead of
     * up to {@link #POLL_MILLIS}, while a quiet engine is still looked at no more often than before.
     */
    static final long FIRST_POLL_MILLIS = Long.getLong(DurableExecution.class.getName() + ".FIRST_POLL_MILLIS", 40);
    /** The engine log read at most for the report of an engine that died. */
    static final int LOG_FOR_REPORT = 8 * 1024 * 1024;
    /** How long an offline agent is waited for before the step fails. */
    static final long OFFLINE_TIMEOUT_SECONDS = Long.getLong(DurableExecution.class.getName()
            + ".OFFLINE_TIMEOUT_SECONDS", 600);

    private final SlipwayStep step;
    private final String name;
    private final int index;
    /** The agent's name ("" for the built-in node). */
    private String node;
    private String workspace;
    private String controlDir;
    private EngineWork work;

    /** The log offset reached; null until read from its file (a deserialized execution starts without it). */
    private transient Long offset;
    private transient boolean done;
    private transient volatile Throwable stopCause;
    private transient long offlineSince;
    private transient boolean toldOffline;
    /** The wait before the next look when this one brings nothing new (0: not set yet). */
    private transient long quietDelay;

    DurableExecution(StepContext context, SlipwayStep step, String name, int index) {
        super(context);
        this.step = step;
        this.name = name;
        this.index = index;
    }

    @Override
    public boolean start() throws Exception {
        EngineCall call = EngineCall.of(getContext(), name, index);
        Computer computer = getContext().get(Computer.class);
        node = computer == null ? "" : computer.getName();
        workspace = call.workspace().getRemote();
        work = SlipwayStep.checked(call, () -> step.prepare(call));
        controlDir = workspace + "@tmp/slipway-" + name + "-" + index + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        SlipwayStep.checked(call, () -> {
            call.launch(work, controlDir);
            return null;
        });
        offset = 0L;
        saveOffset();
        schedule(0);
        return false;
    }

    /**
     * The program is read back after a restart: an agent that no longer exists (removed while Jenkins was down) fails
     * the step at once. {@link #onResume} would come only once the enclosing {@code node} block has given up waiting
     * for its agent (minutes); failing the step ends that block, which takes its agent's queue item back.
     */
    private Object readResolve() {
        if (node != null && !node.isEmpty() && work != null) {
            Timer.get().schedule(this::failIfAgentRemoved, 2, TimeUnit.SECONDS);
        }
        return this;
    }

    private synchronized void failIfAgentRemoved() {
        if (done || Jenkins.get().getNode(node) != null || Jenkins.get().getComputer(node) != null) {
            return; // still there (maybe offline): onResume follows the engine once the node block has its agent
        }
        listener().getLogger().println("[" + name + "] the agent '" + node + "' was removed while Jenkins was down: "
                + "the build does not wait for it to come back (its node block is stopped now, as Jenkins itself "
                + "does only after a wait)");
        fail(agentRemoved());
        stopWaitingForRemovedAgent();
    }

    /**
     * After a restart the enclosing {@code node} block waits in the queue for its agent, and the build's steps are
     * resumed (this one's failure taken in) only once it has it or has given up (minutes): its queue item for the
     * removed agent is taken back, so the build ends now, ABORTED as Jenkins ends a node block whose agent was
     * removed.
     */
    private void stopWaitingForRemovedAgent() {
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Run<?, ?> run = getContext().get(Run.class);
            for (Queue.Item item : Queue.getInstance().getItems()) {
                Label label = item.task.getAssignedLabel();
                if (label != null && node.equals(label.getName()) && item.task.getOwnerExecutable() == run) {
                    LOGGER.fine(() -> "taking back " + item + ": agent '" + node + "' was removed");
                    Queue.getInstance().cancel(item);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot take back the queue item waiting for the removed agent '" + node + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onResume() {
        if (done) {
            return; // failed already as the program was read back (its agent was removed)
        }
        if (work == null) {
            // the controller stopped before the engine was started: nothing ran, so nothing can be picked up
            getContext().onFailure(new AbortException("[" + name + "] the controller restarted before the Slipway "
                    + "engine was started; run the build again"));
            return;
        }
        listener().getLogger().println("[" + name + "] resumed after a Jenkins restart: following the Slipway engine on "
                + nodeName() + " again");
        schedule(0);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopCause = cause;
        Timer.get().submit(() -> {
            try {
                FilePath ws = liveWorkspace();
                if (ws != null) {
                    List<String> said = ws.act(new DetachedCalls.Stop(controlDir, EngineCall.GRACE_SECONDS));
                    PrintStream log = listener().getLogger();
                    said.forEach(line -> log.println("[" + name + "] " + line));
                }
            } catch (Exception e) {
                LOGGER.log(Level.FINE, "could not stop the Slipway engine in " + controlDir, e);
            }
            // the look collects the engine's last words and ends the step; if it cannot, end it now
            Timer.get().schedule(this::endStopped, 10, TimeUnit.SECONDS);
            schedule(0);
        });
    }

    private synchronized void endStopped() {
        if (!done) {
            done = true;
            closeIfRunning("ABORTED", "aborted");
            getContext().onFailure(stopCause);
        }
    }

    @Override
    public String getStatus() {
        return "Slipway engine on " + nodeName() + ", control directory " + controlDir + ", log offset " + offset;
    }

    private void schedule(long delayMillis) {
        Timer.get().schedule(this::look, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** One look at the engine: new log bytes into the build log, and the step's end once the engine ended. */
    private synchronized void look() {
        if (done) {
            return;
        }
        if (Jenkins.get().isTerminating()) {
            return; // the build's log is being closed: onResume goes on from the kept offset
        }
        try {
            FilePath ws = liveWorkspace();
            if (ws == null) {
                waitForAgent();
                return;
            }
            offlineSince = 0;
            toldOffline = false;
            Map<String, Object> look = ws.act(new DetachedCalls.Look(controlDir, offset(), CHUNK));
            byte[] bytes = (byte[]) look.get("bytes");
            if (bytes.length > 0) {
                PrintStream log = listener().getLogger();
                log.write(bytes);
                log.flush();
                if (Jenkins.get().isTerminating()) {
                    // the bytes may not have reached the log, which Jenkins is closing: they are copied again from
                    // the kept offset after the restart rather than lost
                    return;
                }
            }
            long reached = ((Number) look.get("offset")).longValue();
            if (reached != offset) { // a quiet look writes nothing
                offset = reached;
                saveOffset();
            }
            if (Boolean.TRUE.equals(look.get("ended"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> outcome = (Map<String, Object>) look.get("outcome");
                end(ws, outcome);
                return;
            }
            schedule(Boolean.TRUE.equals(look.get("more")) ? 0 : nextDelay(bytes.length > 0));
        } catch (AbortException e) {
            fail(e);
        } catch (IOException e) {
            // the channel broke (the agent is disconnecting): the next look waits for it
            LOGGER.log(Level.FINE, "cannot look at the Slipway engine in " + controlDir, e);
            schedule(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            schedule(POLL_MILLIS);
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** The wait before the next look: short right after new lines, then doubling while the engine is quiet. */
    private long nextDelay(boolean newLines) {
        quietDelay = newLines || quietDelay == 0 ? Math.min(FIRST_POLL_MILLIS, POLL_MILLIS) : Math.min(quietDelay * 2, POLL_MILLIS);
        return quietDelay;
    }

    /**
     * Whether the build ended without waiting for this step (a hard kill): completing the step's context then only
     * makes Pipeline warn that the build's execution cannot be loaded, and nothing would run on.
     */
    private boolean buildEnded() {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            return run != null && !run.isBuilding();
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The engine ended: the step's reply, recorded once; the control directory goes. */
    private void end(FilePath ws, Map<String, Object> outcome) {
        done = true;
        try {
            if (stopCause != null) {
                closeIfRunning("ABORTED", "aborted");
                getContext().onFailure(stopCause);
                return;
            }
            EngineCall call = EngineCall.of(getContext(), name, index);
            Map<String, Object> value = SlipwayStep.checked(call, () -> {
                int exitCode = ((Number) outcome.get("exitCode")).intValue();
                if (!(outcome.get("envelope") instanceof Map) && outcome.get("envelopeError") == null
                        && (exitCode == DetachedEngine.GONE || exitCode > 128)) {
                    throw new AbortException(died(ws, exitCode, outcome.get("lastLines")));
                }
                return step.complete(call, work, EngineReply.of(name, outcome));
            });
            if (buildEnded()) {
                LOGGER.fine(() -> name + " ended after its build: its outcome is recorded, nothing is left to resume");
            } else {
                getContext().onSuccess(value);
            }
        } catch (Throwable t) {
            if (buildEnded()) {
                LOGGER.log(Level.FINE, name + " ended after its build: its outcome is recorded, nothing is left to resume", t);
            } else {
                getContext().onFailure(t);
            }
        } finally {
            try {
                ws.act(new DetachedCalls.Remove(controlDir));
            } catch (IOException | InterruptedException | RuntimeException e) {
                LOGGER.log(Level.FINE, "cannot remove " + controlDir, e);
            }
            deleteOffset();
        }
    }

    /**
     * The step's message when its engine died before it finished: how (a signal, or gone with its wrapper), what the
     * step can tell from the engine's log (a deploy: which host is on which release, which lock may be left), and
     * the engine's last lines.
     */
    private String died(FilePath ws, int exitCode, Object lastLines) {
        String how = exitCode == DetachedEngine.GONE
                ? "it was killed together with the wrapper that records its exit code (a kill -9 of its process "
                        + "group, or its machine or the agent's processes went down), so no exit code was recorded"
                : "it was killed by signal " + (exitCode - 128) + signalName(exitCode - 128) + " (exit code " + exitCode
                        + ")";
        StringBuilder message = new StringBuilder("[" + name + "] the Slipway engine on " + nodeName() + " died "
                + "before it finished: " + how + ". Its work was cut short (control directory " + controlDir + ").");
        String report = null;
        try {
            report = step.afterEngineDied(work, ws.act(new DetachedCalls.LogText(controlDir, LOG_FOR_REPORT)));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot read the log of the Slipway engine in " + controlDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        message.append(report == null ? " Check what it did before you run the build again." : "\n" + report);
        if (lastLines instanceof List<?> lines && !lines.isEmpty()) {
            message.append("\nIts last lines:");
            lines.forEach(line -> message.append("\n  ").append(line));
        }
        return message.toString();
    }

    /** " (SIGKILL)" for the usual signals, else "". */
    static String signalName(int signal) {
        String[] names = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
            "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};
        return signal > 0 && signal < names.length ? " (" + names[signal] + ")" : "";
    }

    private void fail(Throwable cause) {
        done = true;
        closeIfRunning("ERROR", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        getContext().onFailure(cause);
    }

    /** An offline agent is waited for; a removed one, or one offline too long, fails the step. */
    private void waitForAgent() throws AbortException {
        long now = System.currentTimeMillis();
        if (offlineSince == 0) {
            offlineSince = now;
        }
        if (!toldOffline) {
            toldOffline = true;
            listener().getLogger().println("[" + name + "] waiting for " + nodeName() + " to come back online (the "
                    + "Slipway engine keeps running there)");
        }
        if (now - offlineSince > TimeUnit.SECONDS.toMillis(OFFLINE_TIMEOUT_SECONDS)) {
            throw new AbortException("[" + name + "] " + nodeName() + " has been offline for more than "
                    + OFFLINE_TIMEOUT_SECONDS + " s; the step no longer waits for its Slipway engine (control directory "
                    + controlDir + " there)");
        }
        schedule(2000);
    }

    /** The workspace on its agent's live channel; null while the agent is offline. */
    private FilePath liveWorkspace() throws AbortException {
        Computer computer = Jenkins.get().getComputer(node);
        if (computer == null) {
            throw agentRemoved();
        }
        VirtualChannel channel = computer.getChannel();
        return channel == null ? null : new FilePath(channel, workspace);
    }

    private AbortException agentRemoved() {
        return new AbortException("[" + name + "] the agent '" + node + "' this step ran on no longer exists (it was "
                + "removed, e.g. while Jenkins was down): the Slipway engine started there cannot be re-attached, and "
                + "whether its work finished is not known here (its control directory was " + controlDir + " on that "
                + "machine). Check that machine, then run the build again on an existing agent.");
    }

    private String nodeName() {
        return node == null || node.isEmpty() ? "the built-in node" : "agent '" + node + "'";
    }

    private TaskListener listener() {
        try {
            return getContext().get(TaskListener.class);
        } catch (IOException | InterruptedException e) {
            PrintStream nowhere = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            return () -> nowhere;
        }
    }

    private void closeIfRunning(String status, String summary) {
        try {
            SlipwayRunAction.closeIfRunning(getContext().get(Run.class), name, index, status, summary);
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot close the Slipway line of " + name, e);
        }
    }

    private long offset() throws IOException {
        if (offset == null) {
            Path file = offsetFile();
            offset = file != null && Files.exists(file)
                    ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
        }
        return offset;
    }

    /** The offset reached, kept next to the build's log right after the bytes went there. */
    private void saveOffset() throws IOException {
        Path file = offsetFile();
        if (file == null) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(offset), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void deleteOffset() {
        try {
            Path file = offsetFile();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "cannot remove the log offset of " + name, e);
        }
    }

    private Path offsetFile() throws IOException {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            return run == null ? null : new File(run.getRootDir(), "slipway-engine-" + name + "-" + index + ".offset")
                    .toPath();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
