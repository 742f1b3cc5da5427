package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallPathsTest {

    @Test
    void shouldKeepTheFirstCallsPathsAndGiveLaterCallsTheirOwnFolder() {
        assertThat(CallPaths.file("slipway/deploy/index.html", 1)).isEqualTo("slipway/deploy/index.html");
        assertThat(CallPaths.file("slipway/deploy/index.html", 2)).isEqualTo("slipway/deploy-2/index.html");
        assertThat(CallPaths.file("slipway/ec2/index.html", 3)).isEqualTo("slipway/ec2-3/index.html");
        assertThat(CallPaths.file("slipway/tests/junit.xml", 12)).isEqualTo("slipway/tests-12/junit.xml");
        assertThat(CallPaths.folder("slipway/metrics", 1)).isEqualTo("slipway/metrics");
        assertThat(CallPaths.folder("slipway/metrics/", 2)).isEqualTo("slipway/metrics-2");
        assertThat(CallPaths.folder("slipway-browser", 2)).isEqualTo("slipway-browser-2");
    }

    @Test
    void shouldSuffixAFileWithoutAFolderBeforeItsExtension() {
        assertThat(CallPaths.file("report.html", 2)).isEqualTo("report-2.html");
        assertThat(CallPaths.file("report", 2)).isEqualTo("report-2");
        assertThat(CallPaths.file("report.html", 1)).isEqualTo("report.html");
    }

    @Test
    void shouldDeriveTheSuffixFromTheStagePagesUrl() {
        for (int n = 1; n <= 4; n++) {
            StageAction page = new StageAction("sshDeploy", "PASSED", "ok", n) {
                @Override
                protected String title() {
                    return "Deploy";
                }

                @Override
                protected String icon() {
                    return "symbol-cloud-upload-outline plugin-ionicons-api";
                }
            };
            String suffix = page.getUrlName().substring("sshDeploy".length());
            assertThat(CallPaths.file("slipway/deploy/index.html", n)).as("call %d (%s)", n, page.getUrlName())
                    .isEqualTo("slipway/deploy" + suffix + "/index.html");
        }
    }

    @Test
    void shouldRefuseAnEmptyDefaultFolder() {
        assertThatThrownBy(() -> CallPaths.folder("/", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default folder");
    }
}
