package io.jenkins.plugins.slipway.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Path;
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
            "Example: slipway browser --app-command 'python3 app.py --port {port}' --scenario ui/form.json"})
@RequestOptions
final class BrowserCommand implements Callable<Integer> {

    @Mixin
    @JsonIgnore
    CommonOptions options;

    @Option(names = "--request", paramLabel = "FILE", description = "Read the request from a JSON file; options given here override it.")
    @JsonIgnore
    Path requestFile;

    @Option(names = "--app-command", paramLabel = "CMD", description = "Shell command that starts the app; {port} and $PORT carry the port.")
    String appCommand;

    @Option(names = "--app-url", paramLabel = "URL", description = "URL of an app that already runs (instead of --app-command).")
    String appUrl;

    @Option(names = "--app-dir", paramLabel = "DIR", description = "Working directory of the app command.")
    String appDir;

    @Option(names = "--app-env", paramLabel = "NAME=VALUE", description = "Extra environment variable for the app (repeatable).")
    Map<String, String> appEnv;

    @Option(names = "--app-port", paramLabel = "PORT", description = "Fixed port (default: the OS picks a free one).")
    Integer appPort;

    @Option(names = "--ready-path", paramLabel = "PATH", description = "Path probed for readiness (default /).")
    String readyPath;

    @Option(names = "--ready-status", paramLabel = "CODE", description = "HTTP status meaning ready (default: any below 500).")
    Integer readyStatus;

    @Option(names = "--ready-check", paramLabel = "http|tcp", description = "Readiness check (default http).")
    String readyCheck;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", description = "How long to wait for the app (default 60).")
    Integer readyTimeoutSeconds;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (JSON, repeatable).")
    List<String> scenarios;

    @Option(names = "--suite-command", paramLabel = "CMD", description = "Your own browser suite, run with APP_URL set.")
    String suiteCommand;

    @Option(names = "--junit-xml", paramLabel = "GLOB", description = "JUnit XML files your suite writes (repeatable).")
    List<String> junitXml;

    @Option(names = "--suite-timeout", paramLabel = "SECONDS", description = "How long the suite may run (default 1800).")
    Integer suiteTimeoutSeconds;

    @Option(names = "--browser", paramLabel = "htmlunit|chrome", description = "Browser (default htmlunit).")
    String browser;

    @Option(names = "--chromedriver", paramLabel = "PATH", description = "chromedriver to use (default: from the PATH).")
    String chromedriver;

    @Option(names = "--chrome-binary", paramLabel = "PATH", description = "Chrome/Chromium to use (default: from the PATH).")
    String chromeBinary;

    @Option(names = "--step-timeout", paramLabel = "SECONDS", description = "How long a step waits for its element or text (default 10).")
    Integer stepTimeoutSeconds;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Output directory (default slipway-browser).")
    String outputDir;

    @Override
    public Integer call() throws Exception {
        TaskContext context = new TaskContext(options.log("", Secrets.none()), Secrets.none(), options.workDir());
        return TaskRunner.run("browser", Requests.bind(this, requestFile, options.workDir()), context, options.json());
    }
}
