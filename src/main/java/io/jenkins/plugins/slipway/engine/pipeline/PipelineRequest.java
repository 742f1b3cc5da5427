package io.jenkins.plugins.slipway.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline file: stages run in order with one shared context.
 *
 * @param name the pipeline's name (shown in the report)
 * @param stages the stages, at least one
 * @param reportDir where the JSON result and the HTML report go (relative to the working directory; default
 *     {@code slipway-report})
 * @param variables extra {@code ${name}} placeholders for the stages' requests
 */
public record PipelineRequest(String name, List<Stage> stages, String reportDir, Map<String, String> variables) {

    public PipelineRequest {
        name = name == null || name.isBlank() ? "pipeline" : name;
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("stages must list at least one stage {name, task, request}");
        }
        Set<String> names = new HashSet<>();
        for (Stage s : stages) {
            if (s == null) {
                throw new IllegalArgumentException("stages must not contain null");
            }
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("stages: the name '" + s.name() + "' appears twice; every stage needs its own name");
            }
        }
        stages = List.copyOf(stages);
        reportDir = reportDir == null || reportDir.isBlank() ? "slipway-report" : reportDir;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    /**
     * One stage.
     *
     * @param name the stage's name, unique in the pipeline
     * @param task the engine task, e.g. {@code test}, {@code metrics}, {@code browser}, {@code local-launch},
     *     {@code ec2-launch}, {@code deploy}
     * @param request the task's request; {@code ${commit.shortId}}, {@code ${commit.id}}, {@code ${build}} … are
     *     replaced in its strings. A {@code deploy} stage without {@code hosts} gets the hosts of the last launch stage (a task named {@code …launch})
     * @param optional when the engine has no such task, mark the stage "not available" and go on (instead of failing)
     * @param expect the outcome this stage is expected to have (e.g. {@code FAILED} for a deliberately broken deploy);
     *     when it ends so, the run goes on and counts it as expected
     * @param continueOnFailure go on after this stage fails
     * @param source the directory (relative to the working directory) whose commit this stage is made from;
     *     default: the working directory
     */
    public record Stage(String name, String task, JsonNode request, Boolean optional, String expect,
            Boolean continueOnFailure, String source) {
        public Stage {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every stage needs a 'name'");
            }
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("stage '" + name + "' needs a 'task' (e.g. test, metrics, browser, local-launch, deploy)");
            }
            optional = Boolean.TRUE.equals(optional);
            continueOnFailure = Boolean.TRUE.equals(continueOnFailure);
            if (expect != null && !Set.of("PASSED", "UNSTABLE", "FAILED").contains(expect)) {
                throw new IllegalArgumentException("stage '" + name + "': expect must be PASSED, UNSTABLE or FAILED, was '" + expect + "'");
            }
        }
    }
}
