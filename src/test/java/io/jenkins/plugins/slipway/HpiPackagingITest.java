package io.jenkins.plugins.slipway;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.jenkins.plugins.slipway.bridge.EngineCache;
import io.jenkins.plugins.slipway.bridge.EngineProcess;
import io.jenkins.plugins.slipway.bridge.EngineReply;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the real target/slipway.hpi and target/slipway-engine.jar made by `mvn package` and checks what Jenkins reads. */
class HpiPackagingITest {
    static final Path HPI = Path.of("target", "slipway.hpi");
    static final Path ENGINE = Path.of("target", "slipway-engine.jar");
    static final List<String> STUB_PREFIXES = List.of("hudson/", "jenkins/", "org/jenkinsci/", "org/kohsuke/",
            "com/cloudbees/", "net/java/sezpoz/", "org/jvnet/");
    static final List<String> HEAVY_PREFIXES = List.of("net/sourceforge/pmd/", "org/openqa/selenium/", "org/htmlunit/",
            "software/amazon/awssdk/", "net/schmizz/", "com/hierynomus/", "org/eclipse/jgit/", "org/bouncycastle/",
            "org/apache/sshd/", "org/jacoco/", "com/fasterxml/", "picocli/", "io/jenkins/plugins/slipway/engine/",
            "io/jenkins/plugins/slipway/cli/");

    @TempDir
    static Path tmp;
    static Path pluginJar;

