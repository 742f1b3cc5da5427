package io.jenkins.plugins.slipway.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.bridge.MiniJson;
import io.jenkins.plugins.slipway.bridge.PlainData;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult;
import io.jenkins.plugins.slipway.request.deploy.DeployReply;
import io.jenkins.plugins.slipway.request.browser.BrowserReply;
import io.jenkins.plugins.slipway.request.ec2.Ec2Reply;
import io.jenkins.plugins.slipway.request.metrics.MetricsReply;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult;
import io.jenkins.plugins.slipway.request.tests.TestsReply;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The controller's typed results ({@code request.<capability>.*Reply}) against the engine's result records: every
 * component the controller reads is one the engine writes, under the same name and of a type that reads back; and a
 * real engine result, written as the engine writes it and read as the bridge reads it, arrives whole.
 */
class ResultMirrorsTest {

    /** Each controller-side record and the engine record it reads. */
    static final Map<Class<?>, Class<?>> MIRRORS = Map.ofEntries(
            Map.entry(DeployReply.class, DeployResult.class),
            Map.entry(DeployReply.Host.class, DeployResult.HostReport.class),
            Map.entry(DeployReply.Rotation.class, DeployResult.Rotation.class),
            Map.entry(Ec2Reply.class, io.jenkins.plugins.slipway.engine.ec2.Ec2Result.class),
            Map.entry(Ec2Reply.Host.class, io.jenkins.plugins.slipway.engine.ec2.Ec2Host.class),
            Map.entry(TestsReply.class, io.jenkins.plugins.slipway.engine.tests.TestsResult.class),
            Map.entry(TestsReply.Totals.class, io.jenkins.plugins.slipway.engine.tests.TestsResult.Totals.class),
            Map.entry(TestsReply.Failure.class, io.jenkins.plugins.slipway.engine.tests.TestsResult.Failure.class),
            Map.entry(TestsReply.Coverage.class, io.jenkins.plugins.slipway.engine.coverage.CoverageReport.class),
            Map.entry(TestsReply.Counter.class, io.jenkins.plugins.slipway.engine.coverage.Counter.class),
            Map.entry(TestsReply.Outputs.class, io.jenkins.plugins.slipway.engine.tests.TestsResult.Outputs.class),
            Map.entry(MetricsReply.class, MetricsResult.class),
            Map.entry(MetricsReply.Size.class, MetricsResult.Size.class),
            Map.entry(MetricsReply.Violations.class, MetricsResult.Violations.class),
            Map.entry(MetricsReply.Duplication.class, MetricsResult.Duplication.class),
            Map.entry(MetricsReply.Coverage.class, MetricsResult.Coverage.class),
            Map.entry(MetricsReply.Gate.class, MetricsResult.GateResult.class),
            Map.entry(MetricsReply.SkippedFile.class, MetricsResult.SkippedFile.class),
            Map.entry(BrowserReply.class, io.jenkins.plugins.slipway.engine.browser.BrowserResult.class),
            Map.entry(BrowserReply.Case.class, io.jenkins.plugins.slipway.engine.browser.CaseResult.class));

    @Test
    void shouldReadOnlyComponentsTheEngineWritesUnderTheSameNameAndAFittingType() {
        List<String> problems = new ArrayList<>();
        MIRRORS.forEach((mirror, engine) -> {
            Map<String, RecordComponent> written = new LinkedHashMap<>();
            for (RecordComponent c : engine.getRecordComponents()) {
                written.put(c.getName(), c);
            }
            for (RecordComponent read : mirror.getRecordComponents()) {
                RecordComponent w = written.get(read.getName());
                if (w == null) {
                    problems.add(mirror.getName() + "." + read.getName() + ": the engine's " + engine.getSimpleName()
                            + " has no such component");
                } else if (!fits(read.getGenericType(), w.getGenericType())) {
                    problems.add(mirror.getName() + "." + read.getName() + " is " + read.getGenericType().getTypeName()
                            + ", the engine writes " + w.getGenericType().getTypeName());
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    private static boolean fits(Type read, Type written) {
        Class<?> r = raw(read);
        Class<?> w = raw(written);
        if (r.isRecord()) {
            return MIRRORS.get(r) == w;
        }
        if (r == String.class) {
            return w == String.class || w.isEnum();
        }
        if (r == List.class || r == Map.class) {
            if (w != r || !(read instanceof ParameterizedType rp) || !(written instanceof ParameterizedType wp)) {
                return false;
            }
            Type[] ra = rp.getActualTypeArguments();
            Type[] wa = wp.getActualTypeArguments();
            for (int i = 0; i < ra.length; i++) {
                if (!fits(ra[i], wa[i])) {
                    return false;
                }
            }
            return true;
        }
        return box(r) == box(w);
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    private static Class<?> box(Class<?> c) {
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == double.class ? Double.class
                : c == boolean.class ? Boolean.class : c;
    }

    @Test
    void shouldReadADeployResultAsTheEngineWritesItAndTheBridgeReadsIt() {
        DeployResult.Rotation rotation = new DeployResult.Rotation("HAProxy backend app", "web1", 1_700_000_000_000L,
                420, 3, 0, 1_700_000_005_000L, 1_700_000_006_000L, null);
        DeployResult result = new DeployResult("deploy", "r42", false, Outcome.PASSED, "2 hosts on r42", false,
                List.of(new DeployResult.HostReport("web1", "10.0.0.1:22", "r41", "r42", "r42",
                                DeployResult.HostOutcome.DEPLOYED, null, Map.of("connect", 80L, "upload", 1500L,
                                        "health", 900L), 3100, rotation),
                        new DeployResult.HostReport("web2", "10.0.0.2:22", null, "r42", "r42",
                                DeployResult.HostOutcome.FAILED, "health: 503", Map.of("connect", 70L), 800)),
                "table");
        String json = Json.write(Map.of("result", result));
        Object plain = MiniJson.parseObject(json).get("result");
        DeployReply reply = PlainData.toRecord((Map<?, ?>) plain, DeployReply.class, "the result");

        assertThat(reply.operation()).isEqualTo("deploy");
        assertThat(reply.releaseId()).isEqualTo("r42");
        assertThat(reply.outcome()).isEqualTo("PASSED");
        assertThat(reply.hostList()).extracting(DeployReply.Host::name).containsExactly("web1", "web2");
        DeployReply.Host web1 = reply.hostList().get(0);
        assertThat(web1.phase("upload")).isEqualTo(1500L);
        assertThat(web1.phase("install")).isZero();
        assertThat(web1.outcome()).isEqualTo("DEPLOYED");
        assertThat(web1.rotation()).isEqualTo(new DeployReply.Rotation("web1", 1_700_000_000_000L, 420, 3,
                1_700_000_005_000L, 1_700_000_006_000L, null));
        DeployReply.Host web2 = reply.hostList().get(1);
        assertThat(web2.previousRelease()).isNull();
        assertThat(web2.message()).isEqualTo("health: 503");
        assertThat(web2.rotation()).isNull();
    }
}
