package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void shouldSplitListsOnCommasAndNewLinesOnly() {
        assertThat(Params.list(" a ,\n\n b,\r\nc d ")).containsExactly("a", "b", "c d");
        assertThat(Params.list(" , \n")).isEmpty();
        assertThat(Params.listOrNull(" , ")).isNull();
        assertThat(Params.list(null)).isEmpty();
    }

    @Test
    void shouldKeepCommasInsideCommandLines() {
        assertThat(Params.lines("echo a, b\r\n\n  sudo systemctl restart app  \n")).containsExactly("echo a, b",
                "sudo systemctl restart app");
    }

    @Test
    void shouldReadMapsFromNewLinesAndCommasThatStartAnEntry() {
        assertThat(Params.map("runTests", "env", "CI=true, MODE = test\nJAVA_OPTS=-Da=1,-Db=2\nEMPTY=\nURL=http://h/?a=b,c"))
                .containsExactly(Map.entry("CI", "true"), Map.entry("MODE", "test"), Map.entry("JAVA_OPTS", "-Da=1,-Db=2"),
                        Map.entry("EMPTY", ""), Map.entry("URL", "http://h/?a=b,c"));
        assertThat(Params.mapOrNull("ec2Launch", "tags", " \n ")).isNull();
    }

    @Test
    void shouldNameTheStepTheParameterAndTheEntryOfABadMap() {
        assertThatThrownBy(() -> Params.map("browserTest", "appEnv", "A=1\nNOEQUALS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("browserTest: appEnv takes KEY=VALUE entries separated by new lines or commas, not 'NOEQUALS'"
                        + " (e.g. 'JAVA_HOME=/opt/jdk, CI=true')");
        assertThat(Params.mapProblem("=x")).contains("'=x'");
        assertThat(Params.mapProblem("A=1, B=2")).isNull();
    }

    @Test
    void shouldTreatBlankTextAsUnset() {
        assertThat(Params.text("  ")).isNull();
        assertThat(Params.text(" v ")).isEqualTo("v");
    }
}
