package io.jenkins.plugins.slipway.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick commit reader against JGit on repositories made by the real {@code git}: loose and packed objects and
 * refs, a detached HEAD, a linked worktree; and what it leaves to JGit.
 */
class HeadReaderTest {

    @TempDir
    Path tmp;

    private Path repo;

    @BeforeEach
    void gitIsThere() throws Exception {
        assumeTrue(run(tmp, "git", "--version").startsWith("git version"), "needs the git command");
        repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
    }

    private String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Zoë Ångström", "-c",
                "user.email=zoe@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    private String run(Path dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", tmp.toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "";
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out.strip();
    }

    private void commit(String file, String message) throws Exception {
        Files.writeString(repo.resolve(file), message);
        git(repo, "add", file);
        git(repo, "commit", "-q", "--cleanup=verbatim", "-m", message);
    }

    /** Reads {@code dir} both ways; they must agree on every field (JGit also scans for changes: not compared). */
    private CommitInfo bothAgree(Path dir) {
        CommitInfo quick = HeadReader.read(dir);
        CommitInfo jgit = new GitService().commitInfo(dir, true);
        assertThat(quick).as("read without JGit").isNotNull();
        assertThat(new CommitInfo(quick.found(), quick.id(), quick.shortId(), quick.branch(), quick.author(),
                quick.authorEmail(), quick.time(), quick.message(), jgit.dirty(), quick.reason())).isEqualTo(jgit);
        return quick;
    }

    @Test
    void shouldReadLooseObjectsAndRefsAsJGitDoes() throws Exception {
        commit("a.txt", "First");
        commit("b.txt", "Fix the form  \r\nacross two lines\n\nThe body, which is not shown\n");
        Files.createDirectories(repo.resolve("sub/deeper"));

        CommitInfo info = bothAgree(repo.resolve("sub/deeper"));

        assertThat(info.branch()).isEqualTo("main");
        assertThat(info.author()).isEqualTo("Zoë Ångström");
        assertThat(info.message()).isEqualTo("Fix the form   across two lines");
        assertThat(info.id()).isEqualTo(git(repo, "rev-parse", "HEAD"));
    }

    @Test
    void shouldReadPackedObjectsAndRefsAndADetachedHead() throws Exception {
        for (int i = 0; i < 30; i++) {
            commit("f" + (i % 3) + ".txt", "Change " + i);
        }
        git(repo, "gc", "-q", "--aggressive");
        String head = git(repo, "rev-parse", "HEAD");
        assertThat(repo.resolve(".git/objects").resolve(head.substring(0, 2)).resolve(head.substring(2))).doesNotExist();
        assertThat(repo.resolve(".git/refs/heads/main")).doesNotExist();

        assertThat(bothAgree(repo).message()).isEqualTo("Change 29");

        git(repo, "checkout", "-q", "--detach", "HEAD~3");
        CommitInfo detached = bothAgree(repo);
        assertThat(detached.branch()).isNull();
        assertThat(detached.message()).isEqualTo("Change 26");
    }

    @Test
    void shouldReadALinkedWorktree() throws Exception {
        commit("a.txt", "First");
        git(repo, "worktree", "add", "-q", "-b", "feature", tmp.resolve("feature").toString());
        Files.writeString(tmp.resolve("feature/b.txt"), "b");
        git(tmp.resolve("feature"), "add", "b.txt");
        git(tmp.resolve("feature"), "commit", "-q", "-m", "On the feature branch");

        CommitInfo info = bothAgree(tmp.resolve("feature"));
        assertThat(info.branch()).isEqualTo("feature");
        assertThat(info.message()).isEqualTo("On the feature branch");
        assertThat(bothAgree(repo).message()).isEqualTo("First");
    }

    @Test
    void shouldReadSignedCommitsAndLeaveOtherEncodingsToJGit() throws Exception {
        commit("a.txt", "First");
        String tree = git(repo, "rev-parse", "HEAD^{tree}");
        String signed = "tree " + tree + "\nauthor Ann <ann@example.org> 1700000000 +0100\n"
                + "committer Bob <bob@example.org> 1700000100 +0100\n"
                + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n wsBcBAABCAAQ\n -----END PGP SIGNATURE-----\n\nSigned one\n";
        Path object = tmp.resolve("commit.txt");
        Files.writeString(object, signed);
        String id = git(repo, "hash-object", "-t", "commit", "-w", object.toString());
        git(repo, "update-ref", "refs/heads/main", id);

        CommitInfo info = bothAgree(repo);
        assertThat(info.message()).isEqualTo("Signed one");
        assertThat(info.time()).isEqualTo("2023-11-14T22:15:00Z");

        Files.write(object, ("tree " + tree + "\nauthor Ren\u00e9 <r@example.org> 1700000000 +0100\n"
                + "committer Ren\u00e9 <r@example.org> 1700000000 +0100\nencoding ISO-8859-1\n\nLatin-1\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        git(repo, "update-ref", "refs/heads/main", git(repo, "hash-object", "-t", "commit", "-w", object.toString()));
        assertThat(HeadReader.read(repo)).as("left to JGit").isNull();
        assertThat(new GitService().commitInfo(repo, false).author()).isEqualTo("René");
    }

    @Test
    void shouldSayThereIsNoCommitWithoutStartingJGit() throws Exception {
        assertThat(HeadReader.read(repo)).as("an unborn branch is left to JGit").isNull();
        assertThat(new GitService().commitInfo(repo, false).reason()).contains("has no commit yet");
        Path outside = Files.createDirectories(tmp.resolve("plain"));
        CommitInfo none = HeadReader.read(outside);
        if (none != null && !none.found()) { // the temp dir may sit inside a repository on a developer machine
            assertThat(none.reason()).isEqualTo("no git repository at or above " + outside);
        }
    }
}
