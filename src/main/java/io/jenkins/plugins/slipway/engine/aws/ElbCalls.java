package io.jenkins.plugins.slipway.engine.aws;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs Elastic Load Balancing calls and turns their exceptions into {@link AwsException}s that name the call's
 * subject (the target group and the targets) and say what to do. Throttling and transient errors were already
 * retried by the session's retry strategy when they arrive here.
 */
final class ElbCalls {
    private static final Set<String> PERMISSION = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "OptInRequired");

    /** An SDK call. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    private ElbCalls() {
    }

    /** Runs {@code call}; {@code subject} says what it was about ("RegisterTargets i-0abc in target group web"). */
    static <T> T call(String subject, Call<T> call) throws AwsException, InterruptedException {
        try {
            return call.run();
        } catch (AwsServiceException e) {
            throw failure(subject, e);
        } catch (SdkException e) {
            throw convert(subject, e);
        }
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    static AwsException failure(String subject, AwsServiceException e) {
        String code = code(e);
        if (code == null || code.isBlank()) {
            return new AwsException(Kind.ENVIRONMENT, subject + " failed: HTTP " + e.statusCode() + " without an AWS"
                    + " error code (a proxy or an outage answered, not Elastic Load Balancing): " + e.getMessage()
                    + ". The SDK retried it. Check the AWS service health, the proxy and the endpoint, then retry.",
                    null, e);
        }
        String message = e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        boolean badInput = PERMISSION.contains(code) || code.equals("TargetGroupNotFound")
                || code.equals("InvalidTarget") || code.equals("ValidationError") || code.startsWith("Invalid");
        return new AwsException(badInput ? Kind.BAD_INPUT : Kind.ENVIRONMENT, subject + " failed: AWS error " + code
                + ": " + message + " (HTTP " + e.statusCode() + ", request id " + e.requestId() + "). " + hint(code),
                code, e);
    }

    private static String hint(String code) {
        if (PERMISSION.contains(code)) {
            return "Check the credentials and that their IAM policy allows this elasticloadbalancing action on the"
                    + " target group (see the policy in docs/zero-downtime.md#iam-permissions).";
        }
        return switch (code) {
            case "TargetGroupNotFound" -> "Check the target group's name or ARN and the region (target groups are"
                    + " regional; a name is looked up in the region of the call).";
            case "InvalidTarget" -> "Check that the target is a running instance (or an IP address) in the target"
                    + " group's VPC, and that the target group's type (instance or ip) fits it.";
            case "TooManyTargets", "TooManyRegistrationsForTargetId" -> "The target group's or the instance's"
                    + " quota of targets is used up; deregister unused targets or ask AWS for a higher quota.";
            case "Throttling", "ThrottlingException", "RequestLimitExceeded" -> "Elastic Load Balancing throttled the"
                    + " account even after retries; run fewer deploys against the same account at once.";
            default -> "Fix what AWS names, or retry if the error is transient.";
        };
    }

    /** A client-side SDK failure: the build was aborted (rethrown as such) or the endpoint was unreachable. */
    static AwsException convert(String subject, SdkException e) throws InterruptedException {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()
                || e.getCause() instanceof InterruptedException) {
            Thread.interrupted();
            InterruptedException interrupted = new InterruptedException(subject + " was interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
        String detail = e instanceof SdkClientException ? e.getMessage() : e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Unable to load credentials")) {
                return new AwsException(Kind.BAD_INPUT, subject + " failed: no AWS credentials were found (" + detail
                        + "). Give credentialsId (an AWS credential), or provide them on the agent:"
                        + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials or an instance profile.",
                        null, e);
            }
        }
        return new AwsException(Kind.ENVIRONMENT, subject + " failed: " + detail + ". Check the network path to the"
                + " Elastic Load Balancing endpoint (proxy, firewall, region, endpoint override).", null, e);
    }
}
