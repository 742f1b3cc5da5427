package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.ResultEnvelope;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.local.LocalLaunchService;
import io.jenkins.plugins.slipway.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.slipway.engine.pipeline.PipelineResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipway demo}: the whole pipeline on the bundled example service, on this machine. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the bundled example web service, on this machine.",
            "Its tests with coverage, metrics with a gate, the browser scenario, a 'launch' of local simulated hosts "
                + "(real SSH servers on loopback), a rolling deploy with health checks, then a deliberately broken build "
                + "that fails its health check and is rolled back automatically. Ends with the HTML report's path."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions options;

    @Option(names = "--dir", paramLabel = "DIR", description = "The demo's workspace, deleted and made again on every run "
            + "(default: target/slipway-demo when ./target exists, else slipway-demo).")
    Path dir;

    @Option(names = "--hosts", paramLabel = "HOSTS", description = "How many local hosts to launch (default ${DEFAULT-VALUE}).")
    int hosts = 3;

    @Option(names = "--build", paramLabel = "BUILD", description = "The build number for release ids (default: $BUILD_NUMBER, else 1).")
    String build;

    @Override
    public Integer call() throws Exception {
        LocalLaunchService.quietServerLogs();
        Log log = options.log("", Secrets.none());
        Path work = options.workDir();
        Path demoDir = dir != null ? work.resolve(dir) : Files.isDirectory(work.resolve("target"))
                ? work.resolve("target/slipway-demo") : work.resolve("slipway-demo");
        demoDir = demoDir.toAbsolutePath().normalize();
        if (hosts < 1 || hosts > 20) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--hosts must be 1..20, was " + hosts);
        }
        log.info("Slipway demo in " + demoDir);
        Path pipeline = new DemoProject(demoDir, log).prepare();

        List<String> addresses = LocalLaunchService.addresses(hosts, true);
        int hostCount = hosts;
        if (hosts > 1 && addresses.stream().distinct().count() < hosts) {
            log.warn("this system offers only 127.0.0.1 on loopback: the demo launches 1 local host instead of " + hosts
                    + " (on Linux every host gets its own 127.0.0.x address)");
            hostCount = 1;
            addresses = addresses.subList(0, 1);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("java", ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        int appPort = DemoProject.freePort(addresses);
        variables.put("appPort", Integer.toString(appPort));
        variables.put("hostCount", Integer.toString(hostCount));
        PipelineRequest template = Json.readFile(pipeline, PipelineRequest.class);
        Path haproxy = DemoBalancer.find();
        DemoBalancer balancer = null;
        if (haproxy == null) {
            log.info("no haproxy on the PATH: the deploys run without a load balancer (install haproxy, e.g. apt-get install"
                    + " haproxy, to see the rolling deploys behind HAProxy with their requests counted)");
        } else if (hostCount < 2) {
            log.info("HAProxy skipped: with one host every deploy takes the whole service down (a balancer needs 2+ hosts)");
        } else {
            balancer = DemoBalancer.start(haproxy, addresses, appPort, demoDir.resolve("haproxy"), log);
        }
        try {
            List<PipelineRequest.Stage> stages = balancer == null ? template.stages() : behind(template.stages(), balancer);
            PipelineRequest request = new PipelineRequest(template.name(), stages, template.reportDir(), variables);
            Json.writeFile(pipeline, request);
            Log runLog = balancer == null ? log : balancer.stopLoadAfter(lastDeploy(stages), log);
            PipelineResult result = RunCommand.run(request, RunCommand.buildNumber(build), new TaskContext(runLog, Secrets.none(), demoDir),
                    options.human());
            if (balancer != null) {
                OpenLoopLoad.Counts counts = balancer.stopLoad();
                options.human().println(counts == null ? "  behind HAProxy: no host came UP, so no load was sent"
                        : "  behind HAProxy, " + DemoBalancer.RATE + " requests/s during the rolling deploys: " + counts);
            }
            return finish(result, demoDir);
        } finally {
            if (balancer != null) {
                balancer.close();
            }
        }
    }

    /**
     * The deploy stages with HAProxy traffic control: each host leaves the balancer before its switch and rejoins when
     * healthy. The first deploy starts with no host in service, so it may take every host out.
     */
    static List<PipelineRequest.Stage> behind(List<PipelineRequest.Stage> stages, DemoBalancer balancer) {
        List<PipelineRequest.Stage> out = new java.util.ArrayList<>();
        boolean first = true;
        for (PipelineRequest.Stage s : stages) {
            if ("deploy".equals(s.task()) && s.request() instanceof com.fasterxml.jackson.databind.node.ObjectNode request) {
                com.fasterxml.jackson.databind.node.ObjectNode copy = request.deepCopy();
                copy.set("traffic", Json.MAPPER.valueToTree(balancer.traffic(first ? 0 : 50)));
                first = false;
                out.add(new PipelineRequest.Stage(s.name(), s.task(), copy, s.optional(), s.expect(), s.continueOnFailure(), s.source()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** The name of the pipeline's last deploy stage (the load stops when it ends, before the local hosts stop). */
    static String lastDeploy(List<PipelineRequest.Stage> stages) {
        String last = null;
        for (PipelineRequest.Stage s : stages) {
            if ("deploy".equals(s.task())) {
                last = s.name();
            }
        }
        return last;
    }

    private Integer finish(PipelineResult result, Path demoDir) throws Exception {
        if (options.json() != null) {
            CommonOptions.writeJson(options.json(), ResultEnvelope.ofPipeline("demo", result, demoDir));
        }
        options.human().println("  open the report: " + Path.of(result.reportFile()).toUri());
        options.human().println("  run its pipeline again: java -jar slipway.jar run -C " + demoDir + " pipeline.json");
        return result.outcome().exitCode();
    }
}
