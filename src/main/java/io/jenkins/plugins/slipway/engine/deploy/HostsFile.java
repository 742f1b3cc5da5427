package io.jenkins.plugins.slipway.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import io.jenkins.plugins.slipway.request.deploy.SshTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a target's {@code hostsFile} (what the freestyle {@code ec2Launch} writes) on the machine the engine runs on. */
final class HostsFile {

    private HostsFile() {
    }

    /**
     * {@code target} with the hosts of its {@code hostsFile} added (relative to the workspace, which it must not
     * leave); see {@link #hostsOf} for the fingerprints in it.
     */
    static SshTarget expand(SshTarget target, TaskContext context) throws DeployException {
        if (target.hostsFile() == null) {
            return target;
        }
        return target.withHostsFromFile(hostsOf(DeployService.input(target.hostsFile(), "hostsFile", context), context));
    }

    /**
     * The hosts of a hosts file. Fingerprints in a file inside the workspace are dropped: the commit being built
     * controls that file and could pin its own keys. The hosts' keys are then checked against what {@code ec2Launch}
     * recorded outside the workspace, known_hosts or {@code acceptNew}; a file outside the workspace (named by its
     * absolute path) is the user's explicit choice and keeps them.
     */
    static List<DeployHost> hostsOf(Path file, TaskContext context) throws DeployException {
        List<DeployHost> read = read(file);
        if (!context.insideWorkspace(file)) {
            return read;
        }
        List<DeployHost> out = new ArrayList<>();
        for (DeployHost h : read) {
            if (!h.hostKeyFingerprints().isEmpty()) {
                context.log().info("hostsFile: the fingerprints given for " + h.host() + " in " + file + " are not "
                        + "used (the workspace is the commit's to change); its key is checked against the keys "
                        + "ec2Launch recorded on this machine, known_hosts or acceptNew");
            }
            out.add(new DeployHost(h.name(), h.host(), h.port(), h.user(), List.of()));
        }
        return out;
    }

    static List<DeployHost> read(Path file) throws DeployException {
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            JsonNode list = node.isArray() ? node
                    : node.path("result").path("hosts").isArray() ? node.path("result").path("hosts") : node.path("hosts");
            if (!list.isArray()) {
                throw new DeployException(SlipwayException.Kind.BAD_INPUT, "hostsFile "
                        + file + " holds neither a list of hosts nor an object with 'hosts'");
            }
            List<DeployHost> out = new ArrayList<>();
            for (JsonNode h : list) {
                out.add(Json.MAPPER.treeToValue(h, DeployHost.class));
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            throw new DeployException(SlipwayException.Kind.BAD_INPUT, "Cannot read the hosts in hostsFile "
                    + file + ": " + e.getMessage() + ". It must hold a JSON list of hosts (as the freestyle ec2Launch writes).", e);
        }
    }
}
