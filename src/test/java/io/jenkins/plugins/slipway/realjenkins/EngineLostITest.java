package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Slipway step says when its engine cannot be followed any more: the agent it ran on was removed while the
 * controller was down, or the engine was killed (as when its machine or JVM dies) while the controller kept running.
 * The build fails fast, saying what happened; a deploy says which host is on which release and gives the exact
 * command that breaks the deploy lock it left.
 */
@ExtendWith(RealJenkinsExtension.class)
class EngineLostITest {

    @Test
    void shouldFailFastNamingTheAgentWhenItWasRemovedWhileTheControllerWasDown(RealJenkins jenkins) throws Exception {
        String agent = "gone-agent"; // no "slipway" in it: Jenkins logs its own cancel warning naming the label, which other tests would take for one of Slipway's
        Path agentDir = Files.createDirectories(jenkins.home().resolveSibling(jenkins.home().getFileName() + "-removed"));
        Path remoteFs = agentDir.resolve("fs");
        Process agentProcess = jenkins.connectAgent(agent, 1, agentDir, remoteFs, Map.of());
        jenkins.createPipeline("removed-agent", RestartDurabilityITest.runTestsPipeline(300, agent));
        int number = jenkins.startBuild("removed-agent");
        Path tmp = remoteFs.resolve("workspace/removed-agent@tmp");
        try {
            RestartDurabilityITest.waitForTick(jenkins, "removed-agent", number, 3);
            jenkins.restart(() -> {
                // the agent's machine is gone with its configuration; the engine it started runs on regardless
                agentProcess.toHandle().destroyForcibly();
                assertThat(agentProcess.waitFor(30, TimeUnit.SECONDS)).isTrue();
                deleteTree(jenkins.home().resolve("nodes").resolve(agent));
            });
            Instant up = Instant.now();
            assertThat(jenkins.page("computer/api/json?tree=computer[displayName]")).doesNotContain(agent);
            String result = jenkins.waitForResult("removed-agent", number, Duration.ofSeconds(120));
            Duration took = Duration.between(up, Instant.now());
            String console = jenkins.console("removed-agent", number);
            // ABORTED, as Jenkins ends a node block whose agent was removed (it would after minutes of waiting)
            assertThat(result).as("%s", console).isEqualTo("ABORTED");
            assertThat(took).as("failed fast after the restart, not after a wait for the agent:\n%s", console)
                    .isLessThan(Duration.ofSeconds(60));
            assertThat(console).contains("[runTests] the agent '" + agent + "' was removed while Jenkins was down: the "
                    + "build does not wait for it to come back")
                    .contains("[runTests] the agent '" + agent + "' this step ran on no longer exists")
                    .contains("cannot be re-attached").contains(tmp.toString() + "/slipway-runTests-");
            try (StagePageBrowser browser = StagePageBrowser.open(jenkins)) {
                if (browser != null) {
                    assertThat(browser.shoot("job/removed-agent/" + number + "/console", "removed-agent-console"))
                            .contains("cannot be re-attached");
                }
            }
            RealJenkins.waitFor("the node block's queue item for the removed agent to be gone", Duration.ofSeconds(30),
                    () -> RealJenkins.quiet(() -> jenkins.page("queue/api/json?tree=items[why]")).contains(agent)
                            ? Optional.empty() : Optional.of(true));
            System.out.println("removed agent: the build failed " + took.toMillis() + " ms after Jenkins was up");
        } finally {
            killEngines(tmp);
        }
    }

