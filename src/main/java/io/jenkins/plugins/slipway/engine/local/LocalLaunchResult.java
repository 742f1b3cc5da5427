package io.jenkins.plugins.slipway.engine.local;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.SecretSource;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import java.util.List;
import java.util.Map;

/**
 * The running simulated hosts. They stay up until {@link #close()} (the pipeline closes them at the end of the
 * run). The login key is handed to later stages as the secret {@code sshPrivateKey}, never written to JSON.
 *
 * @param label plainly says this is a local simulation, not cloud hosts
 * @param privateKeyFile the login key (mode 0600, outside the workspace; deleted on close)
 */
public record LocalLaunchResult(String provider, String label, List<LocalHost> hosts, String user, String privateKeyFile,
        @JsonIgnore LocalHosts running) implements StageResult, SecretSource, AutoCloseable {

    @Override
    public Outcome outcome() {
        return Outcome.PASSED;
    }

    @Override
    public String summary() {
        return hosts.size() + " local simulated host" + (hosts.size() == 1 ? "" : "s") + " (SSH on "
                + hosts.stream().map(h -> h.host() + ":" + h.port()).toList() + ") — local simulation, not cloud hosts";
    }

    @JsonIgnore
    @Override
    public Map<String, String> secretsForLaterStages() {
        return Map.of("sshPrivateKey", running.privateKey());
    }

    @Override
    public void close() {
        running.close();
    }
}
