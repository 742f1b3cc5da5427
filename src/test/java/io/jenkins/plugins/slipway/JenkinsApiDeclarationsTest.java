package io.jenkins.plugins.slipway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compile-only Jenkins declarations of {@code src/jenkins-api/java} say exactly what the real API says: every
 * declared class, nested class, constructor (package-private ones too), method and field (public and protected) is compared by reflection
 * with the real class of Jenkins 2.479.3 and its plugins, loaded from the jars inside the Jenkins distribution
 * ({@code jenkins.war} and {@code plugins/*.hpi}; {@code -Dslipway.jenkins.dist=DIR}, by default
 * {@code /work/shared/jenkins}). Compared: kind, modifiers, type parameters, superclass (with its type arguments),
 * each declared interface (a real supertype), and each member's full generic signature, modifiers and
 * {@code throws} clause; a member must live on the class that declares it. Skipped, with the reason, where the
 * distribution is absent.
 */
class JenkinsApiDeclarationsTest {

    private static final Path DECLARATIONS = Path.of("src/jenkins-api/java");
    private static final int CLASS_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE
            | Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC | Modifier.INTERFACE;
    private static final int MEMBER_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE
            | Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC;

    private static URLClassLoader real;
    private final List<String> problems = new ArrayList<>();
    private int members;

    @BeforeAll
    static void loadTheRealJenkins() throws IOException {
        Path dist = Path.of(System.getProperty("slipway.jenkins.dist", "/work/shared/jenkins"));
        assumeTrue(Files.isRegularFile(dist.resolve("jenkins.war")),
                "no Jenkins distribution at " + dist + " (jenkins.war and plugins/*.hpi): set"
                        + " -Dslipway.jenkins.dist=DIR to compare the compile-only declarations with the real API");
        Path jars = Path.of("target/jenkins-api-real");
        List<URL> urls = new ArrayList<>();
        for (Path archive : archives(dist)) {
            for (Path jar : extractJars(archive, jars.resolve(archive.getFileName().toString()))) {
                urls.add(jar.toUri().toURL());
            }
        }
        real = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void shouldDeclareExactlyWhatTheRealJenkinsApiDeclares() throws Exception {
        List<Class<?>> declared = declaredClasses();
        for (Class<?> ours : declared) {
            compare(ours);
        }
        assertThat(declared).as("declared classes under " + DECLARATIONS).hasSizeGreaterThan(50);
        assertThat(members).as("declared members compared").isGreaterThan(100);
        assertThat(problems).as("compile-only declarations that differ from Jenkins 2.479.3 and its plugins"
                + " (fix the declaration in " + DECLARATIONS + ")").isEmpty();
    }

    /**
     * What a durable Slipway step relies on, named here so that a change of the declarations cannot drop it unnoticed:
     * the execution's resume and stop, the timer its looks run on, and finding an agent's channel again by name.
     */
    @Test
    void shouldDeclareTheRealApiADurableStepUses() throws Exception {
        Class<?> execution = real.loadClass("org.jenkinsci.plugins.workflow.steps.StepExecution");
        assertThat(execution.getMethod("onResume").getReturnType()).isEqualTo(void.class);
        assertThat(execution.getMethod("stop", Throwable.class).getExceptionTypes()).containsExactly(Exception.class);
        assertThat(execution.getMethod("start").getExceptionTypes()).containsExactly(Exception.class);
        Method timer = real.loadClass("jenkins.util.Timer").getMethod("get");
        assertThat(Modifier.isStatic(timer.getModifiers())).isTrue();
        assertThat(timer.getReturnType()).isEqualTo(java.util.concurrent.ScheduledExecutorService.class);
        assertThat(real.loadClass("jenkins.model.Jenkins").getMethod("getComputer", String.class).getReturnType()
                .getName()).isEqualTo("hudson.model.Computer");
        Class<?> computer = real.loadClass("hudson.model.Computer");
        assertThat(computer.getMethod("getChannel").getReturnType().getName()).isEqualTo("hudson.remoting.VirtualChannel");
        assertThat(computer.getMethod("getName").getReturnType()).isEqualTo(String.class);
        assertThat(declaredClasses()).extracting(Class::getName)
                .contains("jenkins.util.Timer", "hudson.model.Computer", "org.jenkinsci.plugins.workflow.steps.StepExecution");
    }

    @Test
    void shouldNoticeADeclarationThatDiffersFromTheRealOne() throws Exception {
        // the comparison itself can fail: a class of our own is not the real Jenkins class of the same name
        compareMembers(Drifted.class, real.loadClass("hudson.model.Result"));
        assertThat(problems).singleElement().asString().contains("no method public boolean isBetterThan(java.lang.String)")
                .contains("the real class has [public boolean isBetterThan(hudson.model.Result)]");
    }

    @Test
    void shouldNoticeWrongModifiersConstructorsSupertypesAndThrowsClauses() throws Exception {
        compare(WronglyAbstract.class, real.loadClass("com.cloudbees.plugins.credentials.BaseCredentials"));
        compare(WronglyOpen.class, real.loadClass("hudson.model.AbstractItem"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("kind and modifiers: declared `public abstract"
                        + " static class`, real `public class`"))
                .anySatisfy(p -> assertThat(p).contains("constructor: declared `public <init>()`, real `protected <init>()`"))
                .anySatisfy(p -> assertThat(p).contains("superclass: declared `java.lang.Object`, real `hudson.model.Actionable`"))
                .anySatisfy(p -> assertThat(p).contains("declared to implement java.lang.Runnable, the real class does not"))
                .anySatisfy(p -> assertThat(p).contains("declared `public java.lang.String getFullName()`, real `public final"
                        + " java.lang.String getFullName()`"))
                .anySatisfy(p -> assertThat(p).contains("no constructor public <init>() in the real class"));
    }

    @Test
    void shouldNoticeAConstructorOfAnyAccessThatTheRealClassLacks() throws Exception {
        compare(HiddenConstructor.class, real.loadClass("hudson.tasks.junit.pipeline.JUnitResultsStepExecution"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("no constructor <init>(java.lang.String) in the"
                + " real class").contains("public <init>(hudson.tasks.junit.pipeline.JUnitResultsStep,"
                + " org.jenkinsci.plugins.workflow.steps.StepContext)"));
    }

    /** Says the execution has a package-private constructor of one argument: the real one takes the step and the context. */
    public static class HiddenConstructor {
        HiddenConstructor(String context) {
        }
    }

    /** Says BaseCredentials is abstract, with a public constructor: it is concrete, its constructor protected. */
    public abstract static class WronglyAbstract {
        public WronglyAbstract() {
        }
    }

    /** Says AbstractItem has no superclass, implements Runnable, has a public constructor and a non-final getFullName. */
    public abstract static class WronglyOpen implements Runnable {
        public WronglyOpen() {
        }

        public String getFullName() {
            return "";
        }
    }

    /** A stand-in with a wrong signature: {@code isBetterThan} takes a {@code Result}, not a {@code String}. */
    static final class Drifted {
        private Drifted() {
        }

        public boolean isBetterThan(String that) {
            return that.isEmpty();
        }
    }

    private void compare(Class<?> ours) {
        Class<?> theirs;
        try {
            theirs = Class.forName(ours.getName(), false, real);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(ours.getName() + ": no such class in the real Jenkins or its plugins (" + e + ")");
            return;
        }
        compare(ours, theirs);
    }

    private void compare(Class<?> ours, Class<?> theirs) {
        same(ours.getName() + " kind and modifiers", kind(ours), kind(theirs));
        same(ours.getName() + " type parameters", typeParameters(ours.getTypeParameters()),
                typeParameters(theirs.getTypeParameters()));
        if (!ours.isInterface()) {
            same(ours.getName() + " superclass", name(ours.getGenericSuperclass()),
                    name(theirs.getGenericSuperclass()));
        }
        for (Class<?> iface : ours.getInterfaces()) {
            Class<?> theirIface = load(iface.getName());
            if (theirIface == null || !theirIface.isAssignableFrom(theirs)) {
                problems.add(ours.getName() + ": declared to implement " + iface.getName() + ", the real class does not");
            }
        }
        compareMembers(ours, theirs);
    }

    private void compareMembers(Class<?> ours, Class<?> theirs) {
        // every constructor but a private one (a declaration's way of saying "not to be constructed"), package-private
        // ones too: a declaration cannot invent a constructor the real class lacks
        for (Constructor<?> c : ours.getDeclaredConstructors()) {
            if (!Modifier.isPrivate(c.getModifiers()) && !c.isSynthetic() && !ours.isEnum()) {
                members++;
                Constructor<?> match = Stream.of(theirs.getDeclaredConstructors())
                        .filter(t -> erasure(t).equals(erasure(c))).findFirst().orElse(null);
                if (match == null) {
                    problems.add(ours.getName() + ": no constructor " + signature(c) + " in the real class (it has "
                            + Stream.of(theirs.getDeclaredConstructors()).filter(JenkinsApiDeclarationsTest::visible)
                                    .map(JenkinsApiDeclarationsTest::signature).toList() + ")");
                } else {
                    same(ours.getName() + " constructor", signature(c), signature(match));
                }
            }
        }
        for (Method m : ours.getDeclaredMethods()) {
            if (!visible(m) || m.isSynthetic() || m.isBridge() || ours.isEnum() && enumMethod(m)) {
                continue;
            }
            members++;
            Method match = Stream.of(theirs.getDeclaredMethods())
                    .filter(t -> !t.isBridge() && t.getName().equals(m.getName()) && erasure(t).equals(erasure(m)))
                    .findFirst().orElse(null);
            if (match == null) {
                problems.add(ours.getName() + ": no method " + signature(m) + " declared by the real class"
                        + elsewhere(theirs, m));
            } else {
                same(ours.getName() + "." + m.getName(), signature(m), signature(match));
            }
        }
        for (Field f : ours.getDeclaredFields()) {
            if (!visible(f) || f.isSynthetic()) {
                continue;
            }
            members++;
            try {
                Field match = theirs.getDeclaredField(f.getName());
                same(ours.getName() + "." + f.getName(), signature(f), signature(match));
            } catch (NoSuchFieldException e) {
                problems.add(ours.getName() + ": no field " + f.getName() + " in the real class");
            }
        }
    }

    /** Where the real API has the method instead (a superclass or interface), if anywhere. */
    private static String elsewhere(Class<?> theirs, Method m) {
        List<Class<?>> supertypes = new ArrayList<>();
        collectSupertypes(theirs, supertypes);
        for (Class<?> s : supertypes) {
            for (Method t : s.getDeclaredMethods()) {
                if (t.getName().equals(m.getName()) && erasure(t).equals(erasure(m))) {
                    return "; it lives on " + s.getName() + " as " + signature(t);
                }
            }
        }
        List<String> sameName = Stream.of(theirs.getDeclaredMethods()).filter(t -> t.getName().equals(m.getName()))
                .map(JenkinsApiDeclarationsTest::signature).toList();
        return sameName.isEmpty() ? "" : "; the real class has " + sameName;
    }

    private static void collectSupertypes(Class<?> c, List<Class<?>> out) {
        if (c.getSuperclass() != null) {
            out.add(c.getSuperclass());
            collectSupertypes(c.getSuperclass(), out);
        }
        for (Class<?> i : c.getInterfaces()) {
            out.add(i);
            collectSupertypes(i, out);
        }
    }

    private void same(String what, String ours, String theirs) {
        if (!ours.equals(theirs)) {
            problems.add(what + ": declared `" + ours + "`, real `" + theirs + "`");
        }
    }

    private static boolean visible(Member m) {
        return (m.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0;
    }

    private static boolean enumMethod(Method m) {
        return m.getName().equals("values") && m.getParameterCount() == 0
                || m.getName().equals("valueOf") && m.getParameterCount() == 1;
    }

    private static String kind(Class<?> c) {
        String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum" : "class";
        int modifiers = c.getModifiers() & CLASS_MODIFIERS & ~Modifier.INTERFACE;
        if (c.isInterface()) {
            modifiers &= ~Modifier.ABSTRACT;
        }
        if (c.isEnum()) {
            // final or abstract only says whether some constant has a body of its own
            modifiers &= ~(Modifier.FINAL | Modifier.ABSTRACT);
        }
        return (Modifier.toString(modifiers) + " " + kind).trim();
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        return Stream.of(variables).map(v -> v.getName() + " extends "
                + Stream.of(v.getBounds()).map(JenkinsApiDeclarationsTest::name).collect(Collectors.joining(" & ")))
                .collect(Collectors.joining(", ", "<", ">"));
    }

    private static String erasure(Executable e) {
        return Arrays.stream(e.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","));
    }

    private static String signature(Executable e) {
        String modifiers = Modifier.toString(e.getModifiers() & MEMBER_MODIFIERS);
        if (e.getDeclaringClass().isInterface()) {
            modifiers = modifiers.replace("abstract", "").trim();
            if (e instanceof Method m && m.isDefault()) {
                modifiers = (modifiers + " default").trim();
            }
        }
        StringBuilder s = new StringBuilder(modifiers);
        if (e.getTypeParameters().length > 0) {
            s.append(' ').append(typeParameters(e.getTypeParameters()));
        }
        if (e instanceof Method m) {
            s.append(' ').append(name(m.getGenericReturnType())).append(' ').append(m.getName());
        } else {
            s.append(" <init>");
        }
        s.append(Stream.of(e.getGenericParameterTypes()).map(JenkinsApiDeclarationsTest::name)
                .collect(Collectors.joining(", ", "(", ")")));
        if (e.isVarArgs()) {
            s.append(" varargs");
        }
        String thrown = Stream.of(e.getExceptionTypes()).map(Class::getName).sorted().collect(Collectors.joining(", "));
        if (!thrown.isEmpty()) {
            s.append(" throws ").append(thrown);
        }
        return s.toString().trim();
    }

    private static String signature(Field f) {
        return (Modifier.toString(f.getModifiers() & MEMBER_MODIFIERS) + " " + name(f.getGenericType()) + " "
                + f.getName()).trim();
    }

    private static String name(Type t) {
        return t == null ? "none" : t.getTypeName().replace('$', '.');
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, real);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Every class of src/jenkins-api/java with its public and protected nested classes, as compiled. */
    private static List<Class<?>> declaredClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(DECLARATIONS)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path source : sources) {
            String name = DECLARATIONS.relativize(source).toString().replace(java.io.File.separatorChar, '.');
            addWithNested(Class.forName(name.substring(0, name.length() - ".java".length()), false,
                    JenkinsApiDeclarationsTest.class.getClassLoader()), out);
        }
        return out;
    }

    private static void addWithNested(Class<?> c, List<Class<?>> out) {
        out.add(c);
        for (Class<?> nested : c.getDeclaredClasses()) {
            if ((nested.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0) {
                addWithNested(nested, out);
            }
        }
    }

    private static List<Path> archives(Path dist) throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(dist.resolve("jenkins.war"));
        Path plugins = dist.resolve("plugins");
        if (Files.isDirectory(plugins)) {
            try (Stream<Path> list = Files.list(plugins)) {
                list.filter(p -> p.toString().endsWith(".hpi") || p.toString().endsWith(".jpi")).sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** The jars of a war or hpi ({@code WEB-INF/lib/*.jar}, and Winstone's, which carries the servlet API). */
    private static List<Path> extractJars(Path archive, Path into) throws IOException {
        Path done = into.resolve(".extracted-" + Files.size(archive) + "-" + Files.getLastModifiedTime(archive).toMillis());
        List<Path> jars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String n = e.getName();
                boolean jar = n.endsWith(".jar") && (n.startsWith("WEB-INF/lib/") && n.indexOf('/', 12) < 0
                        || n.equals("executable/winstone.jar"));
                if (!jar) {
                    continue;
                }
                Path target = into.resolve(n.substring(n.lastIndexOf('/') + 1));
                if (!Files.exists(done)) {
                    Files.createDirectories(into);
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException ex) {
                        throw new UncheckedIOException("cannot extract " + n + " from " + archive, ex);
                    }
                }
                jars.add(target);
            }
        }
        if (!Files.exists(done)) {
            Files.createDirectories(into);
            Files.createFile(done);
        }
        return jars;
    }
}
