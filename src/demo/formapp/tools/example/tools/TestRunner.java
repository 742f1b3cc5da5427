package example.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A tiny test runner for a project without a build tool: runs every public no-argument method named {@code should…}
 * of the given classes (a fresh instance per method) and writes one JUnit XML report per class, the format every
 * CI tool reads. Exit status 1 when a test failed.
 *
 * <p>{@code java -cp classes:test-classes:tools example.tools.TestRunner <report dir> <test class>…}
 */
public final class TestRunner {

    private record Outcome(String name, double seconds, Throwable failure) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TestRunner <report dir> <test class>...");
            System.exit(2);
        }
        Path reports = Path.of(args[0]);
        Files.createDirectories(reports);
        int failed = 0;
        for (String className : Arrays.copyOfRange(args, 1, args.length)) {
            failed += runClass(Class.forName(className), reports);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static int runClass(Class<?> type, Path reports) throws IOException, ReflectiveOperationException {
        List<Method> tests = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().startsWith("should") && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())) {
                tests.add(m);
            }
        }
        tests.sort(Comparator.comparing(Method::getName));
        List<Outcome> outcomes = new ArrayList<>();
        int failures = 0;
        double total = 0;
        for (Method test : tests) {
            Object instance = type.getConstructor().newInstance();
            long start = System.nanoTime();
            Throwable failure = null;
            try {
                test.invoke(instance);
            } catch (InvocationTargetException e) {
                failure = e.getCause();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            total += seconds;
            outcomes.add(new Outcome(test.getName(), seconds, failure));
            System.out.println((failure == null ? "PASS " : "FAIL ") + type.getSimpleName() + "." + test.getName()
                    + (failure == null ? "" : ": " + failure));
            if (failure != null) {
                failures++;
            }
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format("<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                esc(type.getName()), tests.size(), failures, total));
        for (Outcome o : outcomes) {
            xml.append(String.format("  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"", esc(type.getName()), esc(o.name()), o.seconds()));
            if (o.failure() == null) {
                xml.append("/>\n");
            } else {
                StringWriter trace = new StringWriter();
                o.failure().printStackTrace(new PrintWriter(trace));
                xml.append(">\n    <failure message=\"").append(esc(String.valueOf(o.failure().getMessage()))).append("\" type=\"")
                        .append(esc(o.failure().getClass().getName())).append("\">").append(esc(trace.toString()))
                        .append("</failure>\n  </testcase>\n");
            }
        }
        xml.append("</testsuite>\n");
        Files.writeString(reports.resolve("TEST-" + type.getName() + ".xml"), xml, StandardCharsets.UTF_8);
        return failures;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
