package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Log;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The engine's messages in the words of the command line: a request key the engine names ({@code workdir},
 * {@code sourceRoots}, {@code releaseId}) becomes the option that sets it ({@code --dir}, {@code --source},
 * {@code --release}), spelt as the user typed it. In Jenkins the same messages name the step's parameters.
 */
final class Wording implements UnaryOperator<String> {

    /** What follows a plain word that a message uses as a parameter's name. */
    private static final List<String> PARAMETER_FOLLOWS = List.of(":", " must", " '", " is required", " are required",
            " / ");

    private final Map<String, String> flags;
    private final Pattern keys;

    private Wording(Map<String, String> flags) {
        this.flags = flags;
        StringBuilder alternatives = new StringBuilder();
        flags.keySet().stream().sorted((a, b) -> b.length() - a.length()).forEach(k ->
                alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(k)));
        // a camel-case key anywhere as a word; a plain word only where a message names a parameter ("count: …",
        // "workdir 'x' …", "fleet must …", "hosts is required")
        // a key may come with the path of its object in the request ("gates.minLineCoverage")
        this.keys = flags.isEmpty() ? null : Pattern.compile("(?<![\\w.'\"/-])((?:[a-z][A-Za-z0-9]*\\.)*)("
                + alternatives + ")(?![\\w-])");
    }

    /** The wording of {@code spec}'s options: each request key and the option the user gave (else its longest name). */
    static Wording of(CommandSpec spec) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (spec == null) {
            return new Wording(flags);
        }
        List<String> typed = spec.commandLine() == null || spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        for (OptionSpec option : spec.options()) {
            if (!(option.userObject() instanceof Field field) || field.isAnnotationPresent(JsonIgnore.class)
                    || field.getDeclaringClass() == CommonOptions.class || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            List<String> spellings = new java.util.ArrayList<>(List.of(option.names()));
            if (field.isAnnotationPresent(Was.class)) {
                spellings.addAll(List.of(field.getAnnotation(Was.class).value())); // the old name, if typed
            }
            for (String n : spellings) {
                if (typed.stream().anyMatch(a -> a.equals(n) || a.startsWith(n + "="))) {
                    name = n;
                }
            }
            flags.putIfAbsent(field.getName(), name);
        }
        return new Wording(flags);
    }

    @Override
    public String apply(String message) {
        if (message == null || keys == null) {
            return message;
        }
        // a message written for both ("terminateExtras, --terminate-extras on the command line") stays as it is
        Matcher m = keys.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group(1);
            String key = m.group(2);
            boolean camel = !key.equals(key.toLowerCase(java.util.Locale.ROOT));
            String after = message.substring(m.end());
            boolean named = !path.isEmpty() || PARAMETER_FOLLOWS.stream().anyMatch(after::startsWith);
            String flag = flags.get(key);
            String replacement = (camel || named) && !message.contains(flag) ? flag : path + key;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code log} with every line in these words. */
    Log log(Log log) {
        if (keys == null) {
            return log;
        }
        Wording words = this;
        return new Log() {
            @Override
            public void info(String message) {
                log.info(words.apply(message));
            }

            @Override
            public void warn(String message) {
                log.warn(words.apply(message));
            }

            @Override
            public void error(String message) {
                log.error(words.apply(message));
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void progress(String message) {
                log.progress(words.apply(message));
            }

            @Override
            public void waitingFor(String what) {
                log.waitingFor(what);
            }
        };
    }
}
