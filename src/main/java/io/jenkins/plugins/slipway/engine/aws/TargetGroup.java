package io.jenkins.plugins.slipway.engine.aws;

import java.util.List;

/**
 * A target group as Elastic Load Balancing describes it, with the attribute that decides how long draining takes.
 *
 * @param arn                 its ARN
 * @param name                its name
 * @param targetType          {@code instance}, {@code ip}, {@code lambda} or {@code alb}
 * @param protocol            HTTP, HTTPS (Application Load Balancer), TCP, TLS, UDP, TCP_UDP (Network Load Balancer)
 * @param port                the port targets receive traffic on unless a target names its own
 * @param deregistrationDelaySeconds how long a deregistered target drains ({@code deregistration_delay.timeout_seconds})
 * @param loadBalancerArns    the load balancers that send it traffic (none: its targets stay {@code unused})
 */
public record TargetGroup(String arn, String name, String targetType, String protocol, Integer port,
        int deregistrationDelaySeconds, List<String> loadBalancerArns) {

    public TargetGroup {
        loadBalancerArns = loadBalancerArns == null ? List.of() : List.copyOf(loadBalancerArns);
    }

    /** The kind of balancer in front: "Network Load Balancer" for TCP/TLS/UDP groups, else "Application Load Balancer". */
    public String balancerKind() {
        return protocol != null && (protocol.startsWith("TCP") || protocol.equals("TLS") || protocol.equals("UDP"))
                ? "Network Load Balancer" : "Application Load Balancer";
    }

    /** For log lines and messages: its name and ARN. */
    public String label() {
        return name + " (" + arn + ")";
    }
}
