package io.jenkins.plugins.slipway.engine.browser;

import io.jenkins.plugins.slipway.engine.core.Outcome;
import io.jenkins.plugins.slipway.engine.core.StageResult;
import java.util.List;

/**
 * What the browser stage found.
 *
 * @param browser      the browser used
 * @param appUrl       where the app answered
 * @param tests        test cases run (scenarios plus the suite's test cases)
 * @param failures     test cases that failed
 * @param skipped      test cases skipped
 * @param cases        every test case
 * @param junitXml     the scenarios' JUnit XML file, relative to the working directory (null without scenarios)
 * @param suiteExitCode exit code of the user's suite command (null without one; -1 when it timed out)
 * @param suiteReports the suite's JUnit XML files found, relative to the working directory
 * @param outputDir    the output directory, relative to the working directory
 * @param appLog       the app's log, relative to the working directory (null for an app given by URL)
 * @param artifacts    failure evidence and screenshots, relative to the working directory
 */
public record BrowserResult(Outcome outcome, String summary, String browser, String appUrl, int tests, int failures,
        int skipped, List<CaseResult> cases, String junitXml, Integer suiteExitCode, List<String> suiteReports,
        String outputDir, String appLog, List<String> artifacts) implements StageResult {
}