    @BeforeAll
    static void extractPluginJar() throws IOException {
        assertThat(HPI).as("run `mvn package` first").exists();
        pluginJar = tmp.resolve("slipway.jar");
        try (ZipFile hpi = new ZipFile(HPI.toFile())) {
            ZipEntry inner = hpi.getEntry("WEB-INF/lib/slipway.jar");
            assertThat(inner).as("WEB-INF/lib/slipway.jar").isNotNull();
            try (InputStream in = hpi.getInputStream(inner)) {
                Files.copy(in, pluginJar);
            }
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private static void assertPluginManifest(Manifest manifest, String where) {
        Attributes a = manifest.getMainAttributes();
        assertThat(a.getValue("Short-Name")).as(where).isEqualTo("slipway");
        assertThat(a.getValue("Long-Name")).as(where).isEqualTo("Slipway");
        assertThat(a.getValue("Plugin-Version")).as(where).isNotBlank();
        assertThat(a.getValue("Jenkins-Version")).as(where).isEqualTo("2.479.3");
        assertThat(a.getValue("Hudson-Version")).as(where).isEqualTo("2.479.3");
        assertThat(a.getValue("Url")).as(where).startsWith("https://");
        assertThat(a.getValue("Plugin-Dependencies")).as(where).isEqualTo(
                "workflow-step-api:704.ve4f0967e98fa_,workflow-api:1373.v7b_813f10efa_b_,structs:350.v3b_30f09f2363,credentials:1415.v831096eb_5534,"
                + "ssh-credentials:359.v2191c4cf635f,ionicons-api:88.va_4187cb_eddf1,aws-credentials:248.v78a_dcfc9db_ff;resolution:=optional,"
                + "junit:1335.v6b_a_a_e18534e1;resolution:=optional");
    }

    @Test
    void shouldCarryThePluginManifestInTheHpiFirst() throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(HPI))) {
            ZipEntry first = in.getNextEntry();
            while (first != null && first.isDirectory()) {
                first = in.getNextEntry();
            }
            assertThat(first).isNotNull();
            assertThat(first.getName()).isEqualTo("META-INF/MANIFEST.MF");
            assertPluginManifest(new Manifest(in), "slipway.hpi");
        }
    }

    @Test
    void shouldCarryThePluginManifestInThePluginJarForTheClassFilter() throws IOException {
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            assertPluginManifest(jar.getManifest(), "WEB-INF/lib/slipway.jar");
        }
    }

    @Test
    void shouldBundleOnlyThePluginJarAndNoClassesDirectory() throws IOException {
        List<String> hpi = entries(HPI);
        assertThat(hpi.stream().filter(e -> e.startsWith("WEB-INF/lib/") && !e.endsWith("/")))
                .containsExactly("WEB-INF/lib/slipway.jar");
        assertThat(hpi).noneMatch(e -> e.startsWith("WEB-INF/classes/"));
        assertThat(hpi).noneMatch(e -> e.contains("jenkins-test-harness"));
    }

    @Test
    void shouldKeepCompileOnlyDeclarationsAndHeavyLibrariesOutOfThePlugin() throws IOException {
        List<String> classes = entries(pluginJar).stream().filter(e -> e.endsWith(".class")).toList();
        assertThat(classes).isNotEmpty().allMatch(e -> e.startsWith("io/jenkins/plugins/slipway/jenkins/")
                || e.startsWith("io/jenkins/plugins/slipway/bridge/") || e.startsWith("io/jenkins/plugins/slipway/request/")
                || e.startsWith("io/jenkins/plugins/slipway/shared/"), "only adapter, bridge, request and shared classes");
        for (String prefix : STUB_PREFIXES) {
            assertThat(entries(pluginJar)).noneMatch(e -> e.startsWith(prefix));
            assertThat(entries(ENGINE)).as("engine jar").noneMatch(e -> e.startsWith(prefix) && e.endsWith(".class")
                    && (e.startsWith("hudson/") || e.startsWith("jenkins/") || e.startsWith("com/cloudbees/")
                    || e.startsWith("org/jenkinsci/plugins/") || e.startsWith("org/kohsuke/stapler/")));
        }
        for (String prefix : HEAVY_PREFIXES) {
            assertThat(classes).noneMatch(e -> e.startsWith(prefix));
        }
    }

    @Test
    void shouldLinkThePluginClassesOnlyToTheJdkTheJenkinsApiAndThemselves() {
        JavaClasses classes = new ClassFileImporter().importJar(jar(pluginJar));
        TreeSet<String> foreign = new TreeSet<>();
        classes.forEach(c -> c.getDirectDependenciesFromSelf().forEach(d -> {
            String target = d.getTargetClass().getPackageName();
            if (!(target.startsWith("java.") || target.startsWith("javax.") || target.isEmpty()
                    || target.startsWith("io.jenkins.plugins.slipway.jenkins") || target.startsWith("io.jenkins.plugins.slipway.bridge")
                    || target.startsWith("io.jenkins.plugins.slipway.request") || target.startsWith("io.jenkins.plugins.slipway.shared")
                    || target.startsWith("hudson") || target.startsWith("jenkins") || target.equals("org.jenkinsci") || target.startsWith("org.jenkinsci.")
                    || target.startsWith("org.kohsuke.stapler") || target.startsWith("com.cloudbees.")
                    || target.startsWith("com.google.common.") || target.startsWith("net.sf.json"))) {
                foreign.add(d.getTargetClass().getName());
            }
        }));
        assertThat(foreign).as("classes the plugin classloader would need but Jenkins does not provide").isEmpty();
    }

    private static JarFile jar(Path path) {
        try {
            return new JarFile(path.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldListEveryExtensionInTheSezPozIndexReadBackWithSezPoz() throws Exception {
        // a classloader that sees the plugin jar and the hudson.Extension annotation, and nothing of target/classes
        Path api = tmp.resolve("api");
        for (String name : List.of("hudson/Extension.class", "jenkins/YesNoMaybe.class")) {
            Path target = api.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(Path.of("target", "classes", name), target);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJar.toUri().toURL(), api.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Class<Annotation> extension = (Class<Annotation>) loader.loadClass("hudson.Extension");
            List<String> indexed = new ArrayList<>();
            for (IndexItem<Annotation, Object> item : Index.load(extension, Object.class, loader)) {
                indexed.add(item.className());
            }
            assertThat(indexed).containsAll(extensionsInSources()).hasSameSizeAs(extensionsInSources());
        }
    }

    /** Every class of the adapter that carries @Extension, found in the compiled classes. */
    private static List<String> extensionsInSources() {
        JavaClasses classes = new ClassFileImporter().importPath(Path.of("target", "classes", "io", "jenkins",
                "plugins", "slipway", "jenkins"));
        return classes.stream().filter(c -> c.isAnnotatedWith("hudson.Extension")).map(c -> c.getName()).sorted().toList();
    }

    @Test
    void shouldShipIndexJellyAndTheEngineWithItsChecksum() throws IOException {
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            assertThat(jar.getEntry("index.jelly")).isNotNull();
            Properties engine = new Properties();
            try (InputStream in = jar.getInputStream(jar.getEntry("slipway-engine/engine.properties"))) {
                engine.load(in);
            }
            try (InputStream in = jar.getInputStream(jar.getEntry("slipway-engine/slipway-engine.jar"))) {
                assertThat(EngineCache.sha256(in)).isEqualTo(engine.getProperty("sha256"))
                        .isEqualTo(EngineCache.sha256(ENGINE));
            }
        }
    }

    @Test
    void shouldRunThePackagedEngineThroughTheBridge() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        EngineProcess.Outcome outcome = EngineProcess.run(
                List.of(EngineProcess.currentJava(), "-jar", ENGINE.toAbsolutePath().toString()),
                Map.of("task", "version", "request", Map.of(), "prefix", "[slipwayVersion] "),
                tmp, Map.of(), Duration.ofSeconds(10), lines::add);
        EngineReply reply = EngineReply.of("slipwayVersion", outcome);

        assertThat(reply.status()).isEqualTo("PASSED");
        assertThat(reply.result().get("version")).isNotEqualTo("development");
        assertThat(lines).anyMatch(l -> l.startsWith("[slipwayVersion] Slipway engine"));
    }

    @Test
    void shouldListTheCommandsOfThePackagedEngine() throws Exception {
        Process help = new ProcessBuilder(EngineProcess.currentJava(), "-jar", ENGINE.toString(), "--help")
                .redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(help.waitFor()).isZero();
        assertThat(text).contains("Usage: slipway").contains("version").contains("selfcheck");
    }
}
