package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.jenkins.SlipwayRunAction.StageEntry;
import org.junit.jupiter.api.Test;

class SlipwayRunActionTest {

    @Test
    void shouldShowARunningCallOfAnEndedBuildAsDidNotFinish() {
        StageEntry running = new StageEntry("runTests", StageEntry.RUNNING, "running", 0, null, 2);

        StageEntry shown = running.shownWhile(false);

        assertThat(shown.getStatus()).isEqualTo("DID NOT FINISH");
        assertThat(shown.getSummary()).startsWith("the step never recorded its outcome");
        assertThat(shown.getStep()).isEqualTo("runTests");
        assertThat(shown.getIndex()).as("the same call, so the same line and page").isEqualTo(2);
        assertThat(shown.getIcon()).isEqualTo("symbol-status-aborted");
        assertThat(shown.getDuration()).isEqualTo("no duration");
        assertThat(running.getStatus()).as("the record itself is unchanged").isEqualTo(StageEntry.RUNNING);
    }

    @Test
    void shouldShowARunningCallAsRunningWhileTheBuildRuns() {
        StageEntry running = new StageEntry("sshDeploy", StageEntry.RUNNING, "running", 0, null, 1);

        assertThat(running.shownWhile(true)).isSameAs(running);
        assertThat(running.getIcon()).isEqualTo("symbol-status-nobuilt-anime");
    }

    @Test
    void shouldShowAFinishedCallAsRecorded() {
        StageEntry aborted = new StageEntry("browserTest", "ABORTED", "aborted", 1200, null, 1);
        StageEntry passed = new StageEntry("runTests", "PASSED", "7 tests", 1500, "slipway-tests/index.html", 1);

        assertThat(aborted.shownWhile(false)).isSameAs(aborted);
        assertThat(passed.shownWhile(false)).isSameAs(passed);
        assertThat(passed.getIcon()).isEqualTo("symbol-status-blue");
        assertThat(passed.getDuration()).isEqualTo("1.5 s");
    }
}
