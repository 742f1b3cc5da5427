package io.jenkins.plugins.slipway.realjenkins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.Comparator;
import java.util.stream.Stream;

/** Projects and credentials the Jenkins suite builds with: copies of the repository's own fixtures. */
final class Fixtures {
    static final Path ROOT = RealJenkins.projectDir().resolve("target/real-jenkins/fixtures");
    static final String TEST_RESOURCES = "src/test/resources/io/jenkins/plugins/slipway/engine/";

    private Fixtures() {
    }

    /** A fresh copy of a project folder (relative to the repository) under target/, for a job to copy in. */
    static Path copy(String name, String relative) {
        Path target = ROOT.resolve(name);
        try {
            if (Files.exists(target)) {
                try (Stream<Path> walk = Files.walk(target)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path source = RealJenkins.projectDir().resolve(relative);
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path p : walk.toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JaCoCo agent that Slipway's own engine ships, for the Java project's surefire run. */
    static Path jacocoAgent() throws IOException {
        Path agent = ROOT.resolve("jacocoagent.jar");
        if (!Files.exists(agent)) {
            Files.createDirectories(ROOT);
            try (InputStream in = org.jacoco.agent.AgentJar.getResourceAsStream()) {
                Files.copy(in, agent, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return agent;
    }

    /** The Python whose packages the tests need (Debian's, where pytest is installed), else python3. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Groovy for the script console that stores an SSH private key credential. */
    static String sshKeyCredentialScript(String id, String user, KeyPair key) {
        return """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey
                def store = SystemCredentialsProvider.getInstance().getStore()
                def old = store.getCredentials(Domain.global()).find { it.id == '%1$s' }
                if (old) store.removeCredentials(Domain.global(), old)
                store.addCredentials(Domain.global(), new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL, '%1$s', '%2$s',
                    new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource('''%3$s'''), null, 'deploy key for the suite'))
                println 'stored'
                """.formatted(id, user, LoopbackSshHost.privateKeyText(key));
    }

    /** Groovy for the script console that stores an AWS credential (aws-credentials plugin). */
    static String awsCredentialScript(String id, String accessKey, String secretKey) {
        return """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl
                def store = SystemCredentialsProvider.getInstance().getStore()
                def old = store.getCredentials(Domain.global()).find { it.id == '%1$s' }
                if (old) store.removeCredentials(Domain.global(), old)
                store.addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL, '%1$s', '%2$s', '%3$s', 'EC2 for the suite'))
                println 'stored'
                """.formatted(id, accessKey, secretKey);
    }
}
