package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every {@code ```groovy} example of README.md and docs/**.md passes Jenkins' own declarative validator
 * ({@code POST pipeline-model-converter/validate}, as the repository's Jenkinsfiles do in
 * {@code PushToPipelineITest}), with Slipway installed so that its steps' parameters are checked:
 * <ul>
 * <li>a whole {@code pipeline { … }} as it is;</li>
 * <li>a declarative fragment in the smallest pipeline around it: a {@code stage('…') { steps { … } }} in
 * {@code stages}, a {@code post { … }} after one stage;</li>
 * <li>plain step calls (no variables, no blocks) in a stage's {@code steps}, where the validator checks each
 * Slipway step's parameter names against the installed step;</li>
 * <li>scripted code ({@code def}, {@code node}, scripted {@code stage}) in a {@code script { }} block: the validator
 * parses it as Jenkins' Groovy; its Slipway calls are checked against the steps by {@code JenkinsfileStepsTest}.</li>
 * </ul>
 */
@ExtendWith(RealJenkinsExtension.class)
class DocsJenkinsfilesITest {
    private static final Pattern GROOVY = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL);

    record Snippet(String where, String code) {
    }

    @Test
    void everyGroovyExampleOfTheDocsPassesTheDeclarativeValidator(RealJenkins jenkins) throws Exception {
        List<Snippet> snippets = snippets();
        assertThat(snippets).as("groovy examples in README.md and docs/").hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        int whole = 0;
        int plainSteps = 0;
        for (Snippet s : snippets) {
            String kind = kind(s.code());
            String pipeline = wrap(kind, s.code());
            whole += kind.equals("pipeline") ? 1 : 0;
            plainSteps += kind.equals("steps") ? 1 : 0;
            String answer = jenkins.postForm("pipeline-model-converter/validate", Map.of("jenkinsfile", pipeline)).body();
            if (!answer.contains("Jenkinsfile successfully validated.")) {
                problems.add(s.where() + " (validated as " + kind + "): " + answer.strip() + "\n" + pipeline);
            }
        }
        assertThat(whole).as("whole declarative pipelines among the examples").isGreaterThanOrEqualTo(3);
        assertThat(plainSteps).as("examples of plain step calls, checked parameter by parameter").isGreaterThanOrEqualTo(5);
        assertThat(problems).as("groovy examples the declarative validator rejects").isEmpty();
    }

    @Test
    void shouldRejectAMisspeltSlipwayParameterInPlainStepCalls(RealJenkins jenkins) throws Exception {
        String pipeline = wrap("steps", "ec2Terminate fleet: 'shop-blue-41', credentialId: 'aws-prod'\n");
        String answer = jenkins.postForm("pipeline-model-converter/validate", Map.of("jenkinsfile", pipeline)).body();
        assertThat(answer).doesNotContain("successfully validated").contains("credentialId");
    }

    static List<Snippet> snippets() throws Exception {
        Path root = RealJenkins.projectDir();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> all = Files.walk(root.resolve("docs"))) {
            all.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = GROOVY.matcher(text);
            while (m.find()) {
                int line = text.substring(0, m.start()).split("\n", -1).length;
                snippets.add(new Snippet(root.relativize(doc) + ":" + line, m.group(1)));
            }
        }
        return snippets;
    }

    /** What the snippet is: pipeline, stage, post, steps (plain step calls) or script. */
    static String kind(String code) {
        String first = code.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//")).findFirst().orElse("");
        if (first.startsWith("pipeline {")) {
            return "pipeline";
        }
        if (first.startsWith("stage(") && code.contains("steps {")) {
            return "stage";
        }
        if (first.startsWith("post {")) {
            return "post";
        }
        boolean plain = code.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .noneMatch(l -> l.startsWith("def ") || l.contains("{") || l.contains("}") || l.matches("\\w+\\s*=.*"));
        return plain ? "steps" : "script";
    }

    static String wrap(String kind, String code) {
        return switch (kind) {
            case "pipeline" -> code;
            case "stage" -> "pipeline {\n  agent any\n  stages {\n" + code + "\n  }\n}\n";
            case "post" -> "pipeline {\n  agent any\n  stages {\n    stage('Build') { steps { echo 'build' } }\n  }\n"
                    + code + "\n}\n";
            case "steps" -> "pipeline {\n  agent any\n  stages {\n    stage('Example') {\n      steps {\n" + code
                    + "\n      }\n    }\n  }\n}\n";
            default -> "pipeline {\n  agent any\n  stages {\n    stage('Example') {\n      steps {\n        script {\n"
                    + code + "\n        }\n      }\n    }\n  }\n}\n";
        };
    }
}
