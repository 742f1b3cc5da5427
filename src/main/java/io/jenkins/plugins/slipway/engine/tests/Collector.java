package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.junit.JUnitXmlParser;
import io.jenkins.plugins.slipway.engine.junit.TestCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** Adds test cases up with bounded memory: totals count all, details keep the first/slowest few. */
final class Collector implements JUnitXmlParser.Listener {
    static final int MAX_FAILURES = 100;
    static final int MAX_FLAKY = 100;
    static final int MAX_SUITES = 1000;
    static final int SLOWEST = 10;
    static final int TRACE_LINES = 15;
    static final String OTHER_SUITES = "(other suites)";

    private final JUnitXmlParser.Listener next;
    long tests;
    long passed;
    long failed;
    long errors;
    long skipped;
    long flakyCount;
    double seconds;
    final List<TestsResult.Failure> failures = new ArrayList<>();
    final List<TestsResult.Flaky> flaky = new ArrayList<>();
    private final Map<String, long[]> suiteCounts = new LinkedHashMap<>();
    private final Map<String, double[]> suiteSeconds = new LinkedHashMap<>();
    private String lastSuite;
    private long[] lastCounts;
    private double[] lastSeconds;
    private final PriorityQueue<TestsResult.Timing> slowest =
            new PriorityQueue<>(Comparator.comparingDouble(TestsResult.Timing::seconds));

    Collector(JUnitXmlParser.Listener next) {
        this.next = next;
    }

    @Override
    public void testCase(TestCase t) {
        tests++;
        seconds += t.seconds();
        switch (t.status()) {
            case PASSED -> passed++;
            case FAILED -> failed++;
            case ERROR -> errors++;
            case SKIPPED -> skipped++;
        }
        if (!t.suite().equals(lastSuite)) { // cases come suite by suite: two map look-ups per suite, not per case
            String suiteKey = suiteCounts.containsKey(t.suite()) || suiteCounts.size() < MAX_SUITES ? t.suite()
                    : OTHER_SUITES;
            lastSuite = t.suite();
            lastCounts = suiteCounts.computeIfAbsent(suiteKey, k -> new long[4]);
            lastSeconds = suiteSeconds.computeIfAbsent(suiteKey, k -> new double[1]);
        }
        long[] c = lastCounts;
        c[0]++;
        if (t.status() == TestCase.Status.FAILED) {
            c[1]++;
        } else if (t.status() == TestCase.Status.ERROR) {
            c[2]++;
        } else if (t.status() == TestCase.Status.SKIPPED) {
            c[3]++;
        }
        lastSeconds[0] += t.seconds();
        if ((t.status() == TestCase.Status.FAILED || t.status() == TestCase.Status.ERROR)
                && failures.size() < MAX_FAILURES) {
            failures.add(new TestsResult.Failure(t.suite(), t.classname(), t.name(), t.status().name(), t.message(),
                    t.type(), firstLines(t.trace()), t.seconds(), t.reruns()));
        }
        if (t.flakyRuns() > 0 && t.status() == TestCase.Status.PASSED) {
            flakyCount++;
            if (flaky.size() < MAX_FLAKY) {
                flaky.add(new TestsResult.Flaky(t.classname(), t.name(), t.flakyRuns(), t.flakyMessage()));
            }
        }
        if (t.status() != TestCase.Status.SKIPPED
                && (slowest.size() < SLOWEST || slowest.peek().seconds() < t.seconds())) {
            slowest.add(new TestsResult.Timing(t.classname(), t.name(), t.seconds()));
            if (slowest.size() > SLOWEST) {
                slowest.poll();
            }
        }
        if (next != null) {
            next.testCase(t);
        }
    }

    static List<String> firstLines(String trace) {
        if (trace == null || trace.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(trace.split("\r?\n", TRACE_LINES + 1)).limit(TRACE_LINES)
                .map(s -> s.length() > 300 ? s.substring(0, 300) + "…" : s).toList();
    }

    TestsResult.Totals totals() {
        return new TestsResult.Totals(tests, passed, failed, errors, skipped, flakyCount, round(seconds));
    }

    List<TestsResult.Suite> suites() {
        List<TestsResult.Suite> list = new ArrayList<>();
        suiteCounts.forEach((name, c) -> list.add(new TestsResult.Suite(name, c[0], c[1], c[2], c[3],
                round(suiteSeconds.get(name)[0]))));
        return list;
    }

    List<TestsResult.Timing> slowest() {
        List<TestsResult.Timing> list = new ArrayList<>(slowest);
        list.sort(Comparator.comparingDouble(TestsResult.Timing::seconds).reversed());
        return list;
    }

    static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
