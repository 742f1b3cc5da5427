package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.slipway.engine.core.HtmlPage;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import io.jenkins.plugins.slipway.request.deploy.DeployRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page a deploy writes beside its result, from real deploys to SSH servers on loopback. */
class DeployReportTest {

    @TempDir
    Path temp;

    DeployFixture fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(temp, 3);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    @Test
    void shouldDrawEveryHostsPhasesReleasesAndQuoteTheLastHealthAnswerOfTheHostThatWasRolledBack() throws Exception {
        assertThat(fleet.deploy("1-a", r -> { }).report()).isEqualTo(DeployRequest.DEFAULT_REPORT);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            String version = Files.readString(fleet.hosts.stream().filter(h -> h.name.equals(name)).findFirst().orElseThrow()
                    .base().resolve("current/version.txt")).trim();
            boolean broken = name.equals("web2") && version.equals("2-b");
            byte[] body = (broken ? "<db> unreachable" : "ok " + version).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(broken ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        DeployResult result;
        try {
            result = fleet.deploy("2-b", r -> {
                r.put("healthCheck", Map.of("url", "http://{host}:" + http.getAddress().getPort() + "/{name}",
                        "expectBody", "ok 2-b", "retries", 2, "intervalSeconds", 0.05, "timeoutSeconds", 5));
                r.put("maxFailedHosts", 1);
                r.put("report", "out/deploy 2-b.html");
            });
        } finally {
            http.stop(0);
        }
        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(DeployFixture.report(result, "web2").outcome()).isEqualTo(HostOutcome.ROLLED_BACK);
        assertThat(result.report()).isEqualTo("out/deploy 2-b.html");
        assertThat(Json.MAPPER.valueToTree(result).path("report").asText()).as("the JSON result names the page")
                .isEqualTo("out/deploy 2-b.html");
        Path page = temp.resolve("out/deploy 2-b.html");
        assertThat(page.resolveSibling(HtmlPage.STYLESHEET)).hasContent(HtmlPage.css());
        assertThat(fleet.log()).contains("report: " + page);

        String html = Files.readString(page);
        assertThat(html).contains("<title>Deploy of 2-b — UNSTABLE</title>", "<span class=\"badge s-UNSTABLE\">UNSTABLE</span>",
                "<dt>on release</dt><dd>2 / 3</dd>", "<dt>failed hosts</dt><dd class=\"bad\">1</dd>");
        // one lane per host, each with the phases it went through; the failed host's health bar marked, then a rollback mark
        assertThat(html).contains("aria-label=\"Deploy phases per host\"", ">web1<title>127.0.0.1:", ">web3<title>",
                "class=\"p-upload\"", "class=\"p-install\"", "class=\"p-health bad\"", "class=\"p-rollback\"",
                "<title>web2 switched back to 1-a</title>", "<li class=\"l-rollback\">switched back</li>");
        assertThat(html.split("class=\"p-health\"", -1)).as("two healthy health bars").hasSize(3);
        // before and after per host: web1 and web3 moved, web2 stayed on 1-a
        assertThat(html).contains("<td class=\"mono\">1-a</td><td class=\"mono changed\">2-b</td><td><span class=\"badge s-DEPLOYED\">",
                "<td class=\"mono\">1-a</td><td class=\"mono\">1-a</td><td><span class=\"badge s-ROLLED_BACK\">");
        // the failure section comes first and quotes the health check's last answer, escaped
        assertThat(html.indexOf("id=\"failures\"")).isPositive().isLessThan(html.indexOf("id=\"hosts\""));
        String failure = html.substring(html.indexOf("id=\"failures\""), html.indexOf("id=\"hosts\""));
        assertThat(failure).contains("<b>web2</b>", "now on 1-a", "HTTP 503", "&lt;db&gt; unreachable", "rolled back to 1-a")
                .doesNotContain("web1", "web3");
        assertThat(html).doesNotContain("style=", "<style", "<script", DeployFixture.KEY_TEXT.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void shouldDescribeADryRunAsAPlanThatChangedNothing() throws Exception {
        DeployResult result = fleet.deploy("1-a", r -> r.put("dryRun", true));

        String html = Files.readString(temp.resolve(DeployRequest.DEFAULT_REPORT));
        assertThat(html).contains("dry run: nothing changed", "<dt>would deploy</dt><dd class=\"good\">3 / 3</dd>",
                "<span class=\"badge s-PLANNED\">PLANNED</span>").doesNotContain("id=\"failures\"");
        assertThat(result.hosts()).allMatch(h -> h.outcome() == HostOutcome.PLANNED);
    }

    @Test
    void shouldKeepTheDeployWhenThePageCannotBeWrittenAndSayWhy() throws Exception {
        Files.writeString(temp.resolve("blocked"), "a file where the report's directory should be");

        DeployResult result = fleet.deploy("1-a", r -> r.put("report", "blocked/deploy.html"));

        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.report()).as("no page: the result names none").isNull();
        assertThat(fleet.log()).contains("Cannot write the deploy report to " + temp.resolve("blocked/deploy.html"),
                "choose another place (report)");
    }

    @Test
    void shouldRefuseAReportThatIsNotAnHtmlFile() {
        assertThatThrownBy(() -> fleet.deploy("1-a", r -> r.put("report", "slipway/deploy.json")))
                .hasMessageContaining("report must name an .html file relative to the working directory")
                .hasMessageContaining("'slipway/deploy.json'");
    }
}
