package io.jenkins.plugins.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command line of Slipway that README.md and docs/**.md show is true to the command line of this build:
 * <ul>
 * <li>each example in a shell block ({@code ```sh}, {@code ```bash} or a plain {@code ```}) that calls
 * {@code java -jar [target/]slipway.jar …} or {@code slipway …} is parsed by the real command tree (a misspelt
 * option, a missing value or a wrong type fails here);</li>
 * <li>each option named in an inline code span ({@code `slipway metrics --source src`}) exists on its command;</li>
 * <li>the examples that can run on this machine without an AWS account, SSH hosts or a project of the user's
 * ({@code --help}, {@code selfcheck}, {@code version}) are run in a JVM of their own in an empty folder: exit 0, no
 * "unknown option", and what they say they write is written.</li>
 * </ul>
 * The rest is named in {@link #NOT_RUN} with the reason; an example that is neither run nor named fails the test, and
 * so does a reason that no example needs any more. The Groovy examples are checked by {@code JenkinsfileStepsTest}
 * (steps and their parameters) and {@code DocsJenkinsfilesITest} (Jenkins' declarative validator).
 */
class DocsExamplesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`((?:java -jar \\S*slipway\\.jar|slipway)(?: [^`]*)?)`");
    private static final Pattern CLI = Pattern.compile("(?:^|&&\\s*|;\\s*)(java -jar \\S*slipway\\.jar|slipway)\\s+(.*)$");

    /**
     * Examples not run here, by the start of their arguments, with the reason. Each is still parsed by the real
     * command tree.
     */
    static final Map<String, String> NOT_RUN = new LinkedHashMap<>();

    static {
        NOT_RUN.put("demo", "builds, tests, deploys and browses the demo service for minutes; DemoITest runs it");
        NOT_RUN.put("ec2 ", "needs an AWS account (EC2 API); the ec2 tests run the same options against a local fake");
        NOT_RUN.put("deploy ", "needs SSH hosts and an artifact; the deploy tests run it against MINA SSHD and OpenSSH");
        NOT_RUN.put("test -c mvn", "builds the user's Maven project, which is not here");
        NOT_RUN.put("test -c /usr/bin/python3 -m pytest", "runs the user's pytest suite (package formapp), not here");
        NOT_RUN.put("test --exit-code", "reads the Surefire reports of a Maven run made just before it, in the user's project");
        NOT_RUN.put("metrics ", "analyses the user's sources and coverage reports (src, coverage.xml), not here");
        NOT_RUN.put("browser --app-command", "starts the user's app (serve.py) and runs its scenarios, not here");
        NOT_RUN.put("browser --request", "reads the user's browser.json and starts its app, not here");
    }

    /** Shell variables the examples use, with a value of the right type for parsing. */
    private static final Map<String, String> SHELL_VALUES = Map.of("$code", "0", "$start", "1765000000000");

    @TempDir
    Path work;

    record Example(String where, List<String> args, boolean inline) {
        String command() {
            return String.join(" ", args);
        }
    }

    @Test
    void everyShellExampleParsesAndTheRunnableOnesRun() throws Exception {
        List<Example> examples = examples();
        assertThat(examples.stream().filter(e -> !e.inline()).count()).as("CLI examples in shell blocks").isGreaterThan(15);
        List<String> problems = new ArrayList<>();
        Set<String> reasonsUsed = new LinkedHashSet<>();
        int ran = 0;
        for (Example e : examples) {
            if (e.inline()) {
                problems.addAll(unknownOptions(e));
                if (!e.args().contains("--help")) {
                    continue;
                }
            } else {
                String parseError = parse(e.args());
                if (parseError != null) {
                    problems.add(e.where() + ": `slipway " + e.command() + "` does not parse: " + parseError);
                    continue;
                }
            }
            if (runnable(e.args())) {
                problems.addAll(run(e));
                ran++;
            } else {
                String reason = NOT_RUN.keySet().stream().filter(k -> e.command().startsWith(k)).findFirst().orElse(null);
                if (reason == null) {
                    problems.add(e.where() + ": `slipway " + e.command() + "` is neither run here nor named in NOT_RUN");
                } else {
                    reasonsUsed.add(reason);
                }
            }
        }
        assertThat(problems).as("command lines in README.md and docs/ that are not true to this build").isEmpty();
        assertThat(ran).as("examples run").isGreaterThanOrEqualTo(5);
        assertThat(reasonsUsed).as("NOT_RUN entries an example needs (remove the others)")
                .containsExactlyInAnyOrderElementsOf(NOT_RUN.keySet());
    }

    @Test
    void shouldNoticeAMisspeltOptionAMissingValueAndAnUnknownInlineOption() {
        assertThat(parse(List.of("test", "--min-line-coverag", "80"))).contains("--min-line-coverag");
        assertThat(parse(List.of("version", "--json"))).isNotNull();
        assertThat(parse(List.of("metrics", "--max-violations-per1000-lines", "five"))).contains("five");
        assertThat(unknownOptions(new Example("here", List.of("metrics", "--sources", "src"), true)))
                .singleElement().asString().contains("--sources");
        assertThat(parse(List.of("metrics", "--source-roots", "src", "--max-violations-per1000-lines", "5"))).isNull();
    }

    /** The CLI examples of README.md and docs/**.md, in file order. */
    static List<Example> examples() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> all = Files.walk(ROOT.resolve("docs"))) {
            all.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<Example> examples = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher fence = FENCE.matcher(text);
            StringBuilder prose = new StringBuilder();
            int last = 0;
            while (fence.find()) {
                prose.append(text, last, fence.start());
                last = fence.end();
                String lang = fence.group(1);
                if (!Set.of("", "sh", "bash", "shell", "console").contains(lang)) {
                    continue;
                }
                int line = text.substring(0, fence.start()).split("\n", -1).length + 1;
                String body = fence.group(2).replaceAll("\\\\\\n\\s*", " ");
                for (String l : body.split("\n")) {
                    Matcher m = CLI.matcher(stripComment(l.strip()));
                    if (m.find() && !l.contains("…")) {
                        examples.add(new Example(ROOT.relativize(doc) + " (block at line " + line + ")",
                                words(m.group(2)), false));
                    }
                }
            }
            prose.append(text.substring(last));
            Matcher inline = INLINE.matcher(prose.toString().replace("\n", " "));
            while (inline.find()) {
                Matcher m = CLI.matcher(inline.group(1));
                if (m.find()) {
                    examples.add(new Example(ROOT.relativize(doc) + " (`" + inline.group(1) + "`)", words(m.group(2)), true));
                }
            }
        }
        return examples;
    }

    private static String stripComment(String line) {
        Matcher m = Pattern.compile("\\s#\\s").matcher(line);
        return m.find() && !inQuotes(line, m.start()) ? line.substring(0, m.start()).strip() : line;
    }

    private static boolean inQuotes(String s, int at) {
        return s.substring(0, at).chars().filter(c -> c == '\'').count() % 2 == 1;
    }

    /** Shell words: quotes removed, optional parts {@code [--x y]} kept without their brackets, variables given a value. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || w.length() > 0) {
                    words.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else if (c == '[' && w.length() == 0 || c == ']') {
                // an optional part of a synopsis
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            words.add(w.toString());
        }
        return words.stream().map(x -> SHELL_VALUES.getOrDefault(x, x)).toList();
    }

    /** Null when the real command tree parses {@code args}, else picocli's message. */
    static String parse(List<String> args) {
        try {
            // the command line collects its parse errors (to report them all at once) instead of throwing them
            List<String> errors = new ArrayList<>();
            for (CommandLine.ParseResult r = SlipwayCli.commandLine(args.toArray(String[]::new))
                    .parseArgs(args.toArray(String[]::new)); r != null; r = r.subcommand()) {
                r.errors().forEach(e -> errors.add(e.getMessage()));
            }
            return errors.isEmpty() ? null : String.join("; ", errors);
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    /** The options of an inline span that its command does not have. */
    static List<String> unknownOptions(Example e) {
        CommandLine cli = SlipwayCli.commandLine();
        List<String> problems = new ArrayList<>();
        for (String arg : e.args()) {
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (cli.getCommandSpec().findOption(name) == null) {
                    problems.add(e.where() + ": `slipway " + e.command() + "`: " + cli.getCommandName() + " has no option " + name);
                }
            } else if (cli.getSubcommands().containsKey(arg)) {
                cli = cli.getSubcommands().get(arg);
            }
        }
        return problems;
    }

    private static boolean runnable(List<String> args) {
        return args.contains("--help") || args.equals(List.of("selfcheck")) || !args.isEmpty() && args.get(0).equals("version");
    }

    /** Runs the example in a JVM of its own, in an empty folder; the problems it shows. */
    private List<String> run(Example e) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "example-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlipwayCli.class.getName()));
        command.addAll(e.args());
        Path out = dir.resolve(".out");
        Path err = dir.resolve(".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of(e.where() + ": `slipway " + e.command() + "` did not end within 120 s");
        }
        String said = Files.readString(out) + Files.readString(err);
        List<String> problems = new ArrayList<>();
        if (p.exitValue() != 0) {
            problems.add(e.where() + ": `slipway " + e.command() + "` exited " + p.exitValue() + ":\n" + said);
        }
        if (said.toLowerCase(java.util.Locale.ROOT).contains("unknown option")) {
            problems.add(e.where() + ": `slipway " + e.command() + "` says: " + said);
        }
        if (e.args().contains("--help") && !said.contains("Usage: slipway")) {
            problems.add(e.where() + ": `slipway " + e.command() + "` printed no usage:\n" + said);
        }
        int json = e.args().indexOf("--json");
        if (json >= 0 && !e.args().contains("--help")) {
            Path written = dir.resolve(e.args().get(json + 1));
            if (!Files.isRegularFile(written) || !Files.readString(written).strip().startsWith("{")) {
                problems.add(e.where() + ": `slipway " + e.command() + "` wrote no JSON to " + e.args().get(json + 1));
            }
        }
        return problems;
    }
}
