package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.PipelineStages;
import io.jenkins.plugins.slipway.engine.runtime.ResultEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.engine.pipeline.PipelineRequest;
import io.jenkins.plugins.slipway.engine.pipeline.PipelineResult;
import io.jenkins.plugins.slipway.engine.pipeline.PipelineService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code slipway run <pipeline.json>}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a pipeline file: its stages in order with one shared context, stopping at the first failed stage.",
            "Writes one JSON result and one static HTML report for the whole run."})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (JSON): {name, stages: [{name, task, request}], reportDir}.")
    Path pipeline;

    @Option(names = "--build", paramLabel = "BUILD", description = "The build number for $${build} in the pipeline file (default: $BUILD_NUMBER, else 1).")
    String build;

    @Option(names = "--secrets-stdin", description = "Read the secrets as one JSON object of strings from standard input.")
    boolean secretsStdin;

    @Override
    public Integer call() throws Exception {
        Secrets secrets = secretsStdin ? readSecrets() : Secrets.none();
        Log log = options.log("", secrets);
        Path file = options.workDir().resolve(pipeline);
        PipelineRequest request = Json.readFile(file, PipelineRequest.class);
        PipelineResult result = run(request, buildNumber(build), new TaskContext(log, secrets, options.workDir()),
                options.human());
        if (options.json() != null) {
            CommonOptions.writeJson(options.json(), ResultEnvelope.ofPipeline("run", result, options.workDir()));
        }
        return result.outcome().exitCode();
    }

    static PipelineResult run(PipelineRequest request, String build, TaskContext context) throws SlipwayException, InterruptedException {
        return run(request, build, context, System.out);
    }

    static PipelineResult run(PipelineRequest request, String build, TaskContext context, java.io.PrintStream human)
            throws SlipwayException, InterruptedException {
        PipelineStages stages = new PipelineStages();
        PipelineResult result = new PipelineService(stages, stages).run(request, build, context);
        RunSummary.print(result, human);
        return result;
    }

    static String buildNumber(String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String env = System.getenv("BUILD_NUMBER");
        return env == null || env.isBlank() ? "1" : env;
    }

    private static Secrets readSecrets() throws SlipwayException {
        try {
            JsonNode node = Json.MAPPER.readTree(System.in);
            Map<String, String> values = new LinkedHashMap<>();
            if (node != null) {
                node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            }
            return Secrets.of(values);
        } catch (IOException e) {
            throw new SlipwayException(SlipwayException.Kind.BAD_INPUT, "Cannot read the secrets from standard input: " + e.getMessage()
                    + ". Give one JSON object of strings, e.g. {\"sshPrivateKey\": \"...\"}.", e);
        }
    }
}
