package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.SshTarget;

/** Connection settings shared by deploy and rollback. */
record SshSettings(DeployHost jumpHost, String knownHosts, String knownHostsFile, boolean acceptNew, boolean insecure,
        int connectTimeoutSeconds, int commandTimeoutSeconds) {

    /** The connection settings of a target. */
    static SshSettings of(SshTarget target) {
        return new SshSettings(target.jumpHostWithUser(), target.knownHosts(), target.knownHostsFile(),
                target.acceptNew(), target.insecure(), target.connectTimeoutSeconds(), target.commandTimeoutSeconds());
    }
}
