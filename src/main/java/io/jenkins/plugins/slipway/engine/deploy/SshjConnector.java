package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.request.deploy.DeployHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Connections through sshj: host keys verified by {@link HostKeyTrust}, key or password authentication from the
 * secrets, an optional jump host shared by all connections.
 */
final class SshjConnector implements RemoteHost.Connector {

    /** The credentials: a private key (with optional passphrase) or a password. Never logged. */
    record Credentials(String privateKey, String passphrase, String password) {
        @Override
        public String toString() {
            return "Credentials[" + (privateKey != null ? "key" : "password") + "]";
        }
    }

    /** sshj's own INFO lines (identity strings, subsystem requests, algorithms it skips) are noise in a build log. */
    private static final net.schmizz.sshj.common.LoggerFactory QUIET = new net.schmizz.sshj.common.LoggerFactory() {
        @Override
        public org.slf4j.Logger getLogger(String name) {
            return org.slf4j.helpers.NOPLogger.NOP_LOGGER;
        }

        @Override
        public org.slf4j.Logger getLogger(Class<?> clazz) {
            return org.slf4j.helpers.NOPLogger.NOP_LOGGER;
        }
    };

    private static final List<String> CIPHERS = List.of("aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "aes128-ctr", "aes256-ctr", "chacha20-poly1305@openssh.com", "aes192-ctr");
    private static volatile DefaultConfig config;

    static {
        useJdkCrypto();
        config = newConfig();
    }

    /**
     * A configuration of the algorithms the registered providers offer. Without BouncyCastle (the usual case) that is
     * every cipher but {@code chacha20-poly1305@openssh.com}, whose original ChaCha20 only BouncyCastle has.
     */
    private static DefaultConfig newConfig() {
        // quiet from the start: building the configuration logs each algorithm no registered provider offers
        DefaultConfig c = new DefaultConfig() {
            @Override
            public void setLoggerFactory(net.schmizz.sshj.common.LoggerFactory ignored) {
                super.setLoggerFactory(QUIET);
            }
        };
        // AES-GCM first (hardware AES makes it the fastest here), no legacy ciphers or MACs at all
        c.setCipherFactories(ordered(c.getCipherFactories(), CIPHERS));
        c.setMACFactories(ordered(c.getMACFactories(), List.of("hmac-sha2-256-etm@openssh.com",
                "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1-etm@openssh.com", "hmac-sha1")));
        // artifacts are compressed already: compressing the stream again only costs CPU
        c.setCompressionFactories(List.of(new net.schmizz.sshj.transport.compression.NoneCompression.Factory()));
        return c;
    }

    /** The one sshj configuration (building one scans sshj's algorithms anew). */
    static DefaultConfig config() {
        return config;
    }

    /**
     * After a host agreed on no algorithm: registers BouncyCastle and offers its algorithms too (a host that allows
     * only {@code chacha20-poly1305@openssh.com}). Returns whether the offer grew, so connecting again can succeed.
     */
    static synchronized boolean offerBouncyCastleAlgorithms() {
        addBouncyCastle();
        DefaultConfig wider = newConfig();
        if (wider.getCipherFactories().size() <= config.getCipherFactories().size()) {
            return false;
        }
        config = wider;
        return true;
    }

    /** The names of the ciphers offered now, for an error that says what the host did not accept. */
    static List<String> offeredCiphers() {
        return config.getCipherFactories().stream().map(net.schmizz.sshj.common.Factory.Named::getName).toList();
    }

    private static final int TAIL = 40;
    private static final int SEND_BUFFER = 256 * 1024;
    private static final long MIN_WINDOW_PAUSE = 50_000;
    private static final long MAX_WINDOW_PAUSE = 2_000_000;

    /**
     * sshj takes every algorithm from BouncyCastle when it is registered; BouncyCastle's AES is plain Java and moved an
     * upload at half the speed of OpenSSH. sshj is told not to register it and to ask Java's providers, whose AES-GCM
     * uses the processor's AES instructions; the one name sshj needs that the JDK spells differently, the "ECDSA" key
     * factory, is an alias of the JDK's ({@link JdkEcdsaKeys}). BouncyCastle is registered only for a key the JDK
     * cannot read ({@link #addBouncyCastle}).
     */
    static synchronized void useJdkCrypto() {
        net.schmizz.sshj.common.SecurityUtils.setRegisterBouncyCastle(false);
        net.schmizz.sshj.common.SecurityUtils.setSecurityProvider(null);
        JdkEcdsaKeys.register();
    }

    /**
     * Registers BouncyCastle after the JDK's providers, once, for a private key only it reads (some encrypted PEM and
     * PKCS#8 formats); sshj still asks the JDK's providers first. Returns whether it was newly registered.
     */
    static synchronized boolean addBouncyCastle() {
        if (java.security.Security.getProvider("BC") != null) {
            return false;
        }
        boolean added = net.schmizz.sshj.common.SecurityUtils.registerSecurityProvider(
                "org.bouncycastle.jce.provider.BouncyCastleProvider");
        net.schmizz.sshj.common.SecurityUtils.setSecurityProvider(null); // registering made it sshj's first choice
        return added;
    }

    /** Bytes to upload from which warming the cipher up ({@link #warmUpCipher}) saves more CPU than it costs. */
    static final long WARM_UP_FROM_BYTES = 16L << 20;
    private static final int WARM_UP_PACKETS = 12_000;
    private static final int WARM_UP_PACKET = 1024;
    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts, once per JVM and only when {@code bytesToUpload} is large, a background thread that runs SHA-256 and
     * AES-GCM as sshj does (init per packet, AAD, in-place doFinal) on small buffers of zeros. The engine's JVM is always fresh:
     * the JDK's AES-GCM is fast only once C2 has compiled it with the processor's AES/CLMUL instructions, and C2 compiles it
     * after about 10,000 packets, so a 50 MB upload (1,600 packets of 32 KB) would otherwise run whole in the
     * interpreter and C1's plain Java GHASH: about 0.5 s of CPU more than the 0.1 s this costs, while the
     * connection's key exchange happens on the other thread anyway.
     */
    static void warmUpCipher(long bytesToUpload) {
        if (bytesToUpload < WARM_UP_FROM_BYTES || !WARMED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(SshjConnector::warmUp, "slipway cipher warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Runs once what a connection's handshake runs first (see {@link DeployService#warmUp}): an X25519 key agreement
     * (curve25519-sha256, the key exchange OpenSSH and Slipway agree on) and an ECDSA P-256 signature made and
     * checked (a host key, a user key), on keys made here and thrown away.
     */
    static void warmUpHandshake() {
        try {
            java.security.KeyPairGenerator x = java.security.KeyPairGenerator.getInstance("X25519");
            java.security.KeyPair ours = x.generateKeyPair();
            javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("X25519");
            agreement.init(ours.getPrivate());
            agreement.doPhase(x.generateKeyPair().getPublic(), true);
            agreement.generateSecret();
            java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
            ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.KeyPair pair = ec.generateKeyPair();
            java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA");
            sign.initSign(pair.getPrivate());
            sign.update(new byte[64]);
            byte[] signature = sign.sign();
            java.security.Signature verify = java.security.Signature.getInstance("SHA256withECDSA");
            verify.initVerify(pair.getPublic());
            verify.update(new byte[64]);
            verify.verify(signature);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // only a matter of speed
        }
    }

    private static void warmUp() {
        try {
            // the artifact's SHA-256 runs on its own thread meanwhile: its block function gets to C2 (and the SHA
            // instructions) only after thousands of calls too, and a 50 MB artifact makes 800
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[128];
            for (int i = 0; i < WARM_UP_PACKETS; i++) {
                sha.update(block);
            }
            sha.digest();
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            javax.crypto.spec.SecretKeySpec key = new javax.crypto.spec.SecretKeySpec(new byte[16], "AES");
            byte[] buffer = new byte[4 + WARM_UP_PACKET + 16];
            byte[] iv = new byte[12];
            for (int i = 0; i < WARM_UP_PACKETS; i++) {
                iv[11] = (byte) i;
                iv[10] = (byte) (i >> 8);
                iv[9] = (byte) (i >> 16);
                cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, iv));
                cipher.updateAAD(buffer, 0, 4);
                cipher.doFinal(buffer, 4, WARM_UP_PACKET, buffer, 4);
            }
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            // only a matter of speed: the upload works the same without it
        }
    }

    private static <T extends net.schmizz.sshj.common.Factory.Named<?>> List<T> ordered(List<T> available, List<String> names) {
        List<T> out = new ArrayList<>();
        for (String name : names) {
            available.stream().filter(f -> f.getName().equals(name)).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** Turns a host name into an address (the system resolver: DNS, /etc/hosts). */
    @FunctionalInterface
    interface Resolver {
        Resolver SYSTEM = InetAddress::getByName;

        InetAddress resolve(String host) throws UnknownHostException;
    }

    private final SshSettings settings;
    private final HostKeyTrust trust;
    private final Credentials credentials;
    private final Resolver resolver;
    private SSHClient jump;

    SshjConnector(SshSettings settings, HostKeyTrust trust, Credentials credentials, Resolver resolver) {
        this.settings = settings;
        this.trust = trust;
        this.credentials = credentials;
        this.resolver = resolver;
    }

    @Override
    public RemoteHost connect(DeployHost host) throws IOException, DeployException {
        SSHClient client = open(host);
        return new SshjHost(client, NEGOTIATED.remove(client));
    }

    /** What each connection's key exchange agreed on, until {@link #connect} hands it to the host's connection. */
    private static final java.util.Map<SSHClient, String> NEGOTIATED = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private synchronized SSHClient jump() throws IOException, DeployException {
        if (jump == null || !jump.isConnected()) {
            jump = open(settings.jumpHost());
        }
        return jump;
    }

    private SSHClient open(DeployHost host) throws IOException, DeployException {
        try {
            return openOnce(host);
        } catch (TransportException e) {
            if (!noAlgorithmInCommon(e)) {
                throw e;
            }
            if (offerBouncyCastleAlgorithms()) {
                try {
                    return openOnce(host);
                } catch (TransportException again) {
                    e = again;
                }
            }
            throw new DeployException(Kind.ENVIRONMENT, host.name() + " (" + host.address() + ") and Slipway share no SSH"
                    + " algorithm (" + e.getMessage() + "). Slipway offers the ciphers " + offeredCiphers()
                    + " with ECDH/Curve25519 key exchange and SHA-2 MACs; allow one of them in the host's sshd_config"
                    + " (Ciphers, KexAlgorithms, MACs) — OpenSSH's defaults allow them all.", e);
        }
    }

    private static boolean noAlgorithmInCommon(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Unable to reach a settlement")) {
                return true;
            }
        }
        return false;
    }

    private SSHClient openOnce(DeployHost host) throws IOException, DeployException {
        boolean viaJump = settings.jumpHost() != null && host != settings.jumpHost();
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("ssh-client-new");
        SSHClient client = new SSHClient(config);
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("ssh-client-built");
        client.setConnectTimeout(settings.connectTimeoutSeconds() * 1000);
        client.getConnection().getKeepAlive().setKeepAliveInterval(15);
        client.addHostKeyVerifier(new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                io.jenkins.plugins.slipway.engine.core.Timeline.mark("ssh-host-key-received");
                return trust.verify(host, key);
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return List.of();
            }
        });
        client.addAlgorithmsVerifier(negotiated -> {
            String cipher = negotiated.getClient2ServerCipherAlgorithm();
            boolean aead = cipher.contains("-gcm@") || cipher.startsWith("chacha20-poly1305"); // its own MAC; the agreed one is unused
            NEGOTIATED.put(client, "key exchange " + negotiated.getKeyExchangeAlgorithm() + ", host key "
                    + negotiated.getSignatureAlgorithm() + ", cipher " + cipher + ", MAC "
                    + (aead ? "(the cipher's own)" : negotiated.getClient2ServerMACAlgorithm()));
            return true;
        });
        try {
            if (viaJump) {
                client.connectVia(jump().newDirectConnection(host.host(), host.port()));
            } else {
                client.connect(resolve(host), host.port());
            }
        } catch (TransportException e) {
            close(client);
            String refusal = trust.refusal(host);
            if (refusal != null) {
                throw new DeployException(Kind.ENVIRONMENT, "Refusing to connect: " + refusal, e);
            }
            throw e;
        } catch (IOException e) {
            close(client);
            throw e;
        }
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("ssh-kex-done");
        try {
            if (credentials.privateKey() != null) {
                KeyProvider key = client.loadKeys(credentials.privateKey(), null,
                        credentials.passphrase() == null ? null : PasswordUtils.createOneOff(credentials.passphrase().toCharArray()));
                client.authPublickey(host.user(), key);
            } else {
                client.authPassword(host.user(), credentials.password());
            }
        } catch (UserAuthException e) {
            close(client);
            throw new DeployException(Kind.ENVIRONMENT, "SSH login as '" + host.user() + "' on " + host.address()
                    + " was refused (" + e.getMessage() + "). Check the user and that the key (sshPrivateKey) or password is"
                    + " authorized on the host (~" + host.user() + "/.ssh/authorized_keys).", e);
        } catch (IOException e) {
            close(client);
            if (credentials.privateKey() != null && e.getMessage() != null && e.getMessage().toLowerCase().contains("passphrase")) {
                throw new DeployException(Kind.BAD_INPUT, "Cannot read the private key (sshPrivateKey): " + e.getMessage()
                        + ". Check sshPassphrase.", e);
            }
            throw e;
        }
        io.jenkins.plugins.slipway.engine.core.Timeline.mark("ssh-authenticated");
        return client;
    }

