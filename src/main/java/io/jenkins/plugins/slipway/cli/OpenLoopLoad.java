package io.jenkins.plugins.slipway.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load: requests leave on a fixed schedule ({@code rate} per second) whether or not earlier ones
 * were answered, so a stalled server shows up as failures and not as a slower sender. A request fails on any
 * status other than 2xx, a connection error or no answer within the timeout. {@code slipway demo}, the tests and
 * the benchmark measure deploys with it.
 */
public final class OpenLoopLoad implements AutoCloseable {

    /** What the load saw. */
    public record Counts(long sent, long ok, long failed, Map<String, Long> failures) {
        @Override
        public String toString() {
            return sent + " requests, " + failed + " failed" + (failures.isEmpty() ? "" : " " + failures);
        }
    }

    private final URI uri;
    private final int rate;
    private final Duration timeout;
    private final HttpClient client;
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** Starts sending {@code rate} GET requests per second to {@code uri}. */
    public OpenLoopLoad(URI uri, int rate, Duration timeout) {
        if (rate < 1 || rate > 10_000) {
            throw new IllegalArgumentException("rate must be 1..10000 requests per second, was " + rate);
        }
        this.uri = uri;
        this.rate = rate;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.sender = new Thread(this::send, "open-loop load " + uri);
        sender.setDaemon(true);
        sender.start();
    }

    private void send() {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; running; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                if (!running) {
                    break;
                }
            }
            sent.incrementAndGet();
            pending.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null) {
                    fail(error.getClass().getSimpleName());
                } else if (response.statusCode() / 100 != 2) {
                    fail("HTTP " + response.statusCode());
                } else {
                    ok.incrementAndGet();
                }
                pending.decrementAndGet();
            });
        }
    }

    private void fail(String why) {
        failed.incrementAndGet();
        failures.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
    }

    /** The counts so far (requests in flight count as neither ok nor failed). */
    public Counts counts() {
        Map<String, Long> f = new TreeMap<>();
        failures.forEach((k, v) -> f.put(k, v.get()));
        return new Counts(sent.get(), ok.get(), failed.get(), f);
    }

    /** Stops sending, waits for the answers in flight (at most the timeout) and returns the counts. */
    public Counts stop() throws InterruptedException {
        running = false;
        sender.join(5_000);
        long deadline = System.nanoTime() + timeout.toNanos() + 1_000_000_000L;
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Counts c = counts();
        long lost = c.sent() - c.ok() - c.failed();
        if (lost > 0) {
            failures.computeIfAbsent("no answer", k -> new AtomicLong()).addAndGet(lost);
            failed.addAndGet(lost);
        }
        return counts();
    }

    @Override
    public void close() {
        running = false;
    }
}
