package io.jenkins.plugins.slipway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers of docs/architecture.md: the engine knows nothing of Jenkins; the adapter and the bridge (the only
 * code on the plugin classloader) know nothing of the engine's heavy libraries; the packages depend on each other
 * only as docs/architecture.puml draws it; XML parsers are made only by the hardened factory helper.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    static final String[] JENKINS = {"hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..",
        "com.cloudbees..", "org.jvnet.."};
    static final String[] HEAVY = {"net.sourceforge.pmd..", "org.openqa.selenium..", "org.htmlunit..",
        "com.gargoylesoftware..", "software.amazon.awssdk..", "net.schmizz..", "com.hierynomus..",
        "org.eclipse.jgit..", "org.bouncycastle..", "org.apache.sshd..", "org.jacoco..",
        "com.fasterxml.jackson..", "picocli..", "org.slf4j..", "io.jenkins.plugins.slipway.engine..",
        "io.jenkins.plugins.slipway.cli.."};

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.slipway");
    }

    @Test
    void shouldKeepTheEngineFreeOfJenkins() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.jenkins.plugins.slipway.engine..",
                        "io.jenkins.plugins.slipway.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(JENKINS)
                .because("the engine runs in its own JVM on the agent and from the command line, without Jenkins");
        rule.check(classes);
    }

    @Test
    void shouldKeepTheAdapterFreeOfTheEngineAndItsLibraries() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.jenkins.plugins.slipway.jenkins..")
                .should().dependOnClassesThat().resideInAnyPackage(HEAVY)
                .because("only the adapter and the bridge are on the plugin classloader; the engine's libraries"
                        + " must never meet Jenkins core's");
        rule.check(classes);
    }

    @Test
    void shouldKeepTheBridgeOnTheJdkAlone() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.jenkins.plugins.slipway.bridge..",
                        "io.jenkins.plugins.slipway.request..", "io.jenkins.plugins.slipway.shared..")
                .should().dependOnClassesThat().resideInAnyPackage(HEAVY)
                .orShould().dependOnClassesThat().resideInAnyPackage(JENKINS)
                .because("the bridge runs inside Jenkins agents, the requests on both classpaths; both are"
                        + " unit-tested without Jenkins");
        rule.check(classes);
    }

    @Test
    void shouldKeepTheRequestsOnTheJdkAlone() {
        ArchRule rule = classes().that().resideInAPackage("io.jenkins.plugins.slipway.request..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.jenkins.plugins.slipway.request..")
                .because("the request records and their checks are loaded by the plugin, the engine and the command line"
                        + " alike: no library, no engine, no Jenkins, no CLI (a Jackson detail goes into engine.core.Json)");
        rule.check(classes);
    }

    /** Each engine package and the engine packages it may use: capabilities never each other. */
    static final Map<String, Set<String>> ENGINE = Map.ofEntries(
            Map.entry("core", Set.of()),
            Map.entry("coverage", Set.of("core")),
            Map.entry("junit", Set.of("core")),
            Map.entry("aws", Set.of("core")),
            Map.entry("tests", Set.of("core", "coverage", "junit")),
            Map.entry("metrics", Set.of("core", "coverage", "junit")),
            Map.entry("browser", Set.of("core", "coverage", "junit")),
            Map.entry("ec2", Set.of("core", "aws")),
            Map.entry("deploy", Set.of("core", "aws")),
            Map.entry("git", Set.of("core")),
            Map.entry("local", Set.of("core")));

    @Test
    void shouldKeepCapabilitiesIndependentOfEachOther() {
        for (Map.Entry<String, Set<String>> e : ENGINE.entrySet()) {
            String[] forbidden = java.util.stream.Stream.concat(ENGINE.keySet().stream(), java.util.stream.Stream.of("pipeline", "runtime"))
                    .filter(p -> !p.equals(e.getKey()) && !e.getValue().contains(p))
                    .map(p -> "io.jenkins.plugins.slipway.engine." + p + "..")
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage("io.jenkins.plugins.slipway.engine." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .allowEmptyShould(true)
                    .because("capabilities do not import each other; they share engine.core, engine.coverage,"
                            + " engine.junit and engine.aws, and the pipeline package composes them");
            rule.check(classes);
        }
    }

    /** The engine packages shared by capabilities (and the engine's own tasks): all others are a capability's. */
    static final Set<String> SHARED = Set.of("core", "coverage", "junit", "aws", "pipeline");

    @Test
    void shouldRegisterEveryCapabilityPackageAsACapability() {
        Set<String> registered = new java.util.TreeSet<>();
        for (io.jenkins.plugins.slipway.request.Capability c : io.jenkins.plugins.slipway.request.Capability.values()) {
            if (c.pkg() != null && !SHARED.contains(c.pkg())) {
                registered.add(c.pkg());
            }
        }
        Set<String> capabilities = new java.util.TreeSet<>(ENGINE.keySet());
        capabilities.removeAll(SHARED);
        assertThat(capabilities).as("the capability packages of ENGINE against request.Capability").isEqualTo(registered);
    }

    @Test
    void shouldKeepEveryEnginePackageInTheIndependenceRule() {
        List<String> packages = classes.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith("io.jenkins.plugins.slipway.engine."))
                .map(p -> p.substring("io.jenkins.plugins.slipway.engine.".length()).split("\\.")[0])
                .distinct().sorted().toList();
        assertThat(packages).as("engine packages; a new one must be added to ENGINE and docs/architecture.puml")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(ENGINE.keySet().stream(),
                        java.util.stream.Stream.of("pipeline", "runtime")).toList());
    }

    @Test
    void shouldDependOnlyAsThePackageDiagramDraws() {
        Path diagram = Path.of("docs/architecture.puml");
        classes().should(adhereToPlantUmlDiagram(diagram, consideringOnlyDependenciesInDiagram()))
                .because("docs/architecture.puml is the package diagram; change it with the code")
                .check(classes);
    }

    @Test
    void shouldPlaceEveryClassInAComponentOfThePackageDiagram() throws Exception {
        // the diagram's check ignores classes outside its components: a new package must be drawn to be checked
        String[] components = java.util.regex.Pattern.compile("<<([^>]+)>>")
                .matcher(Files.readString(Path.of("docs/architecture.puml"))).results().map(m -> m.group(1))
                .toArray(String[]::new);
        assertThat(components).hasSizeGreaterThan(10);
        classes().should().resideInAnyPackage(components)
                .because("docs/architecture.puml must draw every package, or its dependencies go unchecked")
                .check(classes);
    }

    @Test
    void shouldLetTheEngineUseOnlyTheFolderCheckOfTheBridge() {
        // PrivateDir (the one check of folders only the agent's user may change) is JDK-only and needed on both
        // sides; the engine reaches it through engine.core only. The runtime, the agent end of the bridge, reads
        // the envelope with the bridge's MiniJson.
        noClasses().that().resideInAPackage("io.jenkins.plugins.slipway.engine..")
                .and().resideOutsideOfPackage("io.jenkins.plugins.slipway.engine.runtime..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "are bridge classes other than bridge.PrivateDir (from engine.core)",
                        c -> c.getPackageName().startsWith("io.jenkins.plugins.slipway.bridge")
                                && !c.getName().equals("io.jenkins.plugins.slipway.bridge.PrivateDir")))
                .because("the engine runs the tasks; the bridge is the plugin's side of the process boundary")
                .check(classes);
    }

    static final Set<String> XML_FACTORIES = Set.of("javax.xml.parsers.DocumentBuilderFactory",
            "javax.xml.parsers.SAXParserFactory", "javax.xml.stream.XMLInputFactory",
            "javax.xml.transform.TransformerFactory", "javax.xml.validation.SchemaFactory",
            "javax.xml.xpath.XPathFactory");

    static final ArchRule XML_FACTORIES_ONLY_IN_SAFE_XML = noClasses()
            .that().doNotHaveFullyQualifiedName("io.jenkins.plugins.slipway.engine.core.SafeXml")
            .should().callMethodWhere(DescribedPredicate.describe(
                    "create an XML parser factory (" + String.join(", ", XML_FACTORIES) + ")",
                    (JavaCall<?> call) -> XML_FACTORIES.contains(call.getTargetOwner().getName())
                            && call.getName().startsWith("new")
                            && call.getTarget().resolveMember()
                                    .map(m -> m.getModifiers().contains(JavaModifier.STATIC)).orElse(true)))
            .because("every parser must refuse DTDs and external entities (XXE); engine.core.SafeXml makes the"
                    + " only hardened factories");

    @Test
    void shouldCreateXmlParserFactoriesOnlyInSafeXml() {
        XML_FACTORIES_ONLY_IN_SAFE_XML.check(classes);
    }

    @Test
    void shouldCatchAParserFactoryMadeOutsideSafeXml() {
        JavaClasses offender = new ClassFileImporter().importClasses(MakesItsOwnParser.class);
        assertThatThrownBy(() -> XML_FACTORIES_ONLY_IN_SAFE_XML.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DocumentBuilderFactory.newInstance()")
                .hasMessageContaining("XMLInputFactory.newFactory()")
                .hasMessageNotContaining("newDocumentBuilder");
    }

    @Test
    void shouldCatchADependencyThatThePackageDiagramDoesNotDraw(@TempDir Path dir) throws Exception {
        Path diagram = dir.resolve("architecture.puml");
        String drawn = Files.readString(Path.of("docs/architecture.puml"));
        assertThat(drawn).contains("tests --> junit\n");
        Files.writeString(diagram, drawn.replace("tests --> junit\n", ""));
        assertThatThrownBy(() -> classes().should(adhereToPlantUmlDiagram(diagram,
                        consideringOnlyDependenciesInDiagram())).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.jenkins.plugins.slipway.engine.tests")
                .hasMessageContaining("io.jenkins.plugins.slipway.engine.junit");
    }

    /**
     * Pipeline keeps a running step (and what its execution holds) in the build's program state by Java serialization:
     * a class without a declared {@code serialVersionUID} gets one computed from its fields and methods, so any change
     * to it makes a build that was running across the upgrade fail to load. Every serializable adapter class declares it.
     */
    static final ArchRule SERIALIZABLE_DECLARE_THEIR_VERSION = classes().that()
            .resideInAPackage("io.jenkins.plugins.slipway.jenkins..").and().areAssignableTo(Serializable.class)
            .and().areNotInterfaces().and().areNotEnums().and().areNotAssignableTo(Throwable.class)
            .and(new DescribedPredicate<JavaClass>("not records") {
                @Override
                public boolean test(JavaClass c) {
                    return !c.isRecord();
                }
            })
            .should(new ArchCondition<JavaClass>("declare a serialVersionUID") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    boolean declared = c.getFields().stream().anyMatch(f -> f.getName().equals("serialVersionUID")
                            && f.getModifiers().contains(JavaModifier.STATIC) && f.getModifiers().contains(JavaModifier.FINAL));
                    if (!declared) {
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " is Serializable but declares no "
                                + "static final serialVersionUID: pin it to the value the last release computed "
                                + "(java.io.ObjectStreamClass.lookup(type).getSerialVersionUID() on that release's class)"));
                    }
                }
            });

    @Test
    void shouldDeclareTheSerialVersionOfEverySerializableAdapterClass() {
        SERIALIZABLE_DECLARE_THEIR_VERSION.check(classes);
    }

    @Test
    void shouldCatchASerializableAdapterClassWithoutItsSerialVersion() {
        JavaClasses offender = new ClassFileImporter().importClasses(
                io.jenkins.plugins.slipway.jenkins.UnversionedForArchitectureTest.class);
        assertThatThrownBy(() -> SERIALIZABLE_DECLARE_THEIR_VERSION.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UnversionedForArchitectureTest is Serializable but declares no static final serialVersionUID");
    }

    /** Makes its own parser factories: what the XML rule must refuse. */
    static final class MakesItsOwnParser {
        Object parse() throws Exception {
            javax.xml.stream.XMLInputFactory.newFactory();
            return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder();
        }
    }
}