    private InetAddress resolve(DeployHost host) throws DeployException {
        try {
            return resolver.resolve(host.host());
        } catch (UnknownHostException e) {
            throw new DeployException(Kind.ENVIRONMENT, "unknown host '" + host.host() + "' (" + host.name() + "): the name does"
                    + " not resolve on this machine (DNS or /etc/hosts). Check the spelling, or give the host's IP address.", e);
        }
    }

    private static void close(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // nothing left to do
        }
    }

    @Override
    public synchronized void close() {
        if (jump != null) {
            close(jump);
        }
    }

    /** One authenticated connection. */
    private static final class SshjHost implements RemoteHost {
        private final SSHClient client;
        private final String algorithms;

        SshjHost(SSHClient client, String algorithms) {
            this.client = client;
            this.algorithms = algorithms;
        }

        @Override
        public String algorithms() {
            return algorithms;
        }

        @Override
        public ExecResult exec(String command, Path input, Duration timeout, Consumer<String> lines, LongConsumer progress)
                throws IOException, InterruptedException {
            try {
                return execChecked(command, input, timeout, lines, progress);
            } catch (IllegalStateException e) {
                throw new IOException("the connection is gone: " + e.getMessage(), e); // sshj: "Not connected"
            }
        }

        private ExecResult execChecked(String command, Path input, Duration timeout, Consumer<String> lines, LongConsumer progress)
                throws IOException, InterruptedException {
            // the login shell prints its pid and becomes the command's shell, so an abort can stop the whole tree
            String wrapped = "printf 'slipway-pid:%s\\n' $$; exec /bin/sh -c " + Shell.quote(command) + " 2>&1";
            Deque<String> tail = new ArrayDeque<>();
            String[] pid = new String[1];
            long[] stepStarted = {System.nanoTime()};
            try (Session session = client.startSession()) {
                Session.Command cmd = session.exec(wrapped);
                Thread pump = new Thread(() -> pump(cmd.getInputStream(), lines, tail, pid, stepStarted), "ssh output");
                pump.setDaemon(true);
                pump.start();
                long exitedAt = 0;
                try {
                    if (input != null) {
                        send(input, cmd, progress);
                        synchronized (stepStarted) {
                            stepStarted[0] = System.nanoTime();
                        }
                    }
                    // the output ends (EOF) when the command is done; a hook that leaves a background process
                    // holding stdout open is done when its exit status arrives
                    while (pump.isAlive()) {
                        pump.join(100);
                        if (cmd.getExitStatus() != null) {
                            exitedAt = exitedAt == 0 ? System.nanoTime() : exitedAt;
                            if (System.nanoTime() - exitedAt > 1_000_000_000L) {
                                break;
                            }
                        } else if (System.nanoTime() - started(stepStarted) > timeout.toNanos()) {
                            kill(pid);
                            synchronized (tail) {
                                return new ExecResult(-2, new ArrayList<>(tail));
                            }
                        }
                        if (!client.isConnected()) {
                            throw new IOException("the connection was lost while running a command");
                        }
                    }
                    long waitStatus = System.nanoTime() + 10_000_000_000L;
                    while (cmd.getExitStatus() == null && cmd.isOpen() && System.nanoTime() < waitStatus) {
                        Thread.sleep(2);
                    }
                } catch (InterruptedException e) {
                    kill(pid);
                    throw e;
                }
                Integer status = cmd.getExitStatus();
                if (status == null && (!client.isConnected() || cmd.getExitSignal() == null)) {
                    // neither an exit status nor a signal: the channel (or the whole connection) went away
                    throw new IOException("the connection was lost while running a command");
                }
                synchronized (tail) {
                    return new ExecResult(status == null ? -1 : status, new ArrayList<>(tail));
                }
            }
        }

        private static long started(long[] stepStarted) {
            synchronized (stepStarted) {
                return stepStarted[0];
            }
        }

        /**
         * Streams the file to the command's standard input, then sends EOF. It writes only what the remote window
         * admits and waits for more window here, not inside sshj: sshj's stream would hold its lock while waiting,
         * and a connection lost meanwhile would then go unnoticed until sshj's own timeout.
         */
        private void send(Path input, Session.Command cmd, LongConsumer progress) throws IOException, InterruptedException {
            OutputStream to = cmd.getOutputStream();
            byte[] buffer = new byte[SEND_BUFFER];
            long sent = 0;
            long pause = MIN_WINDOW_PAUSE;
            try (InputStream in = Files.newInputStream(input)) {
                int n;
                while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                    int off = 0;
                    while (off < n) {
                        if (Thread.interrupted()) {
                            throw new InterruptedException("upload interrupted");
                        }
                        long window = cmd.getRemoteWinSize();
                        if (window <= 0) {
                            if (!client.isConnected()) {
                                throw new IOException("the connection was lost during the upload");
                            }
                            if (ended(cmd)) {
                                return; // the command stopped early without reading everything: its output says why
                            }
                            // wait for the host to open the window: short at first, then backing off, so that many
                            // uploads waiting at once do not spin
                            java.util.concurrent.locks.LockSupport.parkNanos(pause);
                            pause = Math.min(pause * 2, MAX_WINDOW_PAUSE);
                            continue;
                        }
                        pause = MIN_WINDOW_PAUSE;
                        int now = (int) Math.min(n - off, window);
                        try {
                            to.write(buffer, off, now);
                            to.flush();
                        } catch (IOException e) {
                            if (client.isConnected() && ended(cmd)) {
                                return;
                            }
                            throw e;
                        }
                        off += now;
                        sent += now;
                        progress.accept(sent);
                    }
                }
            }
            try {
                to.close();
            } catch (IOException e) {
                if (!client.isConnected() || !ended(cmd)) {
                    throw e;
                }
            }
        }

        private static boolean ended(Session.Command cmd) {
            return !cmd.isOpen() || cmd.isEOF() || cmd.getExitStatus() != null;
        }

        private void kill(String[] pid) {
            String p;
            synchronized (pid) {
                p = pid[0];
            }
            if (p == null || !p.matches("\\d+")) {
                return;
            }
            try (Session session = client.startSession()) {
                // the whole tree: the process group (sshd makes the session a group) and every descendant by pgrep
                Session.Command cmd = session.exec("t() { for c in $(pgrep -P \"$1\" 2>/dev/null); do t \"$c\"; done; echo \"$1\"; }; "
                        + "all=$(t " + p + "); kill -TERM -- -" + p + " 2>/dev/null; kill -TERM $all 2>/dev/null; true");
                cmd.join(5, TimeUnit.SECONDS);
            } catch (IOException | RuntimeException e) {
                // the connection is gone; the host's sshd hangs the command up when the channel closes
            }
        }

        private static void pump(InputStream in, Consumer<String> lines, Deque<String> tail, String[] pid, long[] stepStarted) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                boolean first = true;
                while ((line = reader.readLine()) != null) {
                    if (first && line.startsWith("slipway-pid:")) {
                        synchronized (pid) {
                            pid[0] = line.substring("slipway-pid:".length()).trim();
                        }
                        first = false;
                        continue;
                    }
                    first = false;
                    if (line.startsWith(STEP_MARKER)) {
                        synchronized (stepStarted) {
                            stepStarted[0] = System.nanoTime();
                        }
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                    lines.accept(line);
                }
            } catch (IOException e) {
                // channel closed
            }
        }

        @Override
        public void upload(Path local, String remotePath, LongConsumer progress) throws IOException, InterruptedException {
            try {
                uploadChecked(local, remotePath, progress);
            } catch (IllegalStateException e) {
                throw new IOException("the connection is gone: " + e.getMessage(), e);
            }
        }

        private void uploadChecked(Path local, String remotePath, LongConsumer progress) throws IOException, InterruptedException {
            try (SFTPClient sftp = client.newSFTPClient();
                    RemoteFile file = sftp.open(remotePath, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
                    InputStream in = Files.newInputStream(local)) {
                int chunk = sftp.getSFTPEngine().getSubsystem().getRemoteMaxPacketSize() - file.getOutgoingPacketOverhead();
                chunk = Math.max(4096, Math.min(chunk, 255 * 1024));
                byte[] buffer = new byte[chunk];
                long sent = 0;
                try (OutputStream out = file.new RemoteFileOutputStream(0, 64)) {
                    int n;
                    while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                        if (Thread.interrupted()) {
                            throw new InterruptedException("upload interrupted");
                        }
                        out.write(buffer, 0, n);
                        sent += n;
                        progress.accept(sent);
                    }
                }
            }
        }

        @Override
        public boolean isConnected() {
            return client.isConnected() && client.isAuthenticated();
        }

        @Override
        public void close() {
            SshjConnector.close(client);
        }
    }
}
