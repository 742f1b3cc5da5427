package io.jenkins.plugins.slipway.engine.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitServiceTest {

    @TempDir
    Path tmp;

    private final GitService git = new GitService();

    private static RevCommit commit(Git repo, Path dir, String file, String message) throws Exception {
        Files.writeString(dir.resolve(file), message);
        repo.add().addFilepattern(file).call();
        PersonIdent who = new PersonIdent("Ann Example", "ann@example.org");
        return repo.commit().setMessage(message + "\n\nbody").setAuthor(who).setCommitter(who).setSign(false).call();
    }

    @Test
    void shouldDescribeTheCommitOfADirectoryInsideARepository() throws Exception {
        Path dir = tmp.resolve("repo");
        try (Git repo = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            commit(repo, dir, "a.txt", "First");
            RevCommit second = commit(repo, dir, "b.txt", "Second change");
            Files.createDirectories(dir.resolve("sub/deeper"));

            CommitInfo info = git.commitInfo(dir.resolve("sub/deeper"));

            assertThat(info.found()).isTrue();
            assertThat(info.id()).isEqualTo(second.name());
            assertThat(info.shortId()).isEqualTo(second.name().substring(0, 7));
            assertThat(info.branch()).isEqualTo("main");
            assertThat(info.author()).isEqualTo("Ann Example");
            assertThat(info.message()).isEqualTo("Second change");
            assertThat(info.dirty()).isFalse();
            assertThat(info.placeholders()).containsEntry("commit.shortId", info.shortId());
        }
    }

    @Test
    void shouldReportPlainlyWhenThereIsNoRepository() {
        CommitInfo info = git.commitInfo(tmp);
        // the temp dir may sit below a repository on a developer machine; then it is found, which is also right
        if (!info.found()) {
            assertThat(info.reason()).contains("no git repository");
            assertThat(info.placeholders()).containsEntry("commit.shortId", "nocommit");
            assertThat(info.oneLine()).startsWith("no commit");
        }
        CommitInfo missing = git.commitInfo(tmp.resolve("does-not-exist"));
        assertThat(missing.found()).isFalse();
        assertThat(missing.reason()).contains("not a directory");
    }

    @Test
    void shouldReportAnEmptyRepository() throws Exception {
        Path dir = tmp.resolve("empty");
        Git.init().setDirectory(dir.toFile()).call().close();
        CommitInfo info = git.commitInfo(dir);
        assertThat(info.found()).isFalse();
        assertThat(info.reason()).contains("has no commit yet");
    }

    @Test
    void shouldListTheCommitsBetweenTwoReleasesNewestFirst() throws Exception {
        Path dir = tmp.resolve("repo");
        try (Git repo = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            RevCommit one = commit(repo, dir, "a.txt", "One");
            commit(repo, dir, "b.txt", "Two");
            RevCommit three = commit(repo, dir, "c.txt", "Three");

            List<CommitInfo> between = git.commitsBetween(dir, one.name().substring(0, 7), three.name(), 50);
            assertThat(between).extracting(CommitInfo::message).containsExactly("Three", "Two");
            assertThat(git.commitsBetween(dir, null, "HEAD", 2)).hasSize(2);
            assertThatThrownBy(() -> git.commitsBetween(dir, "0123456789abcdef0123456789abcdef01234567", "HEAD", 5))
                    .isInstanceOf(GitException.class).hasMessageContaining("not a commit");
        }
    }

    @Test
    void shouldTagAReleaseAndPushTheTagToTheRemote() throws Exception {
        Path remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        Path dir = tmp.resolve("repo");
        try (Git repo = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            RevCommit head = commit(repo, dir, "a.txt", "Deployable");
            repo.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(remote.toUri().toString())).call();

            String ref = git.tagAndPush(dir, "deploy/production/42-" + head.name().substring(0, 7), "deployed", "origin", null, null);

            assertThat(ref).isEqualTo("refs/tags/deploy/production/42-" + head.name().substring(0, 7));
            try (Git bare = Git.open(remote.toFile())) {
                assertThat(bare.getRepository().exactRef(ref)).isNotNull();
                assertThat(bare.getRepository().getRefDatabase().peel(bare.getRepository().exactRef(ref)).getPeeledObjectId())
                        .isEqualTo(head.getId());
            }
            assertThatThrownBy(() -> git.tagAndPush(dir, "deploy/production/42-" + head.name().substring(0, 7), "x", null, null, null))
                    .isInstanceOf(GitException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> git.tagAndPush(dir, "bad..tag", "x", null, null, null))
                    .isInstanceOf(GitException.class).hasMessageContaining("not a valid tag name");
        }
    }

    @Test
    void shouldTagThroughTheTaskWithPushCredentialsFromTheSecrets() throws Exception {
        Path remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        Path dir = tmp.resolve("repo");
        try (Git repo = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            RevCommit head = commit(repo, dir, "a.txt", "Release");
            io.jenkins.plugins.slipway.engine.core.TaskContext context = new io.jenkins.plugins.slipway.engine.core.TaskContext(
                    io.jenkins.plugins.slipway.engine.core.Log.silent(),
                    io.jenkins.plugins.slipway.engine.core.Secrets.of(java.util.Map.of("gitUsername", "ci", "gitPassword", "token-123")),
                    dir.resolve("."));
            GitTagResult result = new GitService().tag(new GitTagRequest("deploy/staging/1-x", null, remote.toUri().toString(), null), context);
            assertThat(result.commit().id()).isEqualTo(head.name());
            assertThat(result.summary()).contains("deploy/staging/1-x").contains("pushed");
            try (Git bare = Git.open(remote.toFile())) {
                assertThat(bare.getRepository().exactRef("refs/tags/deploy/staging/1-x")).isNotNull();
            }
        }
        assertThatThrownBy(() -> new GitTagRequest(" ", null, null, null)).hasMessageContaining("tag is required");
    }
}