    @Test
    void shouldSayTheEngineDiedAndHowWhenItsJvmIsKilled(RealJenkins jenkins) throws Exception {
        jenkins.createPipeline("engine-killed", RestartDurabilityITest.runTestsPipeline(300, null));
        int number = jenkins.startBuild("engine-killed");
        Path tmp = jenkins.home().resolve("workspace/engine-killed@tmp");
        try {
            RestartDurabilityITest.waitForTick(jenkins, "engine-killed", number, 3);
            ProcessHandle wrapper = ProcessHandle.of(pid(tmp)).orElseThrow();
            ProcessHandle engine = wrapper.children().filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst().orElseThrow(() -> new AssertionError("no engine JVM under the wrapper"));
            assertThat(engine.destroyForcibly()).isTrue(); // SIGKILL, as the kernel's OOM killer does
            String result = jenkins.waitForResult("engine-killed", number, Duration.ofSeconds(60));
            String console = jenkins.console("engine-killed", number);
            assertThat(result).as("%s", console).isEqualTo("FAILURE");
            assertThat(console).contains("[runTests] the Slipway engine on the built-in node died before it finished: "
                    + "it was killed by signal 9 (SIGKILL) (exit code 137)").contains("Its last lines:");
        } finally {
            killEngines(tmp);
        }
    }

