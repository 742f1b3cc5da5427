package io.jenkins.plugins.slipway.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves a credentials id on the controller into the AWS keys the engine receives as secrets on its standard
 * input: an "AWS Credentials" entry (aws-credentials plugin, when installed; its IAM role and external id are used
 * unless the step names its own) or a username/password entry holding the access key id and the secret key.
 */
public final class AwsCredentials {

    /** What a credentials entry holds. */
    public record Resolved(String accessKeyId, String secretAccessKey, String roleArn, String externalId) {
        Map<String, String> secrets() {
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("awsAccessKeyId", accessKeyId);
            secrets.put("awsSecretAccessKey", secretAccessKey);
            return secrets;
        }
    }

    private AwsCredentials() {
    }

    /** The keys for {@code id}; null when no id is given (the agent's default chain is used then). */
    public static Resolved resolve(String id, Run<?, ?> run) throws AbortException {
        if (id == null || id.isBlank()) {
            return null;
        }
        if (AwsPluginCredentials.available()) {
            Resolved aws = AwsPluginCredentials.find(id, run);
            if (aws != null) {
                return aws;
            }
        }
        StandardUsernamePasswordCredentials pair =
                CredentialsProvider.findCredentialById(id, StandardUsernamePasswordCredentials.class, run);
        if (pair == null) {
            throw new AbortException("No AWS credentials with id '" + id + "' are visible to this build. Add an"
                    + " 'AWS Credentials' entry (aws-credentials plugin) or a username/password entry holding the"
                    + " access key id and the secret access key.");
        }
        CredentialsProvider.track(run, pair);
        return new Resolved(pair.getUsername(), Secret.toString(pair.getPassword()), null, null);
    }

    /** Puts the connection fields and returns the secrets for the engine. */
    public static Map<String, String> apply(Resolved resolved, Map<String, Object> request, String roleArn,
            String externalId) {
        String role = roleArn;
        String external = externalId;
        if (role == null && resolved != null && resolved.roleArn() != null) {
            role = resolved.roleArn();
            external = external != null ? external : resolved.externalId();
        }
        Params.put(request, "roleArn", Params.text(role));
        Params.put(request, "externalId", Params.text(external));
        request.put("credentials", resolved == null ? "DEFAULT_CHAIN" : "KEYS");
        return resolved == null ? Map.of() : resolved.secrets();
    }
}
