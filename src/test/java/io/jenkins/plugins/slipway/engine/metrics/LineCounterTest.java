package io.jenkins.plugins.slipway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineCounterTest {

    @Test
    void shouldCountCodeCommentAndBlankLinesWithBlockAndTrailingComments() {
        String java = "/*\n * header\n */\npackage a;\n\nint x = 1; // trailing\n/* a */ int y; /* b */\n// only\n";
        assertThat(LineCounter.count(SizeLanguage.JAVA, java)).isEqualTo(new LineCounter.Counts(3, 4, 1));
    }

    @Test
    void shouldCountPythonDocstringsAndHashCommentsAsComments() {
        String py = "\"\"\"Module.\n\nMore.\n\"\"\"\nimport os  # why\n# note\n\ndef f():\n    '''one line'''\n    return 1\n";
        assertThat(LineCounter.count(SizeLanguage.PYTHON, py)).isEqualTo(new LineCounter.Counts(3, 6, 1));
    }

    @Test
    void shouldCountHtmlCommentsAndKnowLanguagesByFileName() {
        assertThat(LineCounter.count(SizeLanguage.HTML, "<!-- a\nb -->\n<p>x</p>\n"))
                .isEqualTo(new LineCounter.Counts(1, 2, 0));
        assertThat(SizeLanguage.of("Dockerfile")).isEqualTo(SizeLanguage.DOCKERFILE);
        assertThat(SizeLanguage.of("app.TS")).isEqualTo(SizeLanguage.TYPESCRIPT);
        assertThat(SizeLanguage.of("README")).isNull();
    }
}
