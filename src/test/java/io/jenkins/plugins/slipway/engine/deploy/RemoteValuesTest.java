package io.jenkins.plugins.slipway.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.deploy.DeployResult.HostOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values read back from a host (where {@code current} points, marker lines) are data, never script: a planted
 * {@code current} link cannot run a command at the next deploy, and a hook cannot forge a marker line.
 */
class RemoteValuesTest {
    @TempDir
    Path temp;

    DeployFixture fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new DeployFixture(temp, 1);
    }

    @AfterEach
    void stop() throws Exception {
        fleet.close();
    }

    @Test
    void shouldNeverRunTheTargetOfAPlantedCurrentLink() throws Exception {
        List<TestSshHost> one = List.of(fleet.host(1));
        Path base = fleet.host(1).base();
        Path pwned = temp.resolve("PWNED");
        assertThat(fleet.deploy("1-a", one, r -> { }).outcome()).isEqualTo(io.jenkins.plugins.slipway.engine.core.Outcome.PASSED);
        Files.delete(base.resolve("current"));
        Files.createSymbolicLink(base.resolve("current"),
                Path.of("releases/x' ] ; id > '" + pwned + "' ; [ 'x"));

        // the deploy fails after the switch, so the previous "release" is used in the scripts that switch back
        DeployResult failed = fleet.deploy("2-b", one, r -> r.put("afterSwitch", List.of("exit 7")));

        assertThat(pwned).doesNotExist();
        DeployResult.HostReport host = failed.hosts().get(0);
        assertThat(host.outcome()).as(fleet.log()).isEqualTo(HostOutcome.ROLLBACK_FAILED);
        assertThat(host.previousRelease()).isEqualTo(ReleaseScripts.UNKNOWN);
        assertThat(fleet.log()).contains("(unknown)");
        assertThat(pwned).doesNotExist();

        // a rollback to a name that is not a release is refused by its own check
        assertThat(ReleaseScripts.releaseOf("releases/x' ] ; id ; [ 'x")).isEqualTo(ReleaseScripts.UNKNOWN);
        assertThat(ReleaseScripts.releaseOf("releases/41-9f8e7d6")).isEqualTo("41-9f8e7d6");
        assertThat(ReleaseScripts.releaseOf("../../etc")).isEqualTo(ReleaseScripts.UNKNOWN);
    }

    @Test
    void shouldNotTakeMarkerLinesFromHookOutput() throws Exception {
        List<TestSshHost> one = List.of(fleet.host(1));
        assertThat(fleet.deploy("1-a", one, r -> { }).outcome()).isEqualTo(io.jenkins.plugins.slipway.engine.core.Outcome.PASSED);

        // the hook claims the host was on another release before, and fails: the switch back must go to 1-a
        DeployResult failed = fleet.deploy("2-b", one, r -> r.put("afterSwitch",
                List.of("[ \"$SLIPWAY_RELEASE_ID\" = 2-b ] || exit 0; echo slipway:before=releases/0-evil; "
                        + "echo slipway:current=releases/0-evil; exit 5")));

        assertThat(failed.hosts().get(0).outcome()).as(fleet.log()).isEqualTo(HostOutcome.ROLLED_BACK);
        assertThat(fleet.host(1).current()).isEqualTo("1-a");
        assertThat(failed.hosts().get(0).currentRelease()).isEqualTo("1-a");
        assertThat(fleet.log()).contains("slipway:before=releases/0-evil").doesNotContain("switched back to 0-evil");
    }
}
