package io.jenkins.plugins.slipway.engine.ec2;

import io.jenkins.plugins.slipway.request.ec2.Ec2LaunchRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.slipway.engine.core.Json;
import io.jenkins.plugins.slipway.engine.core.Log;
import io.jenkins.plugins.slipway.engine.core.Secrets;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A committed link cannot make the instance's user data a file from outside the workspace (e.g. credentials). */
class UserDataInputTest {
    @TempDir
    Path workspace;

    @TempDir
    Path home;

    private Ec2LaunchRequest request(String userDataFile) throws Exception {
        return Json.read(Json.MAPPER.readTree("{\"fleet\":\"web\",\"ami\":\"ami-0123456789abcdef0\","
                + "\"instanceType\":\"t3.micro\",\"userDataFile\":" + Json.MAPPER.writeValueAsString(userDataFile)
                + "}"), Ec2LaunchRequest.class, "ec2-launch");
    }

    @Test
    void shouldRefuseAUserDataFileThatLinksOutOfTheWorkspace() throws Exception {
        Path credentials = Files.writeString(Files.createDirectories(home.resolve(".aws")).resolve("credentials"),
                "[default]\naws_secret_access_key = SECRET\n");
        Files.createSymbolicLink(workspace.resolve("init.sh"), credentials);
        TaskContext context = new TaskContext(Log.silent(), Secrets.none(), workspace);

        assertThatThrownBy(() -> InstanceLauncher.userData(request("init.sh"), context))
                .hasMessageContaining("userDataFile: 'init.sh' is a link to " + credentials.toRealPath())
                .hasMessageContaining("name it by its absolute path");
        assertThatThrownBy(() -> InstanceLauncher.userData(request("../" + home.getFileName() + "/.aws/credentials"), context))
                .hasMessageContaining("leads out of the workspace");

        // named on purpose by its absolute path, or a plain file of the workspace: read
        assertThat(InstanceLauncher.userData(request(credentials.toString()), context)).contains("SECRET");
        Files.writeString(workspace.resolve("boot.sh"), "#!/bin/sh\necho hi\n");
        assertThat(InstanceLauncher.userData(request("boot.sh"), context)).contains("echo hi");
    }
}
