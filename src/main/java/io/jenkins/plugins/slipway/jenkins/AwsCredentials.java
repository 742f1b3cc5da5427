package io.jenkins.plugins.slipway.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.slipway.request.aws.AwsConnection;
import io.jenkins.plugins.slipway.request.aws.CredentialsMode;
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
        String[] role = role(resolved, roleArn, externalId);
        Params.put(request, "roleArn", role[0]);
        Params.put(request, "externalId", role[1]);
        request.put("credentials", resolved == null ? "DEFAULT_CHAIN" : "KEYS");
        return secrets(resolved);
    }

    /**
     * A step's AWS access as the engine's record: its region and endpoint, the role it names (else the credential's,
     * with its external id), the credential's keys or else the agent's default chain. The record checks the values.
     */
    public static AwsConnection connection(Resolved resolved, String region, String endpoint, String roleArn,
            String externalId) {
        String[] role = role(resolved, roleArn, externalId);
        return new AwsConnection(Params.text(region), Params.text(endpoint),
                resolved == null ? CredentialsMode.DEFAULT_CHAIN : CredentialsMode.KEYS, role[0], role[1]);
    }

    /** The secrets for the engine's standard input: the credential's keys, or none. */
    public static Map<String, String> secrets(Resolved resolved) {
        return resolved == null ? Map.of() : resolved.secrets();
    }

    /** The role to assume and its external id: the step's, else the credential's. */
    private static String[] role(Resolved resolved, String roleArn, String externalId) {
        String role = roleArn;
        String external = externalId;
        if (role == null && resolved != null && resolved.roleArn() != null) {
            role = resolved.roleArn();
            external = external != null ? external : resolved.externalId();
        }
        return new String[] {Params.text(role), Params.text(external)};
    }
}
