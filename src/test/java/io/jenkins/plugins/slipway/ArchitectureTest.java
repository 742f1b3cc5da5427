package io.jenkins.plugins.slipway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md: the engine knows nothing of Jenkins; the adapter and the bridge (the only
 * code on the plugin classloader) know nothing of the engine's heavy libraries.
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
        ArchRule rule = noClasses().that().resideInAPackage("io.jenkins.plugins.slipway.bridge..")
                .should().dependOnClassesThat().resideInAnyPackage(HEAVY)
                .orShould().dependOnClassesThat().resideInAnyPackage(JENKINS)
                .because("the bridge runs inside Jenkins agents and is unit-tested without Jenkins");
        rule.check(classes);
    }

    @Test
    void shouldKeepCapabilitiesIndependentOfEachOther() {
        for (String capability : new String[] {"tests", "metrics", "browser", "ec2", "deploy", "git", "local"}) {
            String own = "io.jenkins.plugins.slipway.engine." + capability + "..";
            ArchRule rule = noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat().resideInAnyPackage(others(capability))
                    .allowEmptyShould(true)
                    .because("capabilities do not import each other; the pipeline package composes them");
            rule.check(classes);
        }
    }

    private static String[] others(String capability) {
        return java.util.stream.Stream.of("tests", "metrics", "browser", "ec2", "deploy", "git", "local", "pipeline")
                .filter(c -> !c.equals(capability))
                .map(c -> "io.jenkins.plugins.slipway.engine." + c + "..")
                .toArray(String[]::new);
    }
}
