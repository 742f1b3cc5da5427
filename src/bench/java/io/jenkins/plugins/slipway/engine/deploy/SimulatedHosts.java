package io.jenkins.plugins.slipway.engine.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many simulated hosts in their own JVM, so that the engine's threads and heap can be measured without theirs: one
 * embedded SSH server (Apache MINA SSHD, a real /bin/sh) per host, each with its own host key and directory. Prints
 * {@code host <name> <port> <fingerprint>} per host, then {@code ready}; stops every server when its standard input
 * ends. Arguments: the number of hosts, a directory and the authorized user key (an OpenSSH public key line).
 */
public final class SimulatedHosts {

    private SimulatedHosts() {
    }

    public static void main(String[] args) throws IOException, java.security.GeneralSecurityException {
        int count = Integer.parseInt(args[0]);
        Path root = Files.createDirectories(Path.of(args[1]));
        java.security.PublicKey userKey = org.apache.sshd.common.config.keys.PublicKeyEntry.parsePublicKeyEntry(args[2])
                .resolvePublicKey(null, null, null);
        List<TestSshHost> hosts = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                TestSshHost h = TestSshHost.start("sim" + i, root.resolve("sim" + i), TestSshHost.newKey(),
                        userKey, null);
                hosts.add(h);
                System.out.println("host " + h.name + " " + h.port() + " " + h.fingerprint());
            }
            System.out.println("ready");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        } finally {
            for (TestSshHost h : hosts) {
                h.close();
            }
        }
    }
}
