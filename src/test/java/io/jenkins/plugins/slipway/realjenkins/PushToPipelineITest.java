package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.slipway.engine.ec2.FakeEc2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
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
 * Push to pipeline: a Pipeline job "from SCM" on a local bare git repository holding a declarative Jenkinsfile; a push
 * announced the way a post-receive hook announces it starts a build by itself, and the whole chain test → metrics →
 * browser → launch → deploy runs on the pushed commit. Also: Slipway's own Jenkinsfiles pass Jenkins' declarative
 * validation.
 */
@ExtendWith(RealJenkinsExtension.class)
class PushToPipelineITest {

    @Test
    void shouldBuildAPushedCommitThroughTheWholeChain(RealJenkins jenkins, @TempDir Path tmp) throws Exception {
        KeyPair userKey = LoopbackSshHost.newKey();
        try (LoopbackSshHost host = LoopbackSshHost.start(tmp.resolve("host"), userKey); FakeEc2 ec2 = new FakeEc2()) {
            ec2.hostKeySource = host::hostKeyBlob;
            jenkins.script(Fixtures.sshKeyCredentialScript("deploy-key", LoopbackSshHost.USER, userKey));
            jenkins.script(Fixtures.awsCredentialScript("aws-push", "AKIASLIPWAYPUSH00001", "push/secret/abcdefghijklmnopqrstuvwx"));
            jenkins.script("""
                    import hudson.slaves.EnvironmentVariablesNodeProperty
                    def j = jenkins.model.Jenkins.get()
                    def props = j.getGlobalNodeProperties()
                    props.removeAll(EnvironmentVariablesNodeProperty)
                    props.add(new EnvironmentVariablesNodeProperty(
                        new EnvironmentVariablesNodeProperty.Entry('EC2_ENDPOINT', '%s'),
                        new EnvironmentVariablesNodeProperty.Entry('DEPLOY_PORT', '%d')))
                    j.save()
                    """.formatted(ec2.endpoint(), host.port()));

            Path bare = tmp.resolve("formapp.git");
            Path work = tmp.resolve("work");
            git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
            git(tmp, "clone", "-q", bare.toString(), work.toString());
            copyTree(RealJenkins.projectDir().resolve("src/demo"), work);
            Files.copy(RealJenkins.projectDir().resolve("src/test/resources/io/jenkins/plugins/slipway/realjenkins/push/Jenkinsfile"),
                    work.resolve("Jenkinsfile"));
            git(work, "add", "-A");
            git(work, "commit", "-q", "-m", "The example service and its pipeline");
            git(work, "push", "-q", "origin", "main");

            String url = "file://" + bare;
            jenkins.createJob("formapp", scmPipelineXml(url));
            RealJenkins.Build first = jenkins.build("formapp", Duration.ofMinutes(8));
            assertThat(first.result()).as("%s", first).isEqualTo("SUCCESS");

            // a change, pushed and announced as a post-receive hook does
            Files.writeString(work.resolve("formapp/README.txt"), "The form app.\n");
            git(work, "add", "-A");
            git(work, "commit", "-q", "-m", "Describe the form app");
            git(work, "push", "-q", "origin", "main");
            String pushed = git(work, "rev-parse", "HEAD").trim();
            String token = hookToken(jenkins);
            assertThat(jenkins.get("git/notifyCommit?url=" + RealJenkins.enc(url) + "&token=" + token).statusCode()).isEqualTo(200);

            int second = RealJenkins.waitFor("a build started by the push", Duration.ofMinutes(3), () -> {
                String json = RealJenkins.quiet(() -> jenkins.page("job/formapp/api/json?tree=lastBuild[number]"));
                return json.contains("\"number\":2") ? Optional.of(2) : Optional.empty();
            });
            String result = jenkins.waitForResult("formapp", second, Duration.ofMinutes(8));
            String console = jenkins.console("formapp", second);
            assertThat(result).as("%s", console).isEqualTo("SUCCESS");
            assertThat(console).contains("Started by an SCM change");
            for (String stage : List.of("test", "metrics", "browser", "launch", "deploy")) {
                assertThat(console).as("stage %s", stage).containsPattern("result " + stage + " PASSED commit=" + pushed);
            }
            assertThat(host.current("srv/formapp")).isEqualTo("2-" + pushed.substring(0, 7));
            PipelineStepsITest.assertSlipwayLinks(jenkins, new RealJenkins.Build(jenkins, "formapp", second, result, console),
                    "slipway", "runTests", "codeMetrics", "browserTest", "sshDeploy");
        }
    }

    @Test
    void shouldValidateSlipwaysOwnJenkinsfiles(RealJenkins jenkins) throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(RealJenkins.projectDir().resolve("Jenkinsfile"));
        files.add(RealJenkins.projectDir().resolve("src/test/resources/io/jenkins/plugins/slipway/realjenkins/push/Jenkinsfile"));
        try (Stream<Path> examples = Files.list(RealJenkins.projectDir().resolve("docs/examples"))) {
            examples.filter(p -> p.toString().endsWith(".Jenkinsfile")).forEach(files::add);
        }
        for (Path file : files) {
            String answer = jenkins.postForm("pipeline-model-converter/validate",
                    Map.of("jenkinsfile", Files.readString(file))).body();
            assertThat(answer).as("declarative validation of %s", file).contains("Jenkinsfile successfully validated.");
        }
    }

    static String hookToken(RealJenkins jenkins) throws Exception {
        String body = jenkins.post("descriptorByName/hudson.plugins.git.ApiTokenPropertyConfiguration/generate?apiTokenName=hook",
                "application/x-www-form-urlencoded", "").body();
        return new ObjectMapper().readTree(body).path("data").path("value").asText();
    }

    static String scmPipelineXml(String url) {
        return """
                <?xml version='1.1' encoding='UTF-8'?>
                <flow-definition>
                  <definition class="org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition">
                    <scm class="hudson.plugins.git.GitSCM">
                      <configVersion>2</configVersion>
                      <userRemoteConfigs>
                        <hudson.plugins.git.UserRemoteConfig><url>%s</url></hudson.plugins.git.UserRemoteConfig>
                      </userRemoteConfigs>
                      <branches><hudson.plugins.git.BranchSpec><name>*/main</name></hudson.plugins.git.BranchSpec></branches>
                    </scm>
                    <scriptPath>Jenkinsfile</scriptPath>
                    <lightweight>false</lightweight>
                  </definition>
                </flow-definition>
                """.formatted(RealJenkins.xmlEscape(url));
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Slipway Suite", "-c", "user.email=suite@127.0.0.1",
                "-c", "init.defaultBranch=main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ":\n" + out);
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
