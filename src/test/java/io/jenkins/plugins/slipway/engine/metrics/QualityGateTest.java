package io.jenkins.plugins.slipway.engine.metrics;

import io.jenkins.plugins.slipway.request.metrics.GateSeverity;
import io.jenkins.plugins.slipway.request.metrics.MetricsGates;
import io.jenkins.plugins.slipway.request.metrics.MetricsRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Coverage;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Duplication;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.GateResult;
import io.jenkins.plugins.slipway.engine.metrics.MetricsResult.Violations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    private static Violations violations(int p1, int p2, int p3, long codeLines) {
        int total = p1 + p2 + p3;
        return new Violations(total, Map.of("1", p1, "2", p2, "3", p3, "4", 0, "5", 0), Map.of("pmd", total),
                QualityGate.round(total * 1000.0 / codeLines), List.of(), List.of(), false, null);
    }

    private static final Duplication DUP = new Duplication(1, 30, 1000, 3.0, List.of(), false);
    private static final Coverage COV = new Coverage(75.0, null, 75, 100, List.of("coverage.xml"), null);

    private static GateResult only(List<GateResult> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void shouldPassAndMissTheDensityGateByViolationsPerThousandLines() {
        MetricsGates gates = new MetricsGates(null, null, null, 2.5, null, null, Map.of("density", GateSeverity.FAILED));

        GateResult missed = only(new QualityGate(gates).judge(violations(0, 1, 2, 1000), DUP, COV, 1000, null, null));
        assertThat(missed.kind()).isEqualTo("density");
        assertThat(missed.actual()).isEqualTo(3.0);
        assertThat(missed.passed()).isFalse();
        assertThat(missed.effect()).isEqualTo(Outcome.FAILED);
        assertThat(missed.message()).contains("3 > maximum 2.50", "by 0.50", "3 in 1000 lines", "FAILED");

        GateResult passed = only(new QualityGate(gates).judge(violations(0, 1, 2, 2000), DUP, COV, 2000, null, null));
        assertThat(passed.actual()).isEqualTo(1.5);
        assertThat(passed.passed()).isTrue();
    }

    @Test
    void shouldJudgeAbsoluteGatesPerPriorityDuplicationAndCoverage() {
        MetricsGates gates = new MetricsGates(Map.of("1", 0, "3", 5), 2.0, 80.0, null, null, null, null);

        List<GateResult> results = new QualityGate(gates).judge(violations(1, 0, 4, 1000), DUP, COV, 1000, null, null);

        assertThat(results).extracting(GateResult::metric, GateResult::passed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("priority 1 violations", false),
                org.assertj.core.groups.Tuple.tuple("priority 3 violations", true),
                org.assertj.core.groups.Tuple.tuple("duplicated lines %", false),
                org.assertj.core.groups.Tuple.tuple("line coverage %", false));
        assertThat(results).filteredOn(g -> !g.passed()).allSatisfy(g -> {
            assertThat(g.effect()).isEqualTo(Outcome.UNSTABLE);
            assertThat(g.kind()).isEqualTo("absolute");
        });
        assertThat(results.get(3).message()).contains("75 < minimum 80", "by 5");
    }

    @Test
    void shouldMissTheCoverageGateWhenNoCoverageWasRead() {
        MetricsGates gates = new MetricsGates(null, null, 50.0, null, null, null, null);
        GateResult result = only(new QualityGate(gates).judge(violations(0, 0, 0, 10), DUP, null, 10, null, null));
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains("no coverage report was read");
    }

    @Test
    void shouldPassTheDeltaGatesWhenNothingGotWorseAndMissThemWhenItDid() throws Exception {
        MetricsGates gates = new MetricsGates(null, null, null, null, true, 0.5, null);
        QualityGate.Baseline baseline = QualityGate.Baseline.of(Json.MAPPER.readTree(
                "{\"violations\":{\"byPriority\":{\"1\":1,\"2\":2,\"3\":9}},\"coverage\":{\"linePercent\":75.3}}"));
        assertThat(baseline.highPriority()).isEqualTo(3);

        List<GateResult> same = new QualityGate(gates).judge(violations(1, 2, 40, 1000), DUP, COV, 1000, baseline,
                null);
        assertThat(same).hasSize(2).allSatisfy(g -> {
            assertThat(g.kind()).isEqualTo("delta");
            assertThat(g.passed()).isTrue();
        });

        Coverage lower = new Coverage(74.0, null, 74, 100, List.of(), null);
        List<GateResult> worse = new QualityGate(gates).judge(violations(2, 2, 0, 1000), DUP, lower, 1000, baseline,
                null);
        assertThat(worse).hasSize(2).allSatisfy(g -> assertThat(g.passed()).isFalse());
        assertThat(worse.get(0).message()).contains("(1 new)");
        assertThat(worse.get(1).actual()).isEqualTo(1.3);
        assertThat(worse.get(1).message()).contains("75.30% -> 74.00%");
    }

    @Test
    void shouldRejectUnknownGateNamesAndOutOfRangeThresholds() {
        assertThatThrownBy(() -> new MetricsGates(Map.of("7", 1), null, null, null, null, null, null))
                .hasMessageContaining("gates.maxViolations");
        assertThatThrownBy(() -> new MetricsGates(null, 120.0, null, null, null, null, null))
                .hasMessageContaining("gates.maxDuplicatedLinesPercent");
        assertThatThrownBy(() -> new MetricsGates(null, null, null, null, null, null, Map.of("speed", GateSeverity.FAILED)))
                .hasMessageContaining("unknown gate 'speed'");
        assertThatThrownBy(() -> Json.MAPPER.treeToValue(Json.MAPPER.readTree("{\"sourceRoot\":\"x\"}"),
                MetricsRequest.class)).hasMessageContaining("sourceRoot");
    }
}
