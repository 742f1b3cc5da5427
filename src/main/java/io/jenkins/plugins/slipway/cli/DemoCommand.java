package io.jenkins.plugins.slipway.cli;

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
        description = {"Run the whole pipeline on the bundled example web service, on this machine:",
            "its tests with coverage, metrics with a gate, the browser scenario, a 'launch' of local simulated hosts",
            "(real SSH servers on loopback), a rolling deploy with health checks, then a deliberately broken build",
            "that fails its health check and is rolled back automatically. Ends with the HTML report's path."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions options;

    @Option(names = "--dir", paramLabel = "DIR", description = "The demo's workspace, deleted and made again on every run "
            + "(default: target/slipway-demo when ./target exists, else slipway-demo).")
    Path dir;

    @Option(names = "--hosts", description = "How many local hosts to launch (default ${DEFAULT-VALUE}).")
    int hosts = 3;

    @Option(names = "--build", description = "The build number for release ids (default: $BUILD_NUMBER, else 1).")
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
        variables.put("appPort", Integer.toString(DemoProject.freePort(addresses)));
        variables.put("hostCount", Integer.toString(hostCount));
        PipelineRequest template = Json.readFile(pipeline, PipelineRequest.class);
        PipelineRequest request = new PipelineRequest(template.name(), template.stages(), template.reportDir(), variables);
        Json.writeFile(pipeline, request);
        PipelineResult result = RunCommand.run(request, RunCommand.buildNumber(build), new TaskContext(log, Secrets.none(), demoDir),
                options.human());
        if (options.json() != null) {
            CommonOptions.writeJson(options.json(), result);
        }
        options.human().println("  open the report: " + Path.of(result.reportFile()).toUri());
        options.human().println("  run its pipeline again: java -jar slipway.jar run -C " + demoDir + " pipeline.json");
        return result.outcome().exitCode();
    }
}
