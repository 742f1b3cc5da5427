package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import java.util.List;
import java.util.Map;

/**
 * What an EC2 call did: the fleet's hosts (deploy-ready), what was launched, reused and terminated, the plan
 * (always filled; on a dry run it is all that happened) and how long each wait phase took.
 *
 * @param action      launch, terminate or list
 * @param phaseMillis milliseconds per phase: ami, describe, terminate-extras, launch, running, status-ok,
 *                    ssh-port, host-keys
 * @param toLaunch    how many instances were launched or, on a dry run, would be launched
 * @param report      the HTML report written for this result (relative to the working directory), or null
 */
public record Ec2Result(String action, String fleet, String region, boolean dryRun, String ami,
        List<Ec2Host> hosts, List<String> launched, List<String> reused, List<String> terminated,
        List<String> plan, Map<String, Long> phaseMillis, int toLaunch, String report) implements StageResult {

    /** A result with no HTML report (yet). */
    public Ec2Result(String action, String fleet, String region, boolean dryRun, String ami, List<Ec2Host> hosts,
            List<String> launched, List<String> reused, List<String> terminated, List<String> plan,
            Map<String, Long> phaseMillis, int toLaunch) {
        this(action, fleet, region, dryRun, ami, hosts, launched, reused, terminated, plan, phaseMillis, toLaunch, null);
    }

    /** The same result naming its HTML report. */
    Ec2Result withReport(String path) {
        return new Ec2Result(action, fleet, region, dryRun, ami, hosts, launched, reused, terminated, plan, phaseMillis,
                toLaunch, path);
    }

    public Ec2Result {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        launched = launched == null ? List.of() : List.copyOf(launched);
        reused = reused == null ? List.of() : List.copyOf(reused);
        terminated = terminated == null ? List.of() : List.copyOf(terminated);
        plan = plan == null ? List.of() : List.copyOf(plan);
        phaseMillis = phaseMillis == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(phaseMillis));
    }

    @Override
    public Outcome outcome() {
        return Outcome.PASSED;
    }

    @Override
    public String summary() {
        String name = fleet == null ? "all Slipway fleets" : "fleet " + fleet;
        String prefix = dryRun ? "dry run: " : "";
        return switch (action) {
            case "launch" -> dryRun
                    ? prefix + name + ": would reuse " + reused.size() + ", launch " + toLaunch + ", terminate "
                    + terminated.size() + " instance(s)"
                    : name + ": " + hosts.size() + " host(s) ready, " + launched.size() + " launched, "
                    + reused.size() + " reused, " + terminated.size() + " terminated";
            case "terminate" -> prefix + name + ": " + terminated.size() + " instance(s) "
                    + (dryRun ? "would be " : "") + "terminated";
            default -> name + ": " + hosts.size() + " instance(s) pending or running";
        };
    }
}
