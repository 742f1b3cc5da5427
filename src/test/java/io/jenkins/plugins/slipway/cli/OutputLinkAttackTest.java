package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of a malicious commit on the agent user's files (issue "no write through a link"): links at Slipway's
 * output names and a source file whose name carries a new line and an SSH key. Run as the user runs it:
 * {@code slipway metrics --analysers=pmd}.
 */
class OutputLinkAttackTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAttackerKeyAttackerKeyAttackerKey x@evil";

    @TempDir
    Path ws;

    @TempDir
    Path home;

    private Path commitWithAKeyInAFileName() throws Exception {
        Files.createDirectories(ws.resolve("src"));
        Files.writeString(ws.resolve("src/A.java"), "public class A {\n    private int unused;\n}\n");
        Files.writeString(ws.resolve("src/x\n" + KEY + "\n.java"), "public class B {\n    private int unused;\n}\n");
        Path keys = Files.createDirectories(home.resolve(".ssh")).resolve("authorized_keys");
        Files.writeString(keys, "ssh-ed25519 AAAAowner owner@host\n");
        return keys;
    }

    @Test
    void shouldNotWriteTheReportThroughAPlantedTemporaryLink() throws Exception {
        Path keys = commitWithAKeyInAFileName();
        Path metrics = Files.createDirectories(ws.resolve("slipway/metrics"));
        Files.createSymbolicLink(metrics.resolve("index.html.tmp"), keys);
        Files.createSymbolicLink(metrics.resolve("slipway.css.tmp"), keys);

        int exit = SlipwayCli.execute("metrics", "-C", ws.toString(), "--source", "src", "--analysers=pmd",
                "--javascript-rules", "", "--json", ws.resolve("out.json").toString());

        assertThat(exit).isZero();
        assertThat(keys).hasContent("ssh-ed25519 AAAAowner owner@host");
        Path page = metrics.resolve("index.html");
        assertThat(Files.isSymbolicLink(page)).isFalse();
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).contains("ssh-ed25519"); // the finding on the odd file is reported ...
        List<String> lines = html.lines().toList();
        assertThat(lines).noneMatch(l -> l.startsWith("ssh-ed25519")); // ... but never as a line of its own
        assertThat(html).contains("x&#10;ssh-ed25519");
    }

    @Test
    void shouldRefuseAPmdReportThatIsALinkAndLeaveItsTargetAlone() throws Exception {
        Path keys = commitWithAKeyInAFileName();
        Path metrics = Files.createDirectories(ws.resolve("slipway/metrics"));
        Files.createSymbolicLink(metrics.resolve("pmd.xml"), keys);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = SlipwayCli.execute("metrics", "-C", ws.toString(), "--source", "src", "--analysers=pmd",
                    "--javascript-rules", "");
        } finally {
            System.setErr(saved);
        }

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pmd.xml: it is a symbolic link (to " + keys + ")")
                .contains("remove it");
        assertThat(keys).hasContent("ssh-ed25519 AAAAowner owner@host");
    }

    @Test
    void shouldRefuseAnOutputFolderLinkedOutOfTheWorkspace() throws Exception {
        Path keys = commitWithAKeyInAFileName();
        Files.createDirectories(ws.resolve("slipway"));
        Files.createSymbolicLink(ws.resolve("slipway/metrics"), keys.getParent());

        int exit = SlipwayCli.execute("metrics", "-C", ws.toString(), "--source", "src", "--analysers=pmd",
                "--javascript-rules", "");

        assertThat(exit).isEqualTo(3);
        try (var files = Files.list(keys.getParent())) {
            assertThat(files).containsExactly(keys);
        }
        assertThat(keys).hasContent("ssh-ed25519 AAAAowner owner@host");
    }

    @Test
    void shouldWriteJsonToStandardOutputForADashAndInPlaceToADevice() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = SlipwayCli.execute("version", "--json", "-");
        } finally {
            System.setOut(saved);
        }
        assertThat(exit).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("{").contains("\"task\" : \"version\"");

        Path link = Files.createSymbolicLink(ws.resolve("stdout-link"), Path.of("/dev/null"));
        assertThat(SlipwayCli.execute("version", "--json", link.toString())).isZero();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
    }
}
