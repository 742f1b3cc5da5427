package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.DocsDrift;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The doc of each step parameter exists once: the step's {@code help-<param>.html}, shown by the Pipeline Snippet
 * Generator and — through the builder's nested step form — by the freestyle configure page. The parameter table of
 * {@code docs/steps/<step>.md} (between {@code <!-- parameters:begin -->} and {@code <!-- parameters:end -->}) is
 * generated from those files; this test fails on any drift, printing the diff. {@code -Dslipway.docs.update=true}
 * (never set by the build) also rewrites the tables, and the test still fails, so that the change is reviewed.
 */
class StepDocsTest {
    static final String BEGIN = "<!-- parameters:begin (generated from the step's help-*.html by StepDocsTest;"
            + " -Dslipway.docs.update=true rewrites it) -->";
    static final String REGENERATE = "mvn -B -o test -Dtest=StepDocsTest -Dslipway.docs.update=true";
    static final String END = "<!-- parameters:end -->";
    static final Pattern BLOCK = Pattern.compile(Pattern.quote("<!-- parameters:begin") + ".*?" + Pattern.quote(END),
            Pattern.DOTALL);

    @Test
    void shouldHaveOneHelpFileAndOneFormFieldForEveryStepParameterAndNoOther() throws Exception {
        List<String> problems = new ArrayList<>();
        for (JenkinsfileStepsTest.StepInfo step : JenkinsfileStepsTest.steps().values()) {
            Class<?> type = step.type();
            String jelly = resource(type, "config.jelly");
            for (String parameter : step.parameters()) {
                if (resource(type, "help-" + parameter + ".html") == null) {
                    problems.add(type.getSimpleName() + ": no help-" + parameter + ".html");
                }
                boolean formable = !List.class.isAssignableFrom(propertyType(type, parameter));
                if (formable && (jelly == null || !jelly.contains("field=\"" + parameter + "\""))) {
                    problems.add(type.getSimpleName() + ": no form field for " + parameter + " in config.jelly");
                }
            }
            for (String help : helpFiles(type)) {
                String parameter = help.substring("help-".length(), help.length() - ".html".length());
                if (!step.parameters().contains(parameter)) {
                    problems.add(type.getSimpleName() + ": " + help + " documents no parameter of the step");
                }
            }
        }
        assertThat(problems).as("help files and form fields against the steps' parameters").isEmpty();
    }

    @Test
    void shouldLeaveTheBuildersWithoutHelpFilesOfTheirOwn() throws IOException {
        Path resources = Path.of("src/main/resources/io/jenkins/plugins/slipway/jenkins");
        try (Stream<Path> files = Files.walk(resources)) {
            List<String> builderFiles = files.filter(p -> p.getParent().getFileName().toString().endsWith("Builder"))
                    .map(p -> resources.relativize(p).toString()).sorted().toList();
            // one form and one help for the result file, shared by every builder
            assertThat(builderFiles).containsExactly("SlipwayBuilder/config.jelly", "SlipwayBuilder/help-resultFile.html");
        }
    }

    @Test
    void shouldKeepTheParameterTablesOfTheDocsGeneratedFromTheHelpFiles() throws Exception {
        boolean update = Boolean.getBoolean("slipway.docs.update");
        List<String> problems = new ArrayList<>();
        for (JenkinsfileStepsTest.StepInfo step : JenkinsfileStepsTest.steps().values()) {
            Path doc = Path.of("docs/steps/" + step.function() + ".md");
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = BLOCK.matcher(text);
            if (!m.find()) {
                problems.add(doc + " has no generated parameter table (" + BEGIN + " … " + END + ")");
                continue;
            }
            String wanted = BEGIN + "\n" + table(step) + END;
            if (m.group().equals(wanted)) {
                continue;
            }
            problems.add(doc + (update ? " (rewritten: review it and commit it)" : "") + " drifted from the help files:\n"
                    + DocsDrift.diff(m.group(), wanted) + "edit the help file, then regenerate the table: " + REGENERATE);
            if (update) {
                Files.writeString(doc, text.substring(0, m.start()) + wanted + text.substring(m.end()), StandardCharsets.UTF_8);
            }
        }
        assertThat(problems).as("docs/steps tables that drifted from the help files").isEmpty();
    }

