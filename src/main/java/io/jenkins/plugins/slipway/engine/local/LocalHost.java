package io.jenkins.plugins.slipway.engine.local;

import java.util.List;

/**
 * One simulated host in the shared host shape ({@code name, host, port, user, hostKeyFingerprints}) plus where it
 * lives on this machine.
 *
 * @param provider always {@code local}
 * @param dir the host's directory (its home and the working directory of every command)
 */
public record LocalHost(String name, String host, int port, String user, List<String> hostKeyFingerprints,
        String provider, String dir) {
}