    @Test
    void shouldSayWhereEachHostIsAndHowToBreakTheLockWhenADeploysEngineIsKilled(RealJenkins jenkins, @TempDir Path tmpDir)
            throws Exception {
        String job = "deploy-killed";
        java.security.KeyPair key = LoopbackSshHost.newKey();
        List<LoopbackSshHost> hosts = new ArrayList<>();
        Path tmp = jenkins.home().resolve("workspace/" + job + "@tmp");
        try {
            for (int i = 0; i < 3; i++) {
                hosts.add(LoopbackSshHost.start(tmpDir.resolve("host" + i), key));
            }
            jenkins.script(Fixtures.sshKeyCredentialScript("killed-key", LoopbackSshHost.USER, key));
            String hostList = String.join(",", hosts.stream().map(h -> "127.0.0.1:" + h.port()).toList());
            String knownHosts = String.join("\\n", hosts.stream().map(LoopbackSshHost::knownHostsLine).toList());
            jenkins.createPipeline(job, "node {\n    deleteDir()\n"
                    + "    writeFile file: 'dist/version.txt', text: \"build ${env.BUILD_NUMBER}\"\n"
                    + "    def d = sshDeploy credentialsId: 'killed-key', hostList: '" + hostList + "', knownHosts: '"
                    + knownHosts + "', baseDir: 'srv/app', artifact: 'dist', releaseId: \"r${env.BUILD_NUMBER}\","
                    + " healthCommand: 'sleep 6; test -f version.txt', healthTimeoutSeconds: 60\n"
                    + "    echo \"returned status=${d.status}\"\n}");
            int number = jenkins.startBuild(job);
            String release = "r" + number;
            String second = "[127.0.0.1:" + hosts.get(1).port() + "] ";
            RealJenkins.waitFor("the second host switched and in its health check", Duration.ofMinutes(3),
                    () -> RealJenkins.quiet(() -> jenkins.console(job, number))
                            .contains(second + "current -> releases/" + release) ? Optional.of(true) : Optional.empty());
            assertThat(hosts.get(1).dir().resolve("srv/app/.slipway/lock")).as("the second host's lock held").exists();
            long group = pid(tmp);
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + group).inheritIO().start();
            assertThat(kill.waitFor()).isZero(); // the engine with its wrapper: no exit code is written

            String result = jenkins.waitForResult(job, number, Duration.ofSeconds(60));
            String console = jenkins.console(job, number);
            assertThat(result).as("%s", console).isEqualTo("FAILURE");
            assertThat(console).contains("[sshDeploy] the Slipway engine on the built-in node died before it finished: "
                    + "it was killed together with the wrapper that records its exit code")
                    .contains("no exit code was recorded")
                    .contains("Where the deploy of release " + release + " stopped (batch 2 of 3 had begun)");
            String first = "127.0.0.1:" + hosts.get(0).port();
            String middle = "127.0.0.1:" + hosts.get(1).port();
            String last = "127.0.0.1:" + hosts.get(2).port();
            assertThat(console).containsPattern("\n  " + java.util.regex.Pattern.quote(first) + " +on " + release
                    + " \\(was on no release\\), finished\n");
            assertThat(console).containsPattern("\n  " + java.util.regex.Pattern.quote(middle) + " +on " + release
                    + " \\(was on no release\\), its health check had not passed; may still hold the deploy lock\n");
            assertThat(console).containsPattern("\n  " + java.util.regex.Pattern.quote(last)
                    + " +not touched \\(still on the release it had\\)\n");
            // what the report says is what the hosts show
            assertThat(hosts.get(0).current("srv/app")).isEqualTo(release);
            assertThat(hosts.get(1).current("srv/app")).isEqualTo(release);
            assertThat(hosts.get(2).current("srv/app")).isNull();
            assertThat(hosts.get(0).dir().resolve("srv/app/.slipway/lock")).doesNotExist();
            assertThat(hosts.get(2).dir().resolve("srv/app/.slipway/lock")).doesNotExist();
            String expected = "  ssh -p " + hosts.get(1).port() + " " + LoopbackSshHost.USER + "@127.0.0.1 'grep -qF \" release="
                    + release + " token=\" srv/app/.slipway/lock/owner && rm -rf srv/app/.slipway/lock'";
            assertThat(console).contains("The deploy lock srv/app/.slipway/lock of this run (its owner file names release="
                    + release + ") may be left on " + middle + ".").contains("\n" + expected + "\n");

            try (StagePageBrowser browser = StagePageBrowser.open(jenkins)) {
                if (browser != null) {
                    assertThat(browser.shoot("job/" + job + "/" + number + "/console", "deploy-engine-died-console"))
                            .contains("died before it finished").contains("may still hold the deploy lock");
                }
            }

            // the next deploy stops at the lock, as the report says
            int blocked = jenkins.startBuild(job);
            assertThat(jenkins.waitForResult(job, blocked, Duration.ofMinutes(3))).isEqualTo("FAILURE");
            assertThat(jenkins.console(job, blocked)).contains("the deploy lock srv/app/.slipway/lock is held");

            // the command from the report, run as given with a real ssh client, breaks it
            Path keyFile = tmpDir.resolve("id");
            Files.writeString(keyFile, LoopbackSshHost.privateKeyText(key), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            String command = expected.trim().replaceFirst("^ssh ", "ssh -i " + keyFile + " -o BatchMode=yes"
                    + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR ");
            Process ssh = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String said = new String(ssh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ssh.waitFor()).as(said).isZero();
            assertThat(hosts.get(1).dir().resolve("srv/app/.slipway/lock")).doesNotExist();

            RealJenkins.Build again = jenkins.build(job);
            assertThat(again.result()).as("%s", again).isEqualTo("SUCCESS");
            for (LoopbackSshHost host : hosts) {
                assertThat(host.current("srv/app")).isEqualTo("r" + again.number());
                assertThat(host.dir().resolve("srv/app/.slipway/lock")).doesNotExist();
            }
        } finally {
            killEngines(tmp);
            for (LoopbackSshHost host : hosts) {
                host.close();
            }
        }
    }

    /** The wrapper pid of the one running Slipway engine whose control directory is in {@code tmp}. */
    private static long pid(Path tmp) throws Exception {
        return RealJenkins.waitFor("the engine's pid file in " + tmp, Duration.ofSeconds(30), () -> {
            try (Stream<Path> dirs = Files.list(tmp)) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("slipway-")).toList()) {
                    if (Files.exists(dir.resolve("pid"))) {
                        return Optional.of(Long.parseLong(Files.readString(dir.resolve("pid")).trim()));
                    }
                }
                return Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
    }

    /** Kills what is left of every engine run in {@code tmp} (its process group). */
    static void killEngines(Path tmp) throws Exception {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path pid : dirs.map(d -> d.resolve("pid")).filter(Files::exists).toList()) {
                String group = Files.readString(pid).trim();
                new ProcessBuilder("kill", "-KILL", "--", "-" + group).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            throw new AssertionError("no " + dir + " to delete");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
