package io.jenkins.plugins.slipway.engine.deploy.traffic;

import io.jenkins.plugins.slipway.engine.deploy.DeployException;

/** A load balancer call failed or refused; the message names the balancer, the host and what to do. */
public class TrafficException extends DeployException {
    private static final long serialVersionUID = 1L;

    public TrafficException(Kind kind, String message) {
        super(kind, message);
    }

    public TrafficException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
