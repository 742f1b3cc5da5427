package io.jenkins.plugins.slipway.engine.deploy;

import io.jenkins.plugins.slipway.realjenkins.EngineSampler;
import io.jenkins.plugins.slipway.realjenkins.RealJenkins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code sshDeploy} step as users run it, in a real Jenkins, side by side with an {@code sh} step running the
 * hand-written {@code scp} + {@code ssh} deploy of {@link ColdDeployBenchmark}: one Debian OpenSSH {@code sshd} on
 * loopback (own host key, an authorized key), a 50 MB {@code .tar.gz}, both steps in the same workspace on the
 * built-in node, rounds interleaved (a round = one build of each job), the first round of each not counted (it ships
 * the engine to its cache and makes the deploy's class-data archive).
 *
 * <p>Per round: the step's wall time (its flow node's start to the start of the node after it, from the
 * {@code TimingAction}s), the engine JVM's life (its process seen from outside every 20 ms: first and
 * last seen alive; {@link EngineSampler}), the engine's own work (the deploy's {@code totalMillis} for the host, from
 * the step's result), the step's overhead over that work (step wall − engine work: the engine JVM's start and exit
 * plus the controller's share) and, of it, the controller's share (step wall − engine JVM life: preparing the request,
 * starting the engine on the agent, following its log, reading the result, recording the actions), and the ratio to
 * the {@code sh} step's wall time. The {@code sh} step's script uses a key file and a {@code known_hosts} file on the
 * agent; the {@code sshDeploy} step a Jenkins SSH credential with the same key and the same host key.
 *
 * <p>Run from the project root, after {@code mvn -B -o -q package -DskipTests} and
 * {@code mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.jenkins.plugins.slipway.engine.deploy.JenkinsStepBenchmark [rounds] [MB]
 * java -Dslipway.jenkins.dist=../shared/jenkins-lts -Dslipway.jenkins.minJava=21 -Dslipway.jenkins.java=/usr/lib/jvm/temurin-25-jdk-amd64 \
 *      -cp … io.jenkins.plugins.slipway.engine.deploy.JenkinsStepBenchmark [rounds] [MB]
 * </pre>
 * Jenkins runs from a copy under {@code target/real-jenkins/} ({@link RealJenkins}: no update sites, the
 * distribution's plugins plus {@code target/slipway.hpi}).
 */
public final class JenkinsStepBenchmark {
    private static final Pattern RESULT = Pattern.compile("slipway-bench status=(\\S+) total=(\\d+) phases=(.*)");

    private JenkinsStepBenchmark() {
    }

    /** One build's figures, milliseconds; engine figures are -1 for the {@code sh} step. */
    record Round(long stepWall, long engineLife, long engineWork, long beforeEngine, long afterEngine, double rssMb, String phases) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        RealJenkins.Distribution dist = RealJenkins.distribution();
        if (dist.unusableBecause() != null || !OpenSshServer.available()) {
            System.out.println("needs a Jenkins distribution, target/slipway.hpi and /usr/sbin/sshd: "
                    + (dist.unusableBecause() == null ? "no sshd" : dist.unusableBecause()));
            return;
        }
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "jenkins-step-bench");
        String user = System.getProperty("user.name");
        System.out.printf(Locale.ROOT, "machine: %d cores; %s%nload average at start: %s", Runtime.getRuntime().availableProcessors(),
                dist.describe(), load());
        try (OpenSshServer sshd = new OpenSshServer(root.resolve("sshd"), DeployFixture.USER_KEY.getPublic(), root.resolve("home"));
                RealJenkins jenkins = RealJenkins.start(dist.folder());
                EngineSampler sampler = EngineSampler.start(20, root)) {
            Path ws = Files.createDirectories(root.resolve("ws"));
            Path artifact = ColdDeployBenchmark.tarGz(root, megabytes);
            Files.move(artifact, ws.resolve("app.tar.gz"));
            Path key = Files.writeString(root.resolve("id_ecdsa"), DeployFixture.KEY_TEXT);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            String hostKey = "[127.0.0.1]:" + sshd.port + " " + TestSshHost.publicKeyLine(sshd.hostKey.getPublic());
            Path knownHosts = Files.writeString(root.resolve("known_hosts"), hostKey + "\n");
            jenkins.script(credential("bench-key", user, DeployFixture.KEY_TEXT));
            System.out.printf(Locale.ROOT, "artifact: %.1f MB .tar.gz; OpenSSH sshd on 127.0.0.1:%d; %d rounds, interleaved%n",
                    Files.size(ws.resolve("app.tar.gz")) / 1e6, sshd.port, rounds);

            String opts = "-q -o BatchMode=yes -i " + key + " -o UserKnownHostsFile=" + knownHosts + " -o StrictHostKeyChecking=yes";
            Path scriptDir = Files.createDirectories(sshd.dir.resolve("script"));
            String script = "scp " + opts + " -P " + sshd.port + " app.tar.gz " + user + "@127.0.0.1:" + scriptDir + "/up.tgz && ssh "
                    + opts + " -p " + sshd.port + " 127.0.0.1 \"cd " + scriptDir + " && mkdir s$BUILD_NUMBER && tar -xzf up.tgz -C s$BUILD_NUMBER"
                    + " && ln -sfn s$BUILD_NUMBER current.tmp && mv -T current.tmp current\"";
            jenkins.createPipeline("bench-sh", "node {\n  ws('" + ws + "') {\n    sh '''" + script + "\n    '''\n  }\n  echo 'done'\n}");
            jenkins.createPipeline("bench-deploy", "node {\n  ws('" + ws + "') {\n"
                    + "    def d = sshDeploy credentialsId: 'bench-key', hostList: '127.0.0.1:" + sshd.port + "', knownHosts: '" + hostKey + "',"
                    + " baseDir: 'app', artifact: 'app.tar.gz', releaseId: \"d${env.BUILD_NUMBER}\", keepReleases: 3\n"
                    + "    echo \"slipway-bench status=${d.status} total=${d.hosts[0].totalMillis} phases=${d.hosts[0].phaseMillis}\"\n"
                    + "  }\n}");

            List<Round> sh = new ArrayList<>();
            List<Round> deploy = new ArrayList<>();
            System.out.println();
            System.out.println("round  step            wall(ms)  engine JVM life  engine work  overhead  controller (before/after engine)  engine RSS(MB)  load");
            for (int r = 0; r <= rounds; r++) {
                Round s = build(jenkins, sampler, "bench-sh", "sh");
                Round d = build(jenkins, sampler, "bench-deploy", "sshDeploy");
                String tag = r == 0 ? "warm" : String.valueOf(r);
                String loadNow = load().split(" ")[0];
                System.out.printf(Locale.ROOT, "%-5s  sh             %9d  %15s  %11s  %8s  %32s  %14s  %s%n", tag, s.stepWall(), "-", "-", "-", "-", "-", loadNow);
                System.out.printf(Locale.ROOT, "%-5s  sshDeploy      %9d  %15d  %11d  %8d  %15d / %-14d  %14.0f  %s   %s (%.2fx sh)%n", tag,
                        d.stepWall(), d.engineLife(), d.engineWork(), d.stepWall() - d.engineWork(), d.beforeEngine(), d.afterEngine(),
                        d.rssMb(), loadNow, d.phases(), d.stepWall() / (double) s.stepWall());
                if (r > 0) {
                    sh.add(s);
                    deploy.add(d);
                }
            }
            double shWall = median(sh.stream().mapToDouble(Round::stepWall).toArray());
            double dWall = median(deploy.stream().mapToDouble(Round::stepWall).toArray());
            double work = median(deploy.stream().mapToDouble(Round::engineWork).toArray());
            double life = median(deploy.stream().mapToDouble(Round::engineLife).toArray());
            double overhead = median(deploy.stream().mapToDouble(x -> x.stepWall() - x.engineWork()).toArray());
            double controller = median(deploy.stream().mapToDouble(x -> x.stepWall() - x.engineLife()).toArray());
            System.out.println();
            System.out.printf(Locale.ROOT, "median of %d          step wall(s)  engine JVM life(s)  engine work(s)  overhead(s)  controller(s)  engine RSS(MB)%n", rounds);
            System.out.printf(Locale.ROOT, "sh (scp + ssh script)  %11.2f  %18s  %14s  %11s  %13s  %14s%n", shWall / 1000, "-", "-", "-", "-", "-");
            System.out.printf(Locale.ROOT, "sshDeploy              %11.2f  %18.2f  %14.2f  %11.2f  %13.2f  %14.0f%n", dWall / 1000, life / 1000, work / 1000,
                    overhead / 1000, controller / 1000, median(deploy.stream().mapToDouble(Round::rssMb).toArray()));
            System.out.printf(Locale.ROOT, "sshDeploy / sh: wall %.2fx (target <= 1.20); step overhead over the engine's work %.2f s"
                    + " (target <= 0.30), of which the controller's share %.2f s and the engine JVM's start and exit %.2f s%n",
                    dWall / shWall, overhead / 1000, controller / 1000, (life - work) / 1000);
            System.out.printf(Locale.ROOT, "load average at the end: %s", load());
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Builds {@code job} once; its step's timing from the flow graph, the engine's from outside and from the result. */
    private static Round build(RealJenkins jenkins, EngineSampler sampler, String job, String function) throws Exception {
        sampler.clear();
        RealJenkins.Build b = jenkins.build(job);
        if (!"SUCCESS".equals(b.result())) {
            throw new IOException(job + " #" + b.number() + " ended " + b.result() + ":\n" + b.console());
        }
        String timing = jenkins.script("""
                import org.jenkinsci.plugins.workflow.graph.FlowGraphWalker
                import org.jenkinsci.plugins.workflow.cps.nodes.StepAtomNode
                import org.jenkinsci.plugins.workflow.actions.TimingAction
                def run = jenkins.model.Jenkins.get().getItemByFullName('%s').getBuildByNumber(%d)
                def all = new FlowGraphWalker(run.execution).toList()
                def step = all.find { it instanceof StepAtomNode && it.descriptor?.functionName == '%s' }
                def next = all.find { n -> n.parents.contains(step) }
                println "start=" + TimingAction.getStartTime(step) + " end=" + TimingAction.getStartTime(next)
                """.formatted(job, b.number(), function));
        Matcher t = Pattern.compile("start=(\\d+) end=(\\d+)").matcher(timing);
        if (!t.find()) {
            throw new IOException("no timing for " + function + " in " + job + " #" + b.number() + ": " + timing);
        }
        long start = Long.parseLong(t.group(1));
        long end = Long.parseLong(t.group(2));
        if (!"sshDeploy".equals(function)) {
            return new Round(end - start, -1, -1, -1, -1, 0, "");
        }
        Matcher m = RESULT.matcher(b.console());
        List<EngineSampler.Engine> engines = sampler.engines();
        if (!m.find() || engines.size() != 1) {
            throw new IOException("expected one engine and its result line, saw " + engines + " in:\n" + b.console());
        }
        EngineSampler.Engine e = engines.get(0);
        return new Round(end - start, e.lifeMillis(), Long.parseLong(m.group(2)), e.started.toEpochMilli() - start,
                end - e.lastSeen().toEpochMilli(), e.peakMb(), m.group(3));
    }

    private static String credential(String id, String user, String keyText) {
        return """
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey
                def store = SystemCredentialsProvider.getInstance().getStore()
                store.addCredentials(Domain.global(), new BasicSSHUserPrivateKey(CredentialsScope.GLOBAL, '%1$s', '%2$s',
                    new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource('''%3$s'''), null, 'benchmark deploy key'))
                println 'stored'
                """.formatted(id, user, keyText);
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg"));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
