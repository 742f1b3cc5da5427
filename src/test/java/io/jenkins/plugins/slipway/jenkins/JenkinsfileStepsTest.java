package io.jenkins.plugins.slipway.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.jenkins.pipeline.SlipwayVersionStep;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every Jenkinsfile in the repository (the top-level one and {@code *.Jenkinsfile} under docs/) is parsed with Groovy,
 * and every call of a Slipway step is checked against the steps this build really has — found by reflection over
 * the Step classes of this package (descriptor function name, {@code @DataBoundConstructor} parameters,
 * {@code @DataBoundSetter} setters) — so documentation and examples cannot drift from the code.
 *
 * <p>Every agreed step exists, so no example may be parked as {@code *.Jenkinsfile.pending} (which this check skips).
 */
class JenkinsfileStepsTest {

    /** The Slipway step names agreed for the product; a call to one of them must resolve to a real step. */
    static final Set<String> SLIPWAY_STEPS = Set.of("runTests", "codeMetrics", "browserTest", "ec2Launch", "ec2Terminate",
            "sshDeploy", "slipwayVersion");

    /** A step as Jenkins sees it. */
    record StepInfo(String function, Class<?> type, Set<String> parameters, Set<String> required) {
    }

    /** One Slipway step call in a Jenkinsfile. */
    record Call(String file, int line, String step, List<String> named, int positional) {
    }

