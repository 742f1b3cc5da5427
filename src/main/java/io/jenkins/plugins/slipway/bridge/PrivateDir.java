package io.jenkins.plugins.slipway.bridge;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Folders only the agent's user can change: the engine cache (whose jar receives the build's secrets on its standard
 * input), its class-data archives, and Slipway's own known hosts. Jobs of other users on the same machine must not be
 * able to plant a file there, so (as OpenSSH's {@code StrictModes} does for {@code ~/.ssh}) every folder on the way
 * must be owned by the user or by root and writable by its owner only, and the folders Slipway makes are
 * {@code 0700}; the folder itself and what is below it are never symbolic links. On a file system without POSIX
 * permissions (Windows) only the link rule applies.
 */
public final class PrivateDir {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateDir() {
    }

    /** Expands a leading {@code ~/} (or a lone {@code ~}) to the user's home; anything else is returned as it is. */
    public static String expandHome(String path) {
        if (path == null) {
            return null;
        }
        String home = System.getProperty("user.home");
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/") || path.startsWith("~" + java.io.File.separator)) {
            return home + path.substring(1);
        }
        return path;
    }

    /**
     * {@code dir}, made if missing (each new folder {@code 0700}), after checking it and every folder above it.
     *
     * @throws IOException naming the folder that fails and how to fix it
     */
    public static Path ensure(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException("Cannot make " + target + ": no part of it exists");
        }
        Path current = existing;
        for (Path part : existing.relativize(target)) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            try {
                if (POSIX) {
                    Files.createDirectory(current, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(current);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile by another build: checked below like any existing folder
            }
        }
        if (POSIX) {
            tighten(target);
        }
        check(target);
        return target;
    }

    /**
     * Makes {@code target} {@code 0700} and takes group and other write permission from the folders of this user
     * between it and the home folder (made by an earlier Slipway or another tool under a loose umask).
     */
    private static void tighten(Path target) throws IOException {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        UserPrincipal me = currentUser();
        for (Path p = target; p != null && !p.equals(home); p = p.getParent()) {
            if (!p.startsWith(home) && !p.equals(target)) {
                break;
            }
            if (Files.isSymbolicLink(p) || !attributes(p).owner().equals(me)) {
                break;
            }
            if (p.equals(target)) {
                Files.setPosixFilePermissions(p, OWNER_ONLY);
            } else {
                Set<PosixFilePermission> perms = new java.util.HashSet<>(attributes(p).permissions());
                if (perms.remove(PosixFilePermission.GROUP_WRITE) | perms.remove(PosixFilePermission.OTHERS_WRITE)) {
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        }
    }

    /**
     * Checks that {@code dir} is a real folder (not a link), owned by this user, writable by its owner only, and that
     * every folder above it (after resolving links there) is owned by this user or root and not writable by others.
     */
    public static void check(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link. Slipway keeps its engine and trust files only in a "
                    + "real folder of the agent's user; remove the link or configure another folder.");
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is not a folder");
        }
        if (!POSIX) {
            return;
        }
        UserPrincipal me = currentUser();
        String user = me.getName();
        PosixFileAttributes own = attributes(target);
        if (!own.owner().equals(me)) {
            throw new IOException(target + " belongs to " + own.owner().getName() + ", not to " + user + ": another "
                    + "user could put an engine there that receives this build's secrets. Remove it (it is made "
                    + "again) or configure a folder of " + user + ".");
        }
        checkWritableByOwnerOnly(target, own);
        for (Path up = target.toRealPath().getParent(); up != null; up = up.getParent()) {
            PosixFileAttributes a = attributes(up);
            String owner = a.owner().getName();
            if (!owner.equals("root") && !owner.equals("0") && !a.owner().equals(me)) {
                throw new IOException(target + " is inside " + up + ", which belongs to " + owner + ": that user "
                        + "could replace what Slipway keeps there. Configure a folder of " + user + ".");
            }
            if (!sticky(up)) { // like /tmp: others cannot rename or remove what belongs to this user there
                checkWritableByOwnerOnly(up, a);
            }
        }
    }

    private static boolean sticky(Path dir) {
        try {
            return (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 01000) != 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks that {@code file} is a regular file (not a link), owned by this user and writable by its owner only.
     */
    public static void checkFile(Path file) throws IOException {
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file (a link or something else)");
        }
        if (!POSIX) {
            return;
        }
        PosixFileAttributes a = attributes(file);
        UserPrincipal me = currentUser();
        if (!a.owner().equals(me)) {
            throw new IOException(file + " belongs to " + a.owner().getName() + ", not to " + me.getName());
        }
        checkWritableByOwnerOnly(file, a);
    }

    private static void checkWritableByOwnerOnly(Path path, PosixFileAttributes a) throws IOException {
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(path + " is writable by its group or by others ("
                    + PosixFilePermissions.toString(p) + "): anyone there could replace what Slipway keeps in it. "
                    + "Run chmod go-w " + path + " or configure another folder.");
        }
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    private static volatile UserPrincipal currentUser;

    /**
     * The user this process runs as, as the file system names it: the owner of a file it just made (works where
     * {@code user.name} is not in the password database, as with arbitrary user ids in containers).
     */
    static UserPrincipal currentUser() throws IOException {
        UserPrincipal known = currentUser;
        if (known == null) {
            Path probe = ownerProbe();
            try {
                known = Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
            currentUser = known;
        }
        return known;
    }

    /**
     * A new empty file in the temporary folder, made with {@code O_EXCL} (never through a link), named from the process
     * id and the clock rather than by {@code Files.createTempFile}, whose secure random names load the security
     * providers: the command line's launcher JVM checks its cache folder with this, and lives a tenth of a second.
     */
    private static Path ownerProbe() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path probe = tmp.resolve("slipway-owner-" + pid + "-" + System.nanoTime() + "-" + attempt + ".tmp");
            try {
                return Files.createFile(probe);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
