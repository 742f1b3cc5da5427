package io.jenkins.plugins.slipway.engine.aws;

/**
 * What Elastic Load Balancing says about one target of one target group.
 *
 * @param group       the target group's name
 * @param target      the target
 * @param state       {@code initial}, {@code healthy}, {@code unhealthy}, {@code unhealthy.draining},
 *                    {@code unused}, {@code draining} or {@code unavailable}
 * @param reason      the reason code ({@code Elb.InitialHealthChecking}, {@code Target.NotRegistered}, ...), or null
 * @param description the balancer's description of the state, or null
 */
public record TargetHealth(String group, Target target, String state, String reason, String description) {

    /** {@code healthy}, or {@code state (Reason: description)}. */
    public String summary() {
        if (reason == null && description == null) {
            return state;
        }
        return state + " (" + (reason == null ? "" : reason) + (reason != null && description != null ? ": " : "")
                + (description == null ? "" : description) + ")";
    }
}
