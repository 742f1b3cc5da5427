package io.jenkins.plugins.slipway.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The credential drop-downs of Slipway's forms and the permission checks of its form endpoints. A drop-down lists
 * credentials only to someone who may configure the job (or, at the top level, administer Jenkins); anyone else sees
 * at most the value already saved.
 */
public final class CredentialItems {

    private CredentialItems() {
    }

    /** {@code sshDeploy}: SSH private keys and username/password entries. */
    public static ListBoxModel ssh(Item item, String current) {
        return fill(item, current, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)));
    }

    /** The EC2 steps and the global default: AWS credentials (when that plugin is installed) and username/password. */
    public static ListBoxModel aws(Item item, String current) {
        CredentialsMatcher pairs = CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class);
        CredentialsMatcher matcher = AwsPluginCredentials.available()
                ? CredentialsMatchers.anyOf(AwsPlugin.matcher(), pairs) : pairs;
        return fill(item, current, matcher);
    }

    private static ListBoxModel fill(Item item, String current, CredentialsMatcher matcher) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayListCredentials(item)) {
            return withCurrent(result, current);
        }
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        result.includeEmptyValue().includeMatchingAs(as, item, StandardCredentials.class, List.of(), matcher);
        return withCurrent(result, current);
    }

    private static ListBoxModel withCurrent(StandardListBoxModel result, String current) {
        if (current != null && !current.isBlank()) {
            result.includeCurrentValue(current);
        }
        return result;
    }

    /** Whether the current user may see which credentials {@code item} (null: the top level) could use. */
    public static boolean mayListCredentials(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** Throws (HTTP 403) unless the current user may configure {@code item} (null: administer Jenkins). */
    public static void checkConfigure(Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /** Loaded only when the aws-credentials plugin is installed: the one place this class names its types. */
    private static final class AwsPlugin {
        static CredentialsMatcher matcher() {
            return CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class);
        }
    }
}
