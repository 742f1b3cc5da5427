package io.jenkins.plugins.slipway.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The usage help wrapped at spaces only. Picocli wraps its columns with the JDK's line {@code BreakIterator}, which
 * also breaks after {@code .}, {@code :} and {@code /} inside a word: {@code index.html} came out as
 * {@code index.} + {@code html}, {@code http://host} as {@code http:} + {@code //host}. Here picocli lays the help out
 * on one line per row (a width no text reaches) and each section is wrapped again at {@value #WIDTH} columns, between
 * words, with picocli's own indents: a table's wrapped lines under its description column plus two, the synopsis'
 * under its first option, plain text at the margin. A word longer than a line stays whole.
 */
final class HelpText {

    /** The width of the help, as picocli's default. */
    static final int WIDTH = 80;

    /** So wide that picocli lays out every row on one line. */
    private static final int UNWRAPPED = 10_000;

    private static final List<String> TABLES = List.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, UsageMessageSpec.SECTION_KEY_AT_FILE_PARAMETER,
            UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS);

    private HelpText() {
    }

    /** Makes {@code cli} and every command under it wrap their help between words. */
    static void apply(CommandLine cli) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>();
        cli.getHelpSectionMap().forEach((key, renderer) -> sections.put(key, help -> wrap(key, renderer.render(help),
                UsageMessageSpec.SECTION_KEY_SYNOPSIS.equals(key) ? lastLineLength(help.synopsisHeading()) : 0)));
        cli.setUsageHelpWidth(UNWRAPPED); // this command and those under it
        applyTo(cli, sections);
    }

    private static void applyTo(CommandLine cli, Map<String, CommandLine.IHelpSectionRenderer> sections) {
        cli.setHelpSectionMap(new LinkedHashMap<>(sections));
        cli.getSubcommands().values().forEach(sub -> applyTo(sub, sections));
    }

    private static int lastLineLength(String text) {
        return text == null ? 0 : text.length() - text.lastIndexOf('\n') - 1;
    }

    /**
     * The text of one help section, wrapped as its kind wants.
     *
     * @param column where the section starts on its first line (the synopsis after its heading "Usage: ")
     */
    static String wrap(String section, String text, int column) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String eol = System.lineSeparator();
        boolean endsWithEol = text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (endsWithEol) {
            lines.remove(lines.size() - 1);
        }
        List<String> out = new ArrayList<>();
        if (UsageMessageSpec.SECTION_KEY_SYNOPSIS.equals(section)) {
            out.addAll(synopsis(lines, column));
        } else {
            int hang = TABLES.contains(section) ? descriptionColumn(lines) + 2 : 0;
            for (String line : lines) {
                out.addAll(wrapLine(line, hang));
            }
        }
        return String.join(eol, out) + (endsWithEol ? eol : "");
    }

    /**
     * The synopsis as one run of words after "Usage: slipway x", wrapped under its first option. Picocli may
     * already have broken it into lines (under the same column); they are joined first.
     */
    private static List<String> synopsis(List<String> lines, int column) {
        String heading = " ".repeat(column);
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int hang = -1;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (hang < 0 || !Character.isWhitespace(line.charAt(0))) {
                if (run.length() > 0) {
                    out.addAll(wrapLine(run.toString(), hang));
                    run.setLength(0);
                }
                String first = (out.isEmpty() ? heading : "") + line.stripTrailing();
                hang = firstOptionColumn(first);
                run.append(first);
            } else {
                run.append(' ').append(line.strip());
            }
        }
        if (run.length() > 0) {
            out.addAll(wrapLine(run.toString(), hang));
        }
        if (!out.isEmpty()) {
            out.set(0, out.get(0).substring(Math.min(column, out.get(0).length())));
        }
        return out;
    }

    /** Where the options of a synopsis line begin: after "Usage: " and the command's name. */
    private static int firstOptionColumn(String line) {
        int at = line.indexOf(" [");
        if (at < 0) {
            at = line.indexOf(' ', indent(line));
        }
        int hang = at < 0 ? 0 : at + 1;
        return hang > WIDTH / 2 ? 4 : hang;
    }

    /**
     * The column where a table's descriptions start: after the first gap of two or more spaces behind the name, or
     * the indent of a description alone on its line (behind a name too long for its column); the most common one.
     */
    static int descriptionColumn(List<String> lines) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (String line : lines) {
            int first = indent(line);
            if (first >= line.length()) {
                continue;
            }
            int column = -1;
            for (int i = first; i + 2 < line.length(); i++) {
                if (line.charAt(i) == ' ' && line.charAt(i + 1) == ' ') {
                    int end = i;
                    while (end < line.length() && line.charAt(end) == ' ') {
                        end++;
                    }
                    column = end;
                    break;
                }
            }
            if (column < 0 && first > 6 && line.charAt(first) != '-') {
                column = first; // a description on a line of its own
            }
            if (column > 0) {
                counts.merge(column, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).orElse(0);
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** {@code line} in lines of at most {@link #WIDTH} columns, broken at spaces; later lines indented by {@code hang}. */
    static List<String> wrapLine(String line, int hang) {
        List<String> out = new ArrayList<>();
        if (line.length() <= WIDTH) {
            out.add(line);
            return out;
        }
        String rest = line.stripTrailing();
        String pad = " ".repeat(Math.max(0, hang));
        int minimum = indent(rest);
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH);
            while (cut > minimum && rest.charAt(cut - 1) == ' ') {
                cut--;
            }
            if (cut <= Math.max(minimum, hang)) {
                // one word longer than the line: it stays whole
                cut = rest.indexOf(' ', Math.max(minimum, hang) + 1);
                if (cut < 0) {
                    break;
                }
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = pad + rest.substring(cut).strip();
            minimum = hang;
        }
        out.add(rest);
        return out;
    }
}