    @Test
    void shouldTurnHelpHtmlIntoOneMarkdownCell() {
        assertThat(markdown("<div>\n  A <code>KEY=VALUE</code> list, e.g. <em>a|b</em>;\n  <p>see"
                + " <a href=\"https://example.org/x\">x</a> &amp; &lt;y&gt;</div>"))
                .isEqualTo("A `KEY=VALUE` list, e.g. *a\\|b*; see [x](https://example.org/x) & <y>");
    }

    /** The generated table of one step. */
    static String table(JenkinsfileStepsTest.StepInfo step) throws IOException {
        StringBuilder out = new StringBuilder("| parameter | type | required | meaning |\n|---|---|---|---|\n");
        if (step.parameters().isEmpty()) {
            out.append("| (none) | | | |\n");
        }
        for (String parameter : formOrder(step)) {
            String help = resource(step.type(), "help-" + parameter + ".html");
            out.append("| `").append(parameter).append("` | ").append(typeName(propertyType(step.type(), parameter)))
                    .append(" | ").append(step.required().contains(parameter) ? "yes" : "").append(" | ")
                    .append(help == null ? "" : markdown(help)).append(" |\n");
        }
        return out.toString();
    }

    /** The parameters in the order of the step's form, then those the form does not hold. */
    static List<String> formOrder(JenkinsfileStepsTest.StepInfo step) throws IOException {
        List<String> out = new ArrayList<>();
        String jelly = resource(step.type(), "config.jelly");
        Matcher m = Pattern.compile("field=\"(\\w+)\"").matcher(jelly == null ? "" : jelly);
        while (m.find()) {
            if (step.parameters().contains(m.group(1)) && !out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        step.parameters().stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }

    static String typeName(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        return List.class.isAssignableFrom(type) ? "list" : "string";
    }

    /** The help HTML as one Markdown table cell. */
    static String markdown(String html) {
        String s = html.replaceAll("(?s)<pre>(.*?)</pre>", "`$1`");
        s = s.replaceAll("(?s)<code>(.*?)</code>", "`$1`");
        s = s.replaceAll("(?s)<(em|i)>(.*?)</\\1>", "*$2*");
        s = s.replaceAll("(?s)<(b|strong)>(.*?)</\\1>", "**$2**");
        s = s.replaceAll("(?s)<a href=\"([^\"]*)\">(.*?)</a>", "[$2]($1)");
        s = s.replaceAll("<[^>]+>", " ");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        s = s.replace("|", "\\|");
        return s.replaceAll("\\s+", " ").replaceAll(" ([;,.:])", "$1").trim();
    }

    static Class<?> propertyType(Class<?> type, String parameter) {
        String setter = "set" + Character.toUpperCase(parameter.charAt(0)) + parameter.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getName().equals(setter) && m.getParameterCount() == 1 && m.isAnnotationPresent(DataBoundSetter.class)) {
                return m.getParameterTypes()[0];
            }
        }
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    if (p.getName().equals(parameter)) {
                        return p.getType();
                    }
                }
            }
        }
        throw new AssertionError(type.getSimpleName() + " has no parameter " + parameter);
    }

    /** A view or help file of {@code type}, or of its nearest superclass that has one (as Stapler looks it up). */
    static String resource(Class<?> type, String name) throws IOException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + "/" + name)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    /** The {@code help-*.html} files of {@code type} and of its superclasses up to {@code SlipwayStep}. */
    static Set<String> helpFiles(Class<?> type) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Class<?> c = type; c != null && c != SlipwayStep.class; c = c.getSuperclass()) {
            Path dir = Path.of("src/main/resources", c.getPackageName().replace('.', '/'), c.getSimpleName());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("help-") && n.endsWith(".html"))
                            .forEach(out::add);
                }
            }
        }
        return out;
    }
}
