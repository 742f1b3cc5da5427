package io.jenkins.plugins.slipway.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the engine's {@code version} task the way an agent JVM does, in the JVM this runs in (the Java under test):
 * {@code detached JAR WORKDIR CONTROLDIR} as a Pipeline step does ({@link EngineProcess#startDetached}, then
 * {@link DetachedEngine#look} until it ends), {@code attached JAR WORKDIR} as a freestyle step does
 * ({@link EngineProcess#runEngine}, its debug lines printed). Prints {@code vm=}, {@code archive=} (the name this JVM
 * gives its archive) and {@code exit=}.
 */
public final class ArchiveProbe {
    private ArchiveProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("task", "version");
        envelope.put("request", Map.of());
        envelope.put("debug", true);
        List<String> engine = List.of("-jar", args[1]);
        Path work = Path.of(args[2]);
        System.out.println("vm=" + System.getProperty("java.vm.version"));
        System.out.println("archive=" + EngineArchive.name("version", List.of()));
        if (args[0].equals("detached")) {
            Path control = Path.of(args[3]);
            EngineProcess.startDetached(EngineProcess.currentJava(), List.of(), engine, envelope, work, Map.of(),
                    Duration.ofSeconds(5), control);
            long offset = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                DetachedEngine.Look look = DetachedEngine.look(control, offset, 1 << 20);
                offset = look.offset();
                if (look.ended()) {
                    System.out.println("exit=" + look.outcome().exitCode());
                    return;
                }
                Thread.sleep(100);
            }
            System.out.println("exit=timeout");
        } else {
            EngineProcess.Outcome outcome = EngineProcess.runEngine(EngineProcess.currentJava(), List.of(), engine,
                    envelope, work, Map.of(), Duration.ofSeconds(5), System.out::println);
            System.out.println("exit=" + outcome.exitCode());
        }
    }
}
