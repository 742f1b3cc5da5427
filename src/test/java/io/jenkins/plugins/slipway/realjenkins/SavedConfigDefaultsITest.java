package io.jenkins.plugins.slipway.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A builder saved with only some of its elements (hand-written config.xml, Job DSL, an older version) is read by
 * Jenkins' own XStream with the same defaults a new one has: XStream runs no constructor and no field initialiser, so
 * a default such as "IMDSv2 required" must not silently become false.
 */
@ExtendWith(RealJenkinsExtension.class)
class SavedConfigDefaultsITest {

    @Test
    void shouldKeepTheDefaultsOfElementsASavedConfigurationLeavesOut(RealJenkins jenkins) throws Exception {
        String out = jenkins.script("""
                def read = { xml -> hudson.model.Items.XSTREAM2.fromXML(xml) }
                def launch = (read('<io.jenkins.plugins.slipway.jenkins.ec2.Ec2LaunchBuilder><step><fleet>f</fleet></step></io.jenkins.plugins.slipway.jenkins.ec2.Ec2LaunchBuilder>').step)
                println "ec2Launch imdsV2=${launch.imdsV2} waitSsh=${launch.waitSsh} spotFallback=${launch.spotFallback}"
                def tests = (read('<io.jenkins.plugins.slipway.jenkins.tests.RunTestsBuilder><step><command>make test</command></step></io.jenkins.plugins.slipway.jenkins.tests.RunTestsBuilder>').step)
                println "runTests publishJUnit=${tests.publishJUnit} ignoreStaleReports=${tests.ignoreStaleReports} timeoutSeconds=${tests.timeoutSeconds} command=${tests.command}"
                def bare = (read('<io.jenkins.plugins.slipway.jenkins.tests.RunTestsBuilder/>').step)
                println "bare runTests publishJUnit=${bare.publishJUnit} timeoutSeconds=${bare.timeoutSeconds}"
                def deploy = (read('<io.jenkins.plugins.slipway.jenkins.deploy.SshDeployBuilder><step><baseDir>/srv/app</baseDir></step></io.jenkins.plugins.slipway.jenkins.deploy.SshDeployBuilder>').step)
                println "sshDeploy stopOnFailure=${deploy.stopOnFailure} keepReleases=${deploy.keepReleases} healthRetries=${deploy.healthRetries} healthExpectStatus=${deploy.healthExpectStatus} batch=${deploy.batch} connectTimeoutSeconds=${deploy.connectTimeoutSeconds}"
                def off = (read('<io.jenkins.plugins.slipway.jenkins.ec2.Ec2LaunchBuilder><step><fleet>f</fleet><imdsV2>false</imdsV2></step></io.jenkins.plugins.slipway.jenkins.ec2.Ec2LaunchBuilder>').step)
                println "explicit imdsV2=${off.imdsV2}"
                // a previous release's codeMetrics and runTests jobs: coverageReports and coverageClassDirs were fields of each step
                def metrics = (read('<io.jenkins.plugins.slipway.jenkins.metrics.CodeMetricsBuilder><step><coverageReports>**/jacoco.xml</coverageReports><coverageClassDirs>target/classes</coverageClassDirs><maxViolations>1=0</maxViolations><gateSeverity>density=FAILED</gateSeverity><stopOnFailure>true</stopOnFailure></step></io.jenkins.plugins.slipway.jenkins.metrics.CodeMetricsBuilder>').step)
                println "codeMetrics coverageReports=${metrics.coverageReports} coverageClassDirs=${metrics.coverageClassDirs} maxViolations=${metrics.maxViolations} gateSeverity=${metrics.gateSeverity} stopOnFailure=${metrics.stopOnFailure}"
                def covered = (read('<io.jenkins.plugins.slipway.jenkins.tests.RunTestsBuilder><step><coverageReports>coverage.xml</coverageReports></step></io.jenkins.plugins.slipway.jenkins.tests.RunTestsBuilder>').step)
                println "runTests coverageReports=${covered.coverageReports}"
                println "saved again: " + hudson.model.Items.XSTREAM2.toXML(metrics).readLines()*.trim().join('')
                return null
                """);
        assertThat(out).contains("ec2Launch imdsV2=true waitSsh=true spotFallback=true")
                .contains("runTests publishJUnit=true ignoreStaleReports=true timeoutSeconds=3600 command=make test")
                .contains("bare runTests publishJUnit=true timeoutSeconds=3600")
                .contains("sshDeploy stopOnFailure=true keepReleases=5 healthRetries=10 healthExpectStatus=200 batch=1 connectTimeoutSeconds=15")
                .contains("explicit imdsV2=false")
                .contains("codeMetrics coverageReports=**/jacoco.xml coverageClassDirs=target/classes maxViolations=1=0"
                        + " gateSeverity=density=FAILED stopOnFailure=true")
                .contains("runTests coverageReports=coverage.xml")
                .as("saved as before: no defined-in, the same elements")
                .contains("<coverageReports>**/jacoco.xml</coverageReports><coverageClassDirs>target/classes</coverageClassDirs>")
                .doesNotContain("defined-in");
    }
}
