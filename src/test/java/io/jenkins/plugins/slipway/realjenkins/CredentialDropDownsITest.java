package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The credential drop-downs of Slipway's forms in a real Jenkins: each lists the credential types its step can use
 * and no others; someone who may not configure the job gets none of them: a second user with only Overall/Read and
 * Job/Read (an authorization strategy set through the script console, since the suite's Jenkins has no matrix
 * authorization plugin), and anonymous with Overall/Read. And sshDeploy's "Test connection" button against a
 * real SSH server and a closed port on loopback.
 */
@ExtendWith(RealJenkinsExtension.class)
class CredentialDropDownsITest {
    static final String JOB = "dropdowns";
    static final String D = "job/" + JOB + "/descriptorByName/io.jenkins.plugins.slipway.jenkins.";

    @BeforeAll
    static void credentials(RealJenkins jenkins) throws Exception {
        jenkins.script(Fixtures.sshKeyCredentialScript("dd-ssh", LoopbackSshHost.USER, LoopbackSshHost.newKey()));
        jenkins.script(Fixtures.awsCredentialScript("dd-aws", "AKIADROPDOWNDROPDOWN", "dd-secret"));
        jenkins.script("""
                import com.cloudbees.plugins.credentials.*
                import com.cloudbees.plugins.credentials.domains.Domain
                import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
                import hudson.util.Secret
                def store = SystemCredentialsProvider.getInstance().getStore()
                store.getCredentials(Domain.global()).findAll { it.id in ['dd-pair', 'dd-text'] }.each { store.removeCredentials(Domain.global(), it) }
                store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, 'dd-pair', 'a pair', 'AKIAPAIRPAIRPAIRPAIR', 'pair-secret'))
                store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, 'dd-text', 'a secret text', Secret.fromString('text-secret')))
                println 'stored'
                """);
        jenkins.createJob(JOB, FreestyleFormsITest.freestyle(null, "<io.jenkins.plugins.slipway.jenkins.deploy.SshDeployBuilder/>"));
    }

    @Test
    void sshDropDownsListKeysAndPairsOnly(RealJenkins jenkins) throws Exception {
        for (String descriptor : new String[] {"deploy.SshDeployStep"}) {
            String items = jenkins.page(D + descriptor + "/fillCredentialsIdItems");
            assertThat(items).as(descriptor).contains("\"value\":\"dd-ssh\"").contains("\"value\":\"dd-pair\"")
                    .doesNotContain("dd-aws").doesNotContain("dd-text").doesNotContain("secret");
        }
    }

    @Test
    void awsDropDownsListAwsEntriesAndPairsOnly(RealJenkins jenkins) throws Exception {
        for (String descriptor : new String[] {"ec2.Ec2LaunchStep", "ec2.Ec2TerminateStep"}) {
            String items = jenkins.page(D + descriptor + "/fillCredentialsIdItems");
            assertThat(items).as(descriptor).contains("\"value\":\"dd-aws\"").contains("\"value\":\"dd-pair\"")
                    .doesNotContain("dd-ssh").doesNotContain("dd-text").doesNotContain("secret");
        }
        String global = jenkins.page("descriptorByName/io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration/fillAwsCredentialsIdItems");
        assertThat(global).contains("\"value\":\"dd-aws\"").contains("\"value\":\"dd-pair\"").doesNotContain("dd-ssh");
    }

    @Test
    void aSavedIdThatNoLongerExistsStaysSelectable(RealJenkins jenkins) throws Exception {
        String items = jenkins.page(D + "deploy.SshDeployStep/fillCredentialsIdItems?credentialsId=removed-key");
        assertThat(items).contains("\"value\":\"removed-key\"").contains("\"value\":\"dd-ssh\"");
    }

