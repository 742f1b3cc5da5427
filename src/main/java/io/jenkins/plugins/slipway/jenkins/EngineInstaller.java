package io.jenkins.plugins.slipway.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.slipway.bridge.EngineCache;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import jenkins.MasterToSlaveFileCallable;

/**
 * Ships the engine jar bundled in the plugin to an agent once per engine version (by SHA-256) and returns its
 * path there.
 */
final class EngineInstaller {
    static final String RESOURCE = "/slipway-engine/" + EngineCache.JAR_NAME;
    static final String PROPERTIES = "/slipway-engine/engine.properties";

    private EngineInstaller() {
    }

    /** The path of the engine jar on the machine of {@code workspace}, shipping it there first if needed. */
    static String ensure(FilePath workspace, TaskListener listener, String cacheDir) throws IOException, InterruptedException {
        String sha = bundledSha256();
        String installed = workspace.act(new Lookup(sha, cacheDir));
        if (installed != null) {
            return installed;
        }
        String upload = workspace.act(new NewUpload(sha, cacheDir));
        listener.getLogger().println("[slipway] shipping the Slipway engine " + sha.substring(0, 12) + " to this agent");
        FilePath target = new FilePath(workspace.getChannel(), upload);
        try (InputStream jar = EngineInstaller.class.getResourceAsStream(RESOURCE)) {
            if (jar == null) {
                throw new IOException("The Slipway plugin has no engine inside (" + RESOURCE + "): it was built without"
                        + " packaging. Install the slipway.hpi made by `mvn verify`.");
            }
            target.copyFrom(jar);
        }
        return workspace.act(new Commit(sha, cacheDir, upload));
    }

    static String bundledSha256() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EngineInstaller.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IOException("The Slipway plugin has no engine inside (" + PROPERTIES + " is missing): it was"
                        + " built without packaging. Install the slipway.hpi made by `mvn verify`.");
            }
            properties.load(in);
        }
        return properties.getProperty("sha256");
    }

    /** Agent side: the installed jar's path, or null. */
    static final class Lookup extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String sha;
        private final String cacheDir;

        Lookup(String sha, String cacheDir) {
            this.sha = sha;
            this.cacheDir = cacheDir;
        }

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            Path root = EngineCache.root(cacheDir);
            Path jar;
            try {
                jar = EngineCache.installed(root, sha);
            } catch (IOException e) {
                throw new IOException("The Slipway engine cache on this agent cannot be trusted: " + e.getMessage()
                        + " (the cache is set in Manage Jenkins > System > Slipway > Engine cache directory)", e);
            }
            if (jar != null) {
                prune(root, sha);
            }
            return jar == null ? null : jar.toString();
        }
    }

    /** Agent side: a fresh temporary file to upload into. */
    static final class NewUpload extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String sha;
        private final String cacheDir;

        NewUpload(String sha, String cacheDir) {
            this.sha = sha;
            this.cacheDir = cacheDir;
        }

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            return EngineCache.newUpload(EngineCache.root(cacheDir), sha).toString();
        }
    }

    /** Agent side: verify the upload and move it into place. */
    static final class Commit extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        private final String sha;
        private final String cacheDir;
        private final String upload;

        Commit(String sha, String cacheDir, String upload) {
            this.sha = sha;
            this.cacheDir = cacheDir;
            this.upload = upload;
        }

        @Override
        public String invoke(File f, VirtualChannel channel) throws IOException {
            Path jar = EngineCache.commit(EngineCache.root(cacheDir), sha, Path.of(upload));
            prune(EngineCache.root(cacheDir), sha);
            return jar.toString();
        }
    }

    /** Removes older engine versions from the agent's cache (the current and the previous one stay). */
    static void prune(Path root, String sha) {
        try {
            EngineCache.prune(root, sha);
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be tidied is no reason to fail the step; the next start tries again
        }
    }
}
