package io.jenkins.plugins.slipway.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report's pictures of a deploy and of launched hosts, and its links to the stages' own reports. */
class PipelineHtmlReportTest {

    @TempDir
    Path work;

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static StageRecord stage(String name, String task, String status, boolean expected, JsonNode result) {
        return new StageRecord(name, task, status, expected, name + " " + status, 0, 1200, null, result, null, null);
    }

    @Test
    void shouldDrawEachHostsDeployPhasesAndItsReleaseBeforeAndAfterWithTheHealthAnswer() throws Exception {
        JsonNode deploy = json("{'releaseId':'7-abc','outcome':'FAILED','hosts':["
                + "{'name':'web-1','address':'127.0.0.2:22','previousRelease':'6-old','newRelease':'7-abc','currentRelease':'6-old',"
                + "'outcome':'ROLLED_BACK','message':'health check failed; last answer: HTTP 500 <boom>',"
                + "'phaseMillis':{'connect':100,'upload':300,'install':600,'health':1000},'totalMillis':2100},"
                + "{'name':'web-2','address':'127.0.0.3:22','previousRelease':null,'newRelease':null,'currentRelease':null,"
                + "'outcome':'SKIPPED','message':'not touched','phaseMillis':{},'totalMillis':0}]}");
        PipelineResult run = new PipelineResult("r", Outcome.FAILED, "FAILED: deploy", "2026-01-01T10:00:00.123Z", 3000, "7",
                null, List.of(stage("tests", "test", "PASSED", true, json("{'totals':{'tests':3,'failed':0,'errors':0,'skipped':1}}")),
                        stage("deploy", "deploy", "FAILED", false, deploy)), work.resolve("slipway-run.json").toString(), null);

        String html = PipelineHtmlReport.render(run);

        assertThat(html).contains("aria-label=\"Deploy phases per host\"", "class=\"p-connect\"", "class=\"p-upload\"",
                "class=\"p-install\"", "class=\"p-health bad\"", "2.1 s · rolled back", "skipped",
                "<li class=\"l-health\">health</li>", "<li class=\"l-failed\">");
        // the health bar is the longest: 1000 of 2100 ms on a 720 px scale
        assertThat(html).contains("class=\"p-health bad\" x=\"512.9\" y=\"4\" width=\"342.9\"");
        assertThat(html).contains("<td class=\"mono\">6-old</td><td class=\"mono\">6-old</td><td><span class=\"badge s-ROLLED_BACK\">",
                "<b>Why: </b>web-1 rolled back: health check failed; last answer: HTTP 500 &lt;boom&gt;");
        assertThat(html.indexOf("id=\"stage-deploy\"")).as("the failed stage first").isLessThan(html.indexOf("id=\"stage-tests\""));
        assertThat(html).contains("<dt>on release</dt><dd>0 / 2</dd>", "<dt>failed hosts</dt><dd class=\"bad\">1</dd>",
                "<a href=\"slipway-run.json\">Raw JSON result</a>").doesNotContain("style=", "<style", "<script");
    }

    @Test
    void shouldListLaunchedInstancesWithTheirIdTypeZoneAddressesAndFingerprints() throws Exception {
        JsonNode ec2 = json("{'fleet':'web','region':'eu-west-1','plan':['launch 1 t3.micro','reuse i-0aa'],'hosts':["
                + "{'name':'web-1','host':'10.0.0.5','port':22,'user':'ec2-user','hostKeyFingerprints':['SHA256:abc'],"
                + "'instanceId':'i-0bb','instanceType':'t3.micro','availabilityZone':'eu-west-1a','privateIp':'10.0.0.5',"
                + "'publicIp':null,'launched':false}]}");
        PipelineResult run = new PipelineResult("r", Outcome.PASSED, "ok", null, 10, "1", null,
                List.of(stage("launch", "ec2-launch", "PASSED", true, ec2)), null, null);

        String html = PipelineHtmlReport.render(run);

        assertThat(html).contains("<li>launch 1 t3.micro</li>", "<td class=\"mono\">i-0bb <span class=\"tag\">reused</span></td>",
                "<td>t3.micro</td><td>eu-west-1a</td><td class=\"mono\">10.0.0.5 / –</td>", "SHA256:abc",
                "<dt>region</dt><dd>eu-west-1</dd>");
    }

    @Test
    void shouldLinkAStagesOwnReportRelativeToTheRunReportOnlyWhenItExists() throws Exception {
        Files.createDirectories(work.resolve("svc/build my"));
        Files.writeString(work.resolve("svc/build my/tests.html"), "<p>t</p>");
        var href = PipelineHtmlReport.linker(work.resolve("report"), work);

        assertThat(href.apply("svc/build my/tests.html")).isEqualTo("../svc/build%20my/tests.html");
        assertThat(href.apply("svc/missing.html")).isNull();

        PipelineResult run = new PipelineResult("r", Outcome.PASSED, "ok", null, 10, "1", null, List.of(stage("tests", "test",
                "PASSED", true, json("{'totals':{'tests':1},'outputs':{'html':'svc/build my/tests.html','normalisedJUnitXml':'x.xml'}}"))),
                null, null);
        assertThat(PipelineHtmlReport.render(run, href)).contains("<a href=\"../svc/build%20my/tests.html\">Test report →</a>")
                .doesNotContain("x.xml");
    }
}
