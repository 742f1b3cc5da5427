package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.ReportBrowser;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page {@code ec2-launch} writes beside its result, from launches against the EC2 fake at the HTTP boundary. */
class Ec2ReportTest {

    @TempDir
    Path workDir;

    FakeEc2 fake;
    ServerSocket sshd;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final Ec2Service service = new Ec2Service(Ec2ServiceTest.FAST);

    @BeforeEach
    void start() throws Exception {
        fake = new FakeEc2();
        sshd = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
        sshd.close();
    }

    private TaskContext context() {
        Secrets secrets = Secrets.of(Map.of(Ec2Session.ACCESS_KEY, Ec2ServiceTest.KEY_ID, Ec2Session.SECRET_KEY,
                Ec2ServiceTest.SECRET));
        return new TaskContext(Log.console(new PrintStream(logged, true, StandardCharsets.UTF_8), "[ec2] ", true, secrets),
                secrets, workDir);
    }

    private Ec2LaunchRequest launch(Object... overrides) throws SlipwayException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("fleet", "web");
        json.put("count", 2);
        json.put("ami", "ami-0123456789abcdef0");
        json.putArray("subnets").add("subnet-aaaaaaaa");
        json.put("region", "us-east-1");
        json.put("endpoint", fake.endpoint());
        json.put("credentials", "KEYS");
        json.put("sshPort", sshd.getLocalPort());
        json.put("timeoutSeconds", 30);
        json.put("buildId", "shop/main#42");
        for (int i = 0; i < overrides.length; i += 2) {
            json.set((String) overrides[i], Json.MAPPER.valueToTree(overrides[i + 1]));
        }
        return Json.read(json, Ec2LaunchRequest.class, "ec2-launch");
    }

    @Test
    void shouldShowThePlanTheWaitsAndEveryInstancesIdTypeZoneAddressesAndFingerprints() throws Exception {
        String reused = fake.running("web", Instant.parse("2026-11-20T10:00:00Z")).id;

        Ec2Result result = service.launch(launch("count", 3), context());

        assertThat(result.report()).isEqualTo(Ec2LaunchRequest.DEFAULT_REPORT);
        assertThat(Json.MAPPER.valueToTree(result).path("report").asText()).isEqualTo(Ec2LaunchRequest.DEFAULT_REPORT);
        Path page = workDir.resolve(Ec2LaunchRequest.DEFAULT_REPORT);
        assertThat(page.resolveSibling(HtmlPage.STYLESHEET)).hasContent(HtmlPage.css());
        String html = Files.readString(page);
        assertThat(html).contains("<title>EC2 fleet web — launch</title>", "<dt>hosts ready</dt><dd>3</dd>",
                "<dt>launched</dt><dd>2</dd>", "<dt>reused</dt><dd>1</dd>", "<dt>Region</dt><dd class=\"mono\">us-east-1</dd>",
                "<dt>AMI</dt><dd class=\"mono\">ami-0123456789abcdef0</dd>");
        // the plan, each line led by its verb
        assertThat(html).contains("<span class=\"verb v-reuse\">reuse</span> " + reused,
                "<span class=\"verb v-launch\">launch</span> 2 x t3.micro");
        // the waits in the order they ran
        assertThat(html).contains("aria-label=\"EC2 wait phases\"");
        assertThat(html.indexOf(">running<")).isLessThan(html.indexOf(">ssh-port<")).isLessThan(html.indexOf(">host-keys<"));
        // every instance with its details and the fingerprints the deploy stage pins
        assertThat(result.hosts()).hasSize(3);
        for (Ec2Host host : result.hosts()) {
            assertThat(html).contains("<td><code>" + host.instanceId() + "</code> <span class=\"tag\">"
                    + (host.launched() ? "launched" : "reused") + "</span>", host.availabilityZone(), host.subnetId(),
                    host.privateIp(), "<code>ec2-user@127.0.0.1:" + sshd.getLocalPort() + "</code>",
                    "<code class=\"muted\">" + fake.fingerprint(host.instanceId()) + "</code>");
        }
        assertThat(html).contains("<td>running<br>t3.micro</td>")
                .doesNotContain("style=", "<style", "<script", Ec2ServiceTest.SECRET, Ec2ServiceTest.KEY_ID);

        ReportBrowser.open(workDir, List.of(new ReportBrowser.Page("ec2", page, "PASSED")));
    }

    @Test
    void shouldListWhatADryRunWouldTerminateAndLaunchWithoutWaitingForAnything() throws Exception {
        String oldest = fake.running("web", Instant.parse("2026-11-19T10:00:00Z")).id;
        fake.running("web", Instant.parse("2026-11-20T10:00:00Z"));
        fake.running("web", Instant.parse("2026-11-21T10:00:00Z"));

        Ec2Result result = service.launch(launch("count", 2, "terminateExtras", true, "dryRun", true,
                "report", "reports/ec2 dry.html"), context());

        assertThat(result.report()).isEqualTo("reports/ec2 dry.html");
        String html = Files.readString(workDir.resolve("reports/ec2 dry.html"));
        assertThat(html).contains("dry run: nothing launched or terminated", "<dt>to terminate</dt><dd>1</dd>",
                "<span class=\"verb v-terminate\">terminate</span> " + oldest, "<h2 id=\"terminated\">Would be terminated</h2>",
                "<li class=\"mono\">" + oldest + "</li>");
        assertThat(fake.instance(oldest).state).as("nothing terminated").isEqualTo("running");
    }

    @Test
    void shouldRefuseAReportThatIsNotAnHtmlFile() {
        assertThatThrownBy(() -> launch("report", "ec2.json")).hasMessageContaining(
                "report: must name an .html file relative to the working directory").hasMessageContaining("'ec2.json'");
    }
}
