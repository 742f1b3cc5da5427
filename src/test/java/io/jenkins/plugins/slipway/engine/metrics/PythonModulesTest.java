package io.jenkins.plugins.slipway.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.slipway.engine.core.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonModulesTest {
    @TempDir
    Path ws;

    private void touch(String... files) throws Exception {
        for (String f : files) {
            Files.createDirectories(ws.resolve(f).getParent());
            Files.writeString(ws.resolve(f), "");
        }
    }

    @Test
    void shouldGivePylintThePackagesAndTheLoneModulesAndFallBackToFilesWhenSomeAreExcluded() throws Exception {
        touch("setup.py", "src/shop/__init__.py", "src/shop/orders.py", "src/shop/billing/__init__.py",
                "src/shop/billing/invoices.py", "src/shop/scripts/run.py", "tools/gen/__init__.py",
                "tools/gen/make.py", "tools/gen/old.py");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Log log = Log.console(new PrintStream(out, true, StandardCharsets.UTF_8), "", false,
                io.jenkins.plugins.slipway.engine.core.Secrets.none());

        // tools/gen/old.py is excluded; src/shop/scripts has no __init__.py, so pylint's walk of src/shop skips it
        List<String> targets = PythonModules.targets(List.of("setup.py", "src/shop/__init__.py",
                "src/shop/billing/__init__.py", "src/shop/billing/invoices.py", "src/shop/orders.py",
                "src/shop/scripts/run.py", "tools/gen/__init__.py", "tools/gen/make.py"), ws, log);

        assertThat(targets).containsExactly("src/shop", "setup.py", "src/shop/scripts/run.py",
                "tools/gen/__init__.py", "tools/gen/make.py");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("package tools/gen is analysed file by file");
    }
}
