package io.jenkins.plugins.slipway.cli;

import io.jenkins.plugins.slipway.engine.runtime.TaskRunner;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import io.jenkins.plugins.slipway.request.Capability;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway browser}: start the app on a free port and drive it in a real browser. */
@Command(name = "browser", mixinStandardHelpOptions = true,
        description = {"Start the app on a free port (or use a running one), wait until it answers, and drive it in a "
                + "real browser: JSON scenario files and/or your own suite (run with APP_URL set).",
            "Writes JUnit XML, the app's log and failure evidence (screenshot, page source, URL, console) to the output directory.",
            "Example: slipway browser --app-command 'python3 app.py --port {port}' --scenarios ui/form.json"})
@RequestOptions
final class BrowserCommand implements Callable<Integer> {

    @Mixin
    @JsonIgnore
    CommonOptions options;

    @Mixin
    @JsonIgnore
    RequestFile request;

    @Option(names = "--app-command", paramLabel = "CMD", description = StepHelp.BrowserTest.APP_COMMAND + " {port} and $PORT carry the port.")
    String appCommand;

    @Option(names = "--app-url", paramLabel = "URL", description = StepHelp.BrowserTest.APP_URL)
    String appUrl;

    @Option(names = "--app-dir", paramLabel = "DIR", description = StepHelp.BrowserTest.APP_DIR)
    String appDir;

    @Option(names = "--app-env", paramLabel = "NAME=VALUE", description = StepHelp.BrowserTest.APP_ENV + " Repeatable.")
    Map<String, String> appEnv;

    @Option(names = "--app-port", paramLabel = "PORT", description = StepHelp.BrowserTest.APP_PORT)
    Integer appPort;

    @Option(names = "--ready-path", paramLabel = "PATH", description = StepHelp.BrowserTest.READY_PATH)
    String readyPath;

    @Option(names = "--ready-status", paramLabel = "CODE", description = StepHelp.BrowserTest.READY_STATUS)
    Integer readyStatus;

    @Option(names = "--ready-check", paramLabel = "http|tcp", description = StepHelp.BrowserTest.READY_CHECK)
    String readyCheck;

    @Was("--ready-timeout")
    @Option(names = "--ready-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.BrowserTest.READY_TIMEOUT_SECONDS)
    Integer readyTimeoutSeconds;

    @Was("--scenario")
    @Option(names = "--scenarios", paramLabel = "FILE", description = StepHelp.BrowserTest.SCENARIOS + " Repeatable.")
    List<String> scenarios;

    @Option(names = "--suite-command", paramLabel = "CMD", description = StepHelp.BrowserTest.SUITE_COMMAND)
    String suiteCommand;

    @Option(names = "--junit-xml", paramLabel = "GLOB", description = StepHelp.BrowserTest.JUNIT_XML + " Repeatable.")
    List<String> junitXml;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN", description = StepHelp.BrowserTest.ALLOWED_ORIGINS + " Comma-separated.")
    List<String> allowedOrigins;

    @Was("--suite-timeout")
    @Option(names = "--suite-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.BrowserTest.SUITE_TIMEOUT_SECONDS)
    Integer suiteTimeoutSeconds;

    @Option(names = "--browser", paramLabel = "htmlunit|chrome", description = StepHelp.BrowserTest.BROWSER)
    String browser;

    @Option(names = "--chromedriver", paramLabel = "PATH", description = StepHelp.BrowserTest.CHROMEDRIVER)
    String chromedriver;

    @Option(names = "--chrome-binary", paramLabel = "PATH", description = StepHelp.BrowserTest.CHROME_BINARY)
    String chromeBinary;

    @Was("--step-timeout")
    @Option(names = "--step-timeout-seconds", paramLabel = "SECONDS", description = StepHelp.BrowserTest.STEP_TIMEOUT_SECONDS)
    Integer stepTimeoutSeconds;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = StepHelp.BrowserTest.OUTPUT_DIR)
    String outputDir;

    @Override
    public Integer call() throws Exception {
        TaskContext context = new TaskContext(options.log("", Secrets.none()), Secrets.none(), options.workDir());
        return TaskRunner.run(Capability.BROWSER.task(), Requests.bind(this, request.file(), options.workDir()), context, options.json());
    }
}
