package io.jenkins.plugins.slipway.engine.deploy;

import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.assertConsistent;
import static io.jenkins.plugins.slipway.engine.deploy.DeployFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Five hosts, one of them unreachable: rolling batches within and beyond the failure budget. */
class DeployBudgetTest {

    @TempDir
    Path temp;

    DeployFixture fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(temp, 5);
        assertThat(fleet.deploy("1-a", r -> { }).outcome()).isEqualTo(Outcome.PASSED);
        fleet.host(3).close(); // web3 goes away: connection refused
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    @Test
    void shouldFinishAsUnstableWhenTheUnreachableHostIsWithinTheBudget() throws Exception {
        DeployResult result = fleet.deploy("2-b", r -> {
            r.put("batch", "2");
            r.put("maxFailedHosts", 1);
        });

        assertThat(result.outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(result.budgetExceeded()).isFalse();
        assertThat(report(result, "web3").outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(report(result, "web3").message()).contains("connect failed", "127.0.0.1");
        assertThat(result.summary()).isEqualTo("2-b: 4/5 host(s) deployed, 1 failed");
        for (int i : new int[] {1, 2, 4, 5}) {
            assertConsistent(fleet.host(i), "2-b");
        }
        assertThat(fleet.host(3).current()).isEqualTo("1-a");
    }

    @Test
    void shouldAcceptAMinimumHealthyPercentage() throws Exception {
        assertThat(fleet.deploy("2-b", r -> r.put("minHealthyPercent", 80)).outcome()).isEqualTo(Outcome.UNSTABLE);
        assertThat(fleet.deploy("3-c", r -> r.put("minHealthyPercent", 81)).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void shouldStopRollBackTheCurrentBatchAndLeaveUntouchedHostsAloneBeyondTheBudget() throws Exception {
        DeployResult result = fleet.deploy("2-b", r -> r.put("batch", "40%")); // batches: [web1 web2] [web3 web4] [web5]

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.budgetExceeded()).isTrue();
        assertThat(result.hosts()).extracting(DeployResult.HostReport::outcome).containsExactly(HostOutcome.DEPLOYED,
                HostOutcome.DEPLOYED, HostOutcome.FAILED, HostOutcome.ROLLED_BACK, HostOutcome.SKIPPED);
        assertThat(report(result, "web4").message()).contains("failure budget exceeded (1 of 5 hosts failed");
        assertThat(report(result, "web5").message()).startsWith("not touched: failure budget exceeded");
        assertConsistent(fleet.host(1), "2-b");
        assertConsistent(fleet.host(2), "2-b");
        assertConsistent(fleet.host(4), "1-a");
        assertConsistent(fleet.host(5), "1-a");
        assertThat(fleet.host(5).base().resolve("releases/2-b")).doesNotExist();
        assertThat(result.table()).contains("web5", "SKIPPED");
    }

    @Test
    void shouldRollBackEveryHostOfTheRunWhenAsked() throws Exception {
        DeployResult result = fleet.deploy("2-b", r -> {
            r.put("batch", "2");
            r.put("rollbackAllOnFailure", true);
        });

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.hosts()).extracting(DeployResult.HostReport::outcome).containsExactly(HostOutcome.ROLLED_BACK,
                HostOutcome.ROLLED_BACK, HostOutcome.FAILED, HostOutcome.ROLLED_BACK, HostOutcome.SKIPPED);
        for (int i : new int[] {1, 2, 4, 5}) {
            assertConsistent(fleet.host(i), "1-a");
        }
        assertThat(fleet.host(1).base().resolve("releases/2-b")).as("nothing is lost").exists();
    }
}
