package io.jenkins.plugins.slipway.engine.core;

import java.util.Map;

/**
 * A stage result that hands secrets to later stages of the same run (e.g. the login key of locally simulated
 * hosts for the deploy stage). The values never appear in the result's JSON: implementations mark the method
 * {@code @JsonIgnore}.
 */
public interface SecretSource {
    Map<String, String> secretsForLaterStages();
}
