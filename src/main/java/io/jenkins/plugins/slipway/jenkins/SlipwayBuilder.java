package io.jenkins.plugins.slipway.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.slipway.bridge.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle form of a Slipway step: it holds the step (its configure form is the step's own form, nested with
 * {@code <f:property field="step"/>}) and runs it exactly as the Pipeline does. A freestyle build step cannot return
 * a value, so the step's Map can be written as JSON to {@code resultFile} in the workspace for later build steps
 * (e.g. the hosts of {@code ec2Launch} for {@code sshDeploy}'s {@code hostsFile}).
 */
public abstract class SlipwayBuilder extends Builder implements SimpleBuildStep {
    private String resultFile;

    /**
     * The step this builder runs. (Each builder's public {@code getStep()} returns its own step type: an abstract
     * getter here would give the class a bridge method of type {@code SlipwayStep}, and the form's
     * {@code <f:property field="step"/>} could pick that type, which has no descriptor.)
     */
    protected abstract SlipwayStep step();

    /** Workspace file for the step's value; null writes none. */
    public String getResultFile() {
        return resultFile;
    }

    @DataBoundSetter
    public void setResultFile(String resultFile) {
        this.resultFile = Params.text(resultFile);
    }

    /** Where the value goes when {@code resultFile} is empty; null (none) unless the step's builder has a default. */
    protected String defaultResultFile() {
        return null;
    }

    /** Checks that the saved configuration can run (e.g. a required parameter missing from a hand-written config.xml). */
    protected void checkRunnable() throws IOException {
        // most steps can run on their defaults
    }

    @Override
    public final void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        checkRunnable();
        Map<String, Object> value;
        try {
            String name = step().getDescriptor().getFunctionName();
            value = step().runChecked(new EngineCall(run, workspace, launcher, listener, env, name, StageAction.claim(run, name)));
        } catch (InterruptedException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        String file = resultFile != null ? resultFile : defaultResultFile();
        if (file != null) {
            workspace.act(new WriteResult(file, MiniJson.write(value).getBytes(StandardCharsets.UTF_8)));
            listener.getLogger().println("[" + step().getDescriptor().getFunctionName() + "] result written to " + file);
        }
    }

    /** Agent side: the result file, never written through a link ({@link OutputFile}). */
    static final class WriteResult extends jenkins.MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final byte[] bytes;

        WriteResult(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes.clone();
        }

        @Override
        public Void invoke(java.io.File workspace, hudson.remoting.VirtualChannel channel) throws IOException {
            io.jenkins.plugins.slipway.bridge.OutputFile.write(workspace.toPath(), name, bytes);
            return null;
        }
    }

    /** The descriptor base of every Slipway builder: applicable to every job type, named like its step. */
    public abstract static class SlipwayBuilderDescriptor extends BuildStepDescriptor<Builder> {
        private final String displayName;

        /** The builder's own help is its step's ({@code help.html} exists once, beside the step). */
        protected SlipwayBuilderDescriptor(String displayName, Class<? extends SlipwayStep> step) {
            this.displayName = displayName;
            addHelpFileRedirect(null, step, null);
        }

        @Override
        public final String getDisplayName() {
            return displayName;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public final boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }
    }
}
