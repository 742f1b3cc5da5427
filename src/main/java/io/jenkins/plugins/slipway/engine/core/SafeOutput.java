package io.jenkins.plugins.slipway.engine.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way Slipway writes an output file (reports, stylesheets, XML, SARIF, JSON results, screenshots). A commit
 * controls the workspace, links included, so every writer here:
 * <ul>
 * <li>refuses a symbolic link (or anything but a regular file) at the output's name, with a message saying to remove
 * it — a link is never followed, so a committed {@code index.html -> ~/.ssh/authorized_keys} writes nothing there;</li>
 * <li>writes a temporary file made uniquely in the target folder ({@link Files#createTempFile}, which never opens an
 * existing file) and renames it over the target atomically, so a planted {@code index.html.tmp} link is never used
 * and a reader never sees half a file;</li>
 * <li>makes output folders with {@link #directory}, which refuses a link on the way from the workspace down and
 * checks that the folder's real path ({@link Path#toRealPath}) is inside the workspace's real path.</li>
 * </ul>
 * A folder outside the workspace is only used when the user named it with an absolute path (their explicit choice);
 * the file written there is still never a link.
 */
public final class SafeOutput {

    private SafeOutput() {
    }

    /**
     * The output folder {@code dir}, made if missing (with its parents), after checking that no part of it below
     * {@code workspace} is a symbolic link and that its real path is inside the workspace's. A {@code dir} that is not
     * below {@code workspace} (an absolute path the user chose) is only made.
     *
     * @throws IOException naming the link or the escape, and what to do about it
     */
    public static Path directory(Path workspace, Path dir) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(root)) {
            Files.createDirectories(target);
            return target;
        }
        Files.createDirectories(root);
        Path current = root;
        for (Path part : root.relativize(target)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("Refusing to use the output folder " + target + ": " + current
                        + " is a symbolic link (to " + linkTarget(current) + "). Slipway never writes through a link "
                        + "in the workspace; remove the link (a commit may have added it) or name another folder.");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(current);
                } catch (FileAlreadyExistsException e) {
                    // made at the same time by another writer: checked below like any existing part
                }
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("Refusing to use the output folder " + target + ": " + current
                        + " exists and is not a folder. Remove it or name another folder.");
            }
        }
        Path realRoot = root.toRealPath();
        Path real = target.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new IOException("Refusing to use the output folder " + target + ": it resolves to " + real
                    + ", outside the workspace " + realRoot + ". Remove the link or name another folder.");
        }
        return target;
    }

    /**
     * The output file {@code file}'s folder made and checked with {@link #directory}; returns {@code file}. A link at
     * the file's own name is refused when it is written.
     */
    public static Path file(Path workspace, Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        directory(workspace, target.getParent());
        return target;
    }

    /** Writes {@code text} (UTF-8) to {@code file} atomically; see the class comment. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file} atomically; see the class comment. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (Atomic out = open(file)) {
            out.write(bytes);
            out.commit();
        }
    }

    /**
     * A stream to a temporary file beside {@code file} (its folder made if missing); {@link Atomic#commit} renames it
     * over {@code file}, closing without a commit deletes it. The link check is made now and again at the commit.
     */
    public static Atomic open(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        checkTarget(target);
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, "." + tempPrefix(target), ".tmp");
        return new Atomic(target, tmp);
    }

    /**
     * An empty regular file made afresh at {@code file} for another program to write (a log a child process's output
     * is redirected to): a link there is refused, an old file removed, the new one made exclusively (never opened
     * through a link that appears meanwhile).
     */
    public static Path newFile(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        checkTarget(target);
        Files.deleteIfExists(target);
        Files.createDirectories(target.getParent());
        return Files.createFile(target);
    }

    /**
     * Refuses to write {@code file} when it is a symbolic link or exists as anything but a regular file; the message
     * says what is there and how to clear it.
     */
    public static void checkTarget(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("Refusing to write " + file + ": it is a symbolic link (to " + linkTarget(file)
                    + "). Slipway never writes through a link; remove it (a commit may have added it) and run again.");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Refusing to write " + file + ": something other than a regular file is there. "
                    + "Remove it or name another output.");
        }
    }

    /**
     * Writes a file the user named on the command line: {@code -} is standard output; a device, a pipe or a link to
     * one ({@code /dev/stdout}) is written in place, never renamed over; a regular file (new or existing, not a link)
     * is replaced atomically; a link to a regular file is refused.
     */
    public static void writeUserFile(Path file, String text, OutputStream stdout) throws IOException {
        if (file.toString().equals("-")) {
            stdout.write(text.getBytes(StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            if (Files.isDirectory(file)) {
                throw new IOException("Cannot write " + file + ": it is a folder. Name a file, or - for standard "
                        + "output.");
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        writeString(file, text);
    }

    private static String tempPrefix(Path target) {
        String name = target.getFileName().toString();
        // createTempFile needs a prefix of at least three characters; the name keeps the file recognisable
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    /** An output file being written: bytes go to a unique temporary file until {@link #commit}. */
    public static final class Atomic extends FilterOutputStream {
        private final Path target;
        private final Path tmp;
        private boolean closed;
        private boolean committed;

        private Atomic(Path target, Path tmp) throws IOException {
            super(Files.newOutputStream(tmp, StandardOpenOption.WRITE));
            this.target = target;
            this.tmp = tmp;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        /**
         * A UTF-8 writer on this stream for a library that closes what it is given: closing the writer only flushes
         * it; the file is finished by {@link #commit} (or dropped by {@link #close}).
         */
        public Writer writer() {
            return new OutputStreamWriter(this, StandardCharsets.UTF_8) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }

        /** The target's name; the bytes are in a temporary file beside it until the commit. */
        public Path target() {
            return target;
        }

        /** Closes the temporary file and renames it over the target (refused if a link appeared there meanwhile). */
        public void commit() throws IOException {
            if (closed && !committed) {
                throw new IOException("Cannot finish " + target + ": it was closed before it was complete");
            }
            closeStream();
            checkTarget(target);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        }

        private void closeStream() throws IOException {
            if (!closed) {
                closed = true;
                out.close();
            }
        }

        /** Closes; without a {@link #commit} the temporary file is deleted and the target left as it was. */
        @Override
        public void close() throws IOException {
            try {
                closeStream();
            } finally {
                if (!committed) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }
}
