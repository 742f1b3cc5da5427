package io.jenkins.plugins.slipway.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration {@code sshDeploy} and its freestyle builder share: only strings, numbers, booleans and the
 * credential's id, never a secret. Turns itself into the engine's {@code deploy} / {@code deploy-rollback}
 * request and resolves the credential into secrets for the engine's standard input.
 */
final class SshDeployOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    String credentialsId;
    String baseDir;
    List<Object> hosts;
    String hostList;
    String hostsFile;
    String user;
    String jumpHost;
    String knownHosts;
    String knownHostsFile;
    boolean acceptNew;
    boolean insecure;
    String artifact;
    String releaseId;
    String commit;
    String beforeSwitch;
    String afterSwitch;
    int keepReleases = 5;
    String healthUrl;
    String healthCommand;
    int healthExpectStatus = 200;
    String healthExpectBody;
    int healthRetries = 10;
    double healthIntervalSeconds = 3;
    double healthTimeoutSeconds = 5;
    String batch = "1";
    Integer maxFailedHosts;
    Integer parallelism;
    Integer minHealthyPercent;
    boolean rollbackAllOnFailure;
    Integer breakStaleLockAfterMinutes;
    boolean dryRun;
    String rollbackTo;
    /** Null = the default (true). */
    Boolean stopOnFailure;
    int connectTimeoutSeconds = 15;
    int commandTimeoutSeconds = 600;

    boolean stopOnFailure() {
        return stopOnFailure == null || stopOnFailure;
    }

    /** A saved configuration without some elements (hand-written, Job DSL, older versions) gets the defaults. */
    private Object readResolve() {
        keepReleases = keepReleases <= 0 ? 5 : keepReleases;
        healthExpectStatus = healthExpectStatus <= 0 ? 200 : healthExpectStatus;
        healthRetries = healthRetries <= 0 ? 10 : healthRetries;
        healthTimeoutSeconds = healthTimeoutSeconds <= 0 ? 5 : healthTimeoutSeconds;
        connectTimeoutSeconds = connectTimeoutSeconds <= 0 ? 15 : connectTimeoutSeconds;
        commandTimeoutSeconds = commandTimeoutSeconds <= 0 ? 600 : commandTimeoutSeconds;
        batch = batch == null ? "1" : batch;
        return this;
    }

    static String trimToNull(String value) {
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.trim().isEmpty()) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    /** Runs the deploy (or the rollback) on the agent and returns the Pipeline value. */
    Map<String, Object> run(EngineCall call, String step) throws Exception {
        long start = System.nanoTime();
        Map<String, String> secrets = new LinkedHashMap<>();
        String credentialUser = secrets(call, secrets);
        boolean rollback = trimToNull(rollbackTo) != null;
        Map<String, Object> request = request(call, credentialUser, rollback);
        EngineReply reply = call.invoke(step, rollback ? "deploy-rollback" : "deploy", request, secrets);
        if (!reply.isError()) {
            SshDeployAction.addTo(call.run(), reply.result());
        }
        return call.finish(step, reply, start, stopOnFailure());
    }

    /** Puts the credential's secrets into {@code secrets}; returns its user name. */
    String secrets(EngineCall call, Map<String, String> secrets) throws AbortException {
        String id = trimToNull(credentialsId);
        if (id == null) {
            throw new AbortException("sshDeploy: credentialsId is required: an 'SSH Username with private key' or a"
                    + " 'Username with password' credential");
        }
        StandardUsernameCredentials credential = CredentialsProvider.findCredentialById(id, StandardUsernameCredentials.class, call.run());
        if (credential == null) {
            throw new AbortException("sshDeploy: no SSH credential with id '" + id + "' is visible to this build. Check the id"
                    + " and the credential's domain and folder.");
        }
        if (credential instanceof SSHUserPrivateKey key) {
            List<String> keys = key.getPrivateKeys();
            if (keys == null || keys.isEmpty()) {
                throw new AbortException("sshDeploy: the credential '" + id + "' holds no private key");
            }
            secrets.put("sshPrivateKey", keys.get(0));
            Secret passphrase = key.getPassphrase();
            if (passphrase != null && !passphrase.getPlainText().isEmpty()) {
                secrets.put("sshPassphrase", passphrase.getPlainText());
            }
        } else if (credential instanceof StandardUsernamePasswordCredentials password) {
            secrets.put("sshPassword", password.getPassword().getPlainText());
        } else {
            throw new AbortException("sshDeploy: the credential '" + id + "' is neither an SSH private key nor a username with"
                    + " password (" + credential.getClass().getSimpleName() + ")");
        }
        CredentialsProvider.track(call.run(), credential);
        return credential.getUsername();
    }

    /** The system configuration's host-key policy: {@code acceptNew} trusts unknown hosts on first use. */
    private static boolean acceptNewByDefault() {
        SlipwayGlobalConfiguration global = SlipwayGlobalConfiguration.getOrNull();
        return global != null && SlipwayGlobalConfiguration.ACCEPT_NEW.equals(global.getHostKeyPolicy());
    }

    Map<String, Object> request(EngineCall call, String credentialUser, boolean rollback) throws AbortException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hosts", hostValues());
        put(r, "hostsFile", trimToNull(hostsFile));
        put(r, "user", trimToNull(user) != null ? trimToNull(user) : trimToNull(credentialUser));
        put(r, "jumpHost", trimToNull(jumpHost));
        put(r, "knownHosts", trimToNull(knownHosts));
        put(r, "knownHostsFile", trimToNull(knownHostsFile));
        r.put("acceptNew", acceptNew || acceptNewByDefault());
        r.put("insecure", insecure);
        put(r, "baseDir", trimToNull(baseDir));
        r.put("deployedBy", call.buildId());
        r.put("afterSwitch", lines(afterSwitch));
        r.put("batch", trimToNull(batch) == null ? "1" : batch.trim());
        if (breakStaleLockAfterMinutes != null) {
            r.put("lock", Map.of("breakStaleLockAfterMinutes", breakStaleLockAfterMinutes));
        }
        r.put("dryRun", dryRun);
        r.put("connectTimeoutSeconds", connectTimeoutSeconds);
        r.put("commandTimeoutSeconds", commandTimeoutSeconds);
        if (rollback) {
            r.put("to", rollbackTo.trim());
            return r;
        }
        put(r, "artifact", trimToNull(artifact));
        String gitCommit = call.env().get("GIT_COMMIT");
        String id = trimToNull(releaseId);
        if (id == null) {
            String build = call.env().get("BUILD_NUMBER");
            id = (build == null ? "0" : build) + (gitCommit != null && gitCommit.length() >= 7 ? "-" + gitCommit.substring(0, 7) : "");
        }
        r.put("releaseId", id);
        put(r, "commit", trimToNull(commit) != null ? trimToNull(commit) : gitCommit);
        r.put("beforeSwitch", lines(beforeSwitch));
        r.put("keepReleases", keepReleases);
        if (trimToNull(healthUrl) != null || trimToNull(healthCommand) != null) {
            Map<String, Object> health = new LinkedHashMap<>();
            put(health, "url", trimToNull(healthUrl));
            put(health, "command", trimToNull(healthCommand));
            health.put("expectStatus", healthExpectStatus);
            put(health, "expectBody", trimToNull(healthExpectBody));
            health.put("retries", healthRetries);
            health.put("intervalSeconds", healthIntervalSeconds);
            health.put("timeoutSeconds", healthTimeoutSeconds);
            r.put("healthCheck", health);
        }
        put(r, "maxFailedHosts", maxFailedHosts);
        put(r, "parallelism", parallelism);
        put(r, "minHealthyPercent", minHealthyPercent);
        r.put("rollbackAllOnFailure", rollbackAllOnFailure);
        return r;
    }

    /** Host maps (e.g. {@code ec2Launch(...).hosts}) and {@code user@host:port} strings, as plain JSON values. */
    List<Object> hostValues() throws AbortException {
        List<Object> out = new ArrayList<>();
        if (hosts != null) {
            for (Object h : hosts) {
                if (h instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
                    out.add(copy);
                } else if (h instanceof CharSequence text) {
                    out.add(text.toString());
                } else {
                    throw new AbortException("sshDeploy: hosts must hold host maps (from ec2Launch) or 'user@host:port' strings,"
                            + " not " + (h == null ? "null" : h.getClass().getSimpleName()));
                }
            }
        }
        out.addAll(lines(hostList));
        if (out.isEmpty() && trimToNull(hostsFile) == null) {
            throw new AbortException("sshDeploy: no hosts: give hosts (e.g. hosts: fleet.hosts), hostList (one user@host:port per line) or hostsFile");
        }
        return out;
    }

    private static Object plain(Object value) {
        if (value instanceof CharSequence) {
            return value.toString(); // GStrings
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        return value;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
