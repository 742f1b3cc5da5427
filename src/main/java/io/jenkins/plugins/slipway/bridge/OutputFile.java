package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The adapter's one output file in the workspace (a freestyle step's result file), written as the engine writes its
 * outputs ({@code engine.core.SafeOutput}), with the JDK alone: never through a link, through a uniquely named
 * temporary file renamed atomically, and inside the workspace once links are followed.
 */
public final class OutputFile {

    private OutputFile() {
    }

    /**
     * Writes {@code bytes} to {@code name} in {@code workspace} (an absolute name is the user's choice of place).
     *
     * @throws IOException naming the link or the escape and what to do
     */
    public static Path write(Path workspace, String name, byte[] bytes) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path target = root.resolve(name).normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (target.startsWith(root) && !parent.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException("Refusing to write " + target + ": its folder leads out of the workspace through a "
                    + "link (to " + parent.toRealPath() + "). Remove the link or name another file.");
        }
        if (Files.isSymbolicLink(target)
                || Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Refusing to write " + target + ": it is a symbolic link or not a regular file. "
                    + "Slipway never writes through a link; remove it (a commit may have added it) and run again.");
        }
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