    @Test
    void shouldCallOnlyRealSlipwayStepsWithParametersTheyDeclare() throws Exception {
        Map<String, StepInfo> steps = steps();
        assertThat(steps).as("steps found by reflection").containsKey("slipwayVersion");
        List<Path> files = jenkinsfiles(false);
        assertThat(files).as("Jenkinsfiles in the repository").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(check(calls(file), steps));
        }
        assertThat(problems).as("Slipway step calls that do not match the steps of this build").isEmpty();
    }

    @Test
    void shouldKeepTheGroovyExamplesOfTheDocsTrue() throws Exception {
        Map<String, StepInfo> steps = steps();
        Path root = Path.of("").toAbsolutePath();
        List<Path> docs;
        try (Stream<Path> all = Files.walk(root)) {
            docs = all.filter(p -> !p.startsWith(root.resolve("target")) && !p.startsWith(root.resolve(".git")))
                    .filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        java.util.regex.Pattern block = java.util.regex.Pattern.compile("```groovy\\n(.*?)```", java.util.regex.Pattern.DOTALL);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            java.util.regex.Matcher m = block.matcher(Files.readString(doc, StandardCharsets.UTF_8));
            int n = 0;
            while (m.find()) {
                n++;
                String name = root.relativize(doc) + " (groovy block " + n + ")";
                Path snippet = Files.createTempFile("doc-snippet", ".groovy");
                try {
                    Files.writeString(snippet, m.group(1));
                    List<Call> calls;
                    try {
                        calls = calls(snippet);
                    } catch (RuntimeException e) {
                        problems.add(name + ": not valid Groovy: " + e.getMessage().lines().findFirst().orElse(""));
                        continue;
                    }
                    for (String problem : check(calls, steps)) {
                        problems.add(name + ": " + problem);
                    }
                    checked += calls.size();
                } finally {
                    Files.deleteIfExists(snippet);
                }
            }
        }
        assertThat(checked).as("Slipway step calls found in the docs' groovy blocks").isPositive();
        assertThat(problems).as("groovy examples in the docs that do not match the steps of this build").isEmpty();
    }

    @Test
    void shouldLeaveNoJenkinsfileWaitingForAStep() throws Exception {
        // every agreed step exists, so an example parked as *.pending would only escape the check above
        assertThat(steps().keySet()).containsAll(SLIPWAY_STEPS);
        assertThat(jenkinsfiles(true)).as("Jenkinsfiles parked as .pending").isEmpty();
    }

    @Test
    void shouldCatchAnUnknownStepAnUnknownParameterAndAMissingRequiredOne() throws Exception {
        // a made-up build with two steps, so the check is shown failing whatever steps this build has
        Map<String, StepInfo> steps = new TreeMap<>();
        steps.put("slipwayVersion", new StepInfo("slipwayVersion", Object.class, Set.of(), Set.of()));
        steps.put("ec2Launch", new StepInfo("ec2Launch", Object.class, Set.of("fleet", "count"), Set.of("fleet")));
        Path file = Files.createTempFile("bad", ".Jenkinsfile");
        try {
            Files.writeString(file, """
                    pipeline {
                      agent any
                      stages {
                        stage('x') {
                          steps {
                            slipwayVersion()
                            script {
                              def r = ec2Launch(fleet: 'web', count: 2)
                              ec2Launch count: 3
                              ec2Launch(fleet: 'web', colour: 'blue')
                              ec2Launch 'web'
                              sshDeploy(hosts: r.hosts)
                              echo "not a Slipway step: ${r.summary}"
                            }
                          }
                        }
                      }
                    }
                    """);
            List<Call> calls = calls(file);
            assertThat(calls).extracting(Call::step).containsExactly("slipwayVersion", "ec2Launch", "ec2Launch", "ec2Launch",
                    "ec2Launch", "sshDeploy");
            List<String> problems = check(calls, steps);
            assertThat(String.join("\n", problems))
                    .contains(":9: ec2Launch needs 'fleet'")
                    .contains(":10: ec2Launch has no parameter 'colour'")
                    .contains(":12: sshDeploy is not a step of this build");
            assertThat(problems).hasSize(3);
        } finally {
            Files.delete(file);
        }
    }

    static List<String> check(List<Call> calls, Map<String, StepInfo> steps) {
        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            String where = call.file() + ":" + call.line() + ": ";
            StepInfo step = steps.get(call.step());
            if (step == null) {
                problems.add(where + call.step() + " is not a step of this build (steps: " + steps.keySet() + ")");
                continue;
            }
            for (String name : call.named()) {
                if (!step.parameters().contains(name)) {
                    problems.add(where + call.step() + " has no parameter '" + name + "'; it has " + new TreeSet<>(step.parameters()));
                }
            }
            boolean singleValue = call.named().isEmpty() && call.positional() == 1 && step.required().size() == 1;
            if (!singleValue) {
                for (String required : step.required()) {
                    if (!call.named().contains(required)) {
                        problems.add(where + call.step() + " needs '" + required + "'");
                    }
                }
            }
        }
        return problems;
    }

    /** The Slipway step calls of a Jenkinsfile, found in its Groovy syntax tree. */
    static List<Call> calls(Path file) throws IOException {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        unit.compile(Phases.CONVERSION);
        List<Call> calls = new ArrayList<>();
        String name = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        Set<MethodCallExpression> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String method = call.getMethodAsString();
                // a script's statements are reachable twice: as the module's block and as its script class's run()
                if (seen.add(call) && method != null && call.isImplicitThis() && SLIPWAY_STEPS.contains(method)) {
                    calls.add(call(name, call, method));
                }
                super.visitMethodCallExpression(call);
            }
        };
        for (ModuleNode module : unit.getAST().getModules()) {
            module.getStatementBlock().visit(visitor);
            for (ClassNode type : module.getClasses()) {
                for (MethodNode method : type.getMethods()) {
                    if (method.getCode() != null) {
                        method.getCode().visit(visitor);
                    }
                }
            }
        }
        return calls;
    }

    private static Call call(String file, ASTNode node, String step) {
        MethodCallExpression call = (MethodCallExpression) node;
        List<String> named = new ArrayList<>();
        int positional = 0;
        Expression args = call.getArguments();
        List<Expression> list = args instanceof TupleExpression t ? t.getExpressions() : List.of(args);
        for (Expression arg : list) {
            if (arg instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    named.add(entry.getKeyExpression() instanceof ConstantExpression c ? String.valueOf(c.getValue())
                            : entry.getKeyExpression().getText());
                }
            } else {
                positional++;
            }
        }
        if (args instanceof ArgumentListExpression a && a.getExpressions().isEmpty()) {
            positional = 0;
        }
        return new Call(file, call.getLineNumber(), step, named, positional);
    }

    /** The repository's Jenkinsfiles: {@code Jenkinsfile} and {@code *.Jenkinsfile} (or their {@code .pending} forms). */
    static List<Path> jenkinsfiles(boolean pending) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.startsWith(root.resolve("target")) && !p.startsWith(root.resolve(".git"))
                            && !p.toString().contains("node_modules"))
                    .filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return pending ? n.equals("Jenkinsfile.pending") || n.endsWith(".Jenkinsfile.pending")
                                : n.equals("Jenkinsfile") || n.endsWith(".Jenkinsfile");
                    })
                    .sorted().toList();
        }
    }

    /** The Pipeline steps of this build, by function name. */
    static Map<String, StepInfo> steps() throws Exception {
        Path dir = classesDir().resolve("io/jenkins/plugins/slipway/jenkins");
        Map<String, StepInfo> steps = new TreeMap<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(dir)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList();
        }
        for (Path file : classFiles) {
            String className = "io.jenkins.plugins.slipway.jenkins." + dir.relativize(file).toString()
                    .replace(".class", "").replace(java.io.File.separatorChar, '.');
            Class<?> type = Class.forName(className, false, JenkinsfileStepsTest.class.getClassLoader());
            if (!Step.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            String function = functionName(type);
            Set<String> parameters = new TreeSet<>();
            Set<String> required = new TreeSet<>();
            for (Constructor<?> c : type.getConstructors()) {
                if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                    for (Parameter p : c.getParameters()) {
                        assertThat(p.isNamePresent()).as("compiled with -parameters: " + c).isTrue();
                        parameters.add(p.getName());
                        required.add(p.getName());
                    }
                }
            }
            for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
                for (Method m : t.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set") && m.getParameterCount() == 1) {
                        String n = m.getName().substring(3);
                        parameters.add(n.substring(0, 1).toLowerCase(Locale.ROOT) + n.substring(1));
                    }
                }
                for (Field f : t.getDeclaredFields()) {
                    if (f.isAnnotationPresent(DataBoundSetter.class)) {
                        parameters.add(f.getName());
                    }
                }
            }
            steps.put(function, new StepInfo(function, type, parameters, required));
        }
        return steps;
    }

    /** The descriptor's {@code getFunctionName()}: every Slipway step descriptor names its function in its constructor. */
    private static String functionName(Class<?> stepType) throws Exception {
        for (Class<?> nested : stepType.getDeclaredClasses()) {
            if (StepDescriptor.class.isAssignableFrom(nested) && !Modifier.isAbstract(nested.getModifiers())) {
                return ((StepDescriptor) nested.getConstructor().newInstance()).getFunctionName();
            }
        }
        throw new AssertionError(stepType.getName() + " is a Step without a nested StepDescriptor: Pipeline cannot call it");
    }

    private static Path classesDir() throws URISyntaxException {
        return Path.of(SlipwayVersionStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
