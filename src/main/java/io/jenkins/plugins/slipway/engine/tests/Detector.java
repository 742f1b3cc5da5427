package io.jenkins.plugins.slipway.engine.tests;

import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the usual test command of a project from its build files. */
final class Detector {
    static final String PYTEST_REPORT = "slipway/tests/pytest-junit.xml";
    static final String PYTEST_COVERAGE = "slipway/tests/coverage.xml";
    /** Added to a detected pytest command when pytest-cov is installed: the project directory, as the seed measures. */
    static final String PYTEST_COV_OPTIONS = " --cov=. --cov-report=xml:" + PYTEST_COVERAGE;
    /** Succeeds where the pytest-cov plugin can be imported. */
    static final String PYTEST_COV_PROBE = "python3 -c \"import pytest_cov\"";

    private Detector() {
    }

    static String detect(Path dir) throws TestsException {
        if (Files.isRegularFile(dir.resolve("mvnw"))) {
            return "./mvnw -B test";
        }
        if (Files.isRegularFile(dir.resolve("pom.xml"))) {
            return "mvn -B test";
        }
        if (Files.isRegularFile(dir.resolve("gradlew"))) {
            return "./gradlew test --continue";
        }
        if (Files.isRegularFile(dir.resolve("build.gradle")) || Files.isRegularFile(dir.resolve("build.gradle.kts"))) {
            return "gradle test --continue";
        }
        if (hasNpmTestScript(dir.resolve("package.json"))) {
            return "npm test";
        }
        if (Stream.of("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "setup.py", "conftest.py")
                .anyMatch(f -> Files.isRegularFile(dir.resolve(f))) || hasPythonTests(dir.resolve("tests"))) {
            return "python3 -m pytest --junitxml=" + PYTEST_REPORT;
        }
        throw new TestsException(SlipwayException.Kind.BAD_INPUT, "No test command was given and none could be "
                + "detected in " + dir + ": no pom.xml, build.gradle, package.json with a test script, or pytest "
                + "project. Give the command (commands / --command).");
    }

    static boolean isPytest(String command) {
        return command.startsWith("python3 -m pytest ");
    }

    private static boolean hasNpmTestScript(Path packageJson) {
        try {
            return Files.isRegularFile(packageJson) && Files.size(packageJson) < 1_000_000
                    && Files.readString(packageJson).matches("(?s).*\"scripts\"\\s*:\\s*\\{[^}]*\"test\"\\s*:.*");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasPythonTests(Path tests) {
        if (!Files.isDirectory(tests)) {
            return false;
        }
        try (Stream<Path> files = Files.list(tests)) {
            return files.anyMatch(p -> p.getFileName().toString().matches("(test_.*|.*_test)\\.py"));
        } catch (IOException e) {
            return false;
        }
    }
}