    @Test
    void someoneWhoMayNotConfigureTheJobSeesNoCredentials(RealJenkins jenkins) throws Exception {
        jenkins.script("import hudson.security.*; def s = new FullControlOnceLoggedInAuthorizationStrategy();"
                + " s.setAllowAnonymousRead(true); jenkins.model.Jenkins.get().setAuthorizationStrategy(s); println 'ok'");
        try {
            HttpClient anonymous = HttpClient.newHttpClient();
            String[] paths = {D + "deploy.SshDeployStep/fillCredentialsIdItems", D + "ec2.Ec2TerminateStep/fillCredentialsIdItems",
                "descriptorByName/io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration/fillAwsCredentialsIdItems"};
            // anonymous may read the job (the check below is not a plain 403 for everything)
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(jenkins.url() + "job/" + JOB + "/api/json")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            for (String path : paths) {
                String query = path.contains("Global") ? "?awsCredentialsId=mine" : "?credentialsId=mine";
                HttpResponse<String> r = anonymous.send(HttpRequest.newBuilder(URI.create(jenkins.url() + path + query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isIn(200, 403);
                assertThat(r.body()).as(path).doesNotContain("dd-ssh").doesNotContain("dd-aws").doesNotContain("dd-pair");
                if (r.statusCode() == 200) {
                    assertThat(r.body()).as("only the value already saved").contains("\"value\":\"mine\"");
                }
            }
        } finally {
            jenkins.script("import hudson.security.*; def s = new FullControlOnceLoggedInAuthorizationStrategy();"
                    + " s.setAllowAnonymousRead(false); jenkins.model.Jenkins.get().setAuthorizationStrategy(s); println 'ok'");
        }
    }

    static final String STRATEGY = """
            import hudson.security.*
            import hudson.model.*
            import jenkins.model.Jenkins
            import jenkins.security.ApiTokenProperty
            def realm = Jenkins.get().securityRealm
            def reader = realm.getUser('reader') ?: realm.createAccount('reader', 'reader-only-password')
            class ReaderOnly extends AuthorizationStrategy {
                ACL getRootACL() {
                    ACL.lambda2 { a, p -> a.name == 'reader' ? p in [Jenkins.READ, Item.READ, Item.DISCOVER, View.READ] : a.name != 'anonymous' }
                }
                Collection<String> getGroups() { [] }
            }
            Jenkins.get().setAuthorizationStrategy(new ReaderOnly())
            def token = reader.getProperty(ApiTokenProperty).tokenStore.generateNewToken('forms').plainValue
            println "token=" + token
            """;

    @Test
    void aUserWithOnlyReadPermissionsSeesNoCredentialsAndCannotTestConnections(RealJenkins jenkins) throws Exception {
        String out = jenkins.script(STRATEGY);
        String token = out.substring(out.indexOf("token=") + 6).trim();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("reader:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(jenkins.url() + "job/" + JOB + "/api/json"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(job.statusCode()).as("the reader may read the job").isEqualTo(200);
            for (String descriptor : new String[] {"deploy.SshDeployStep", "ec2.Ec2LaunchStep", "ec2.Ec2TerminateStep"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(jenkins.url() + D + descriptor
                        + "/fillCredentialsIdItems?credentialsId=mine")).header("Authorization", auth).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(descriptor).isEqualTo(200);
                assertThat(r.body()).as(descriptor).contains("\"value\":\"mine\"")
                        .doesNotContain("dd-ssh").doesNotContain("dd-aws").doesNotContain("dd-pair");
            }
            HttpResponse<String> global = http.send(HttpRequest.newBuilder(URI.create(jenkins.url()
                    + "descriptorByName/io.jenkins.plugins.slipway.jenkins.SlipwayGlobalConfiguration/fillAwsCredentialsIdItems"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(global.body()).doesNotContain("dd-aws").doesNotContain("dd-pair");
            HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(jenkins.url() + D + "deploy.SshDeployStep/testConnection"))
                    .header("Authorization", auth).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("hostList=deployer%40127.0.0.1%3A22")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(probe.statusCode()).as("Test connection needs Job/Configure").isEqualTo(403);
            // the same calls as the admin do list them: the difference is the permission, not the request
            assertThat(jenkins.page(D + "deploy.SshDeployStep/fillCredentialsIdItems")).contains("dd-ssh");
        } finally {
            jenkins.script("import hudson.security.*; def s = new FullControlOnceLoggedInAuthorizationStrategy();"
                    + " s.setAllowAnonymousRead(false); jenkins.model.Jenkins.get().setAuthorizationStrategy(s); println 'ok'");
        }
    }

    @Test
    void testConnectionReachesARealSshServerAndNamesAClosedPort(RealJenkins jenkins) throws Exception {
        int closed = RealJenkins.freePort();
        try (LoopbackSshHost host = LoopbackSshHost.start(
                Files.createTempDirectory(RealJenkins.projectDir().resolve("target"), "probe-"), LoopbackSshHost.newKey())) {
            String hosts = "deployer@127.0.0.1:" + host.port() + "\ndeployer@127.0.0.1:" + closed;
            HttpResponse<String> r = jenkins.postForm(D + "deploy.SshDeployStep/testConnection", Map.of("hostList", hosts));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("127.0.0.1:" + host.port() + ": reachable, server SSH-2.0-")
                    .contains("host key ecdsa-sha2-nistp256 " + host.fingerprint())
                    .contains("127.0.0.1:" + closed + ": connection refused").contains("error");
            HttpResponse<String> ok = jenkins.postForm(D + "deploy.SshDeployStep/testConnection",
                    Map.of("hostList", "deployer@127.0.0.1:" + host.port()));
            assertThat(ok.body()).contains("reachable, server SSH-2.0-").doesNotContain("error");
        }
        assertThat(jenkins.get(D + "deploy.SshDeployStep/testConnection?hostList=x").statusCode()).as("GET is not served").isIn(404, 405);
    }
}
