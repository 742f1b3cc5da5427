package io.jenkins.plugins.slipway.engine.deploy;

/** Connection settings shared by deploy and rollback. */
record SshSettings(DeployHost jumpHost, String knownHosts, String knownHostsFile, boolean acceptNew, boolean insecure,
        int connectTimeoutSeconds, int commandTimeoutSeconds) {
}
