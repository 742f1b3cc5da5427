package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs SDK calls and turns their exceptions into {@link Ec2Exception}s that name the call's subject. */
final class AwsCalls {
    static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientCapacity",
            "InsufficientFreeAddressesInSubnet", "Unsupported", "InsufficientHostCapacity");
    static final Set<String> SPOT = Set.of("SpotMaxPriceTooLow", "MaxSpotInstanceCountExceeded",
            "InsufficientInstanceCapacity", "InsufficientCapacity", "SpotCapacityNotAvailable");
    private static final Set<String> PERMISSION = Set.of("UnauthorizedOperation", "AuthFailure",
            "InvalidClientTokenId", "SignatureDoesNotMatch", "OptInRequired", "AccessDenied",
            "AccessDeniedException", "Blocked", "PendingVerification");

    /** An SDK call. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    private AwsCalls() {
    }

    /** Runs {@code call}; {@code subject} says what it was about ("RunInstances in subnet-1 from ami-2"). */
    static <T> T call(String subject, Call<T> call) throws Ec2Exception, InterruptedException {
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

    static Ec2Exception failure(String subject, AwsServiceException e) {
        String code = code(e);
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        boolean badInput = code != null && (PERMISSION.contains(code) || code.startsWith("Invalid")
                || code.startsWith("MissingParameter") || code.equals("IdempotentParameterMismatch"));
        return new Ec2Exception(badInput ? Kind.BAD_INPUT : Kind.ENVIRONMENT,
                subject + " failed: AWS error " + code + ": " + message + " (request id " + e.requestId() + "). "
                        + hint(code), code, e);
    }

    private static String hint(String code) {
        if (code == null) {
            return "Check the AWS service health and retry.";
        }
        if (PERMISSION.contains(code)) {
            return "Check the credentials and that their IAM policy allows this call (see the minimal policy in"
                    + " docs/steps/ec2Launch.md).";
        }
        if (code.startsWith("InvalidAMIID")) {
            return "Check the AMI id and that it exists in this region and is shared with the account.";
        }
        if (code.startsWith("InvalidSubnet")) {
            return "Check the subnet id and that it is in this region.";
        }
        if (code.startsWith("InvalidGroup") || code.startsWith("InvalidSecurityGroup")) {
            return "Check the security group ids and that they belong to the subnets' VPC.";
        }
        if (code.startsWith("InvalidKeyPair")) {
            return "Check the key pair name in this region.";
        }
        if (code.startsWith("InvalidInstanceID")) {
            return "Check the instance ids and the region.";
        }
        if (CAPACITY.contains(code)) {
            return "Try another instance type or add subnets in other availability zones.";
        }
        if (code.equals("RequestLimitExceeded") || code.equals("Throttling")) {
            return "EC2 throttled the account even after retries; run fewer EC2 jobs at once.";
        }
        if (code.equals("InstanceLimitExceeded") || code.equals("VcpuLimitExceeded")) {
            return "The account's EC2 quota is used up; terminate unused instances or ask AWS for a higher quota.";
        }
        return "Fix the parameter AWS names, or retry if the error is transient.";
    }

    /** A client-side SDK failure: the build was aborted (rethrown as such) or the endpoint was unreachable. */
    static Ec2Exception convert(String subject, SdkException e) throws InterruptedException {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()
                || e.getCause() instanceof InterruptedException) {
            Thread.interrupted();
            InterruptedException interrupted = new InterruptedException(subject + " was interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
        String detail = e instanceof SdkClientException ? e.getMessage() : e.toString();
        if (noCredentials(e)) {
            return new Ec2Exception(Kind.BAD_INPUT, subject + " failed: no AWS credentials were found (" + detail
                    + "). Give credentialsId (an AWS credential, or username = access key id and password = secret key),"
                    + " or provide them on the agent: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws/credentials or an"
                    + " instance profile.", null, e);
        }
        return new Ec2Exception(Kind.ENVIRONMENT, subject + " failed: " + detail + ". Check the network path to"
                + " the EC2 endpoint (proxy, firewall, region, endpoint override).", null, e);
    }

    /** The SDK's credential chain found nothing (its messages say "Unable to load credentials ..."). */
    static boolean noCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Unable to load credentials")) {
                return true;
            }
        }
        return false;
    }
}
