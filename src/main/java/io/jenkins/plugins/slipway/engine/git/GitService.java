package io.jenkins.plugins.slipway.engine.git;

import io.jenkins.plugins.slipway.engine.core.SlipwayException.Kind;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * What Slipway asks of git, through JGit (no git binary needed): which commit a directory is at, which commits lie
 * between two releases, and an optional release tag pushed with credentials.
 */
public final class GitService {

    /** Secret names for pushing a tag over HTTPS. */
    public static final String USERNAME_SECRET = "gitUsername";
    public static final String PASSWORD_SECRET = "gitPassword";

    /**
     * Task {@code git-tag}: tags HEAD (annotated) and pushes the tag. Push credentials come from the secrets
     * {@link #USERNAME_SECRET} + {@link #PASSWORD_SECRET} (an HTTPS token), never from the request.
     */
    public GitTagResult tag(GitTagRequest request, TaskContext context) throws GitException {
        Path dir = context.resolve(request.dir());
        CommitInfo commit = commitInfo(dir);
        if (!commit.found()) {
            throw new GitException(Kind.BAD_INPUT, "Cannot tag " + request.tag() + ": " + commit.reason() + ".");
        }
        String ref = tagAndPush(dir, request.tag(), request.message(), request.remote(),
                context.secrets().get(USERNAME_SECRET).orElse(null),
                context.secrets().get(PASSWORD_SECRET).orElse(null));
        context.log().info("tagged " + commit.shortId() + " as " + request.tag()
                + (request.remote() == null ? "" : ", pushed to " + request.remote()));
        return new GitTagResult(request.tag(), ref, commit, request.remote());
    }

    /** The commit {@code dir} (or the repository above it) is at; never throws. */
    public CommitInfo commitInfo(Path dir) {
        return commitInfo(dir, true);
    }

    /**
     * As {@link #commitInfo(Path)}; without {@code withStatus} the working tree is not scanned (fast on huge
     * workspaces), {@code dirty} stays null, and the usual repository is read without starting JGit at all.
     */
    public CommitInfo commitInfo(Path dir, boolean withStatus) {
        Path start = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(start)) {
            return CommitInfo.none(start + " is not a directory");
        }
        if (!withStatus) {
            CommitInfo quick = HeadReader.read(start);
            if (quick != null) {
                return quick;
            }
        }
        try (Repository repo = open(start)) {
            if (repo == null) {
                return CommitInfo.none("no git repository at or above " + start);
            }
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return CommitInfo.none("the repository at " + repo.getWorkTree() + " has no commit yet");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(head);
                String branch = repo.getFullBranch() != null && repo.getFullBranch().startsWith(Constants.R_HEADS)
                        ? Repository.shortenRefName(repo.getFullBranch()) : null;
                Boolean dirty = null;
                if (withStatus) {
                    try (Git git = new Git(repo)) {
                        dirty = git.status().call().hasUncommittedChanges();
                    } catch (GitAPIException | RuntimeException e) {
                        // the status is a nicety; the commit is what matters
                    }
                }
                return toInfo(commit, branch, dirty);
            }
        } catch (IOException | RuntimeException e) {
            return CommitInfo.none("cannot read the git repository at or above " + start + ": " + e.getMessage());
        }
    }

    /**
     * The commits reachable from {@code to} but not from {@code from}, newest first, at most {@code max}.
     * {@code from} may be null (then the history of {@code to}). Ids may be abbreviated or ref names.
     */
    public List<CommitInfo> commitsBetween(Path dir, String from, String to, int max) throws GitException {
        try (Repository repo = open(dir.toAbsolutePath().normalize())) {
            if (repo == null) {
                throw new GitException(Kind.BAD_INPUT, "No git repository at or above " + dir
                        + ": cannot list the commits between " + from + " and " + to + ".");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                walk.markStart(walk.parseCommit(resolve(repo, to)));
                if (from != null && !from.isBlank()) {
                    walk.markUninteresting(walk.parseCommit(resolve(repo, from)));
                }
                List<CommitInfo> out = new ArrayList<>();
                for (RevCommit c : walk) {
                    if (out.size() >= max) {
                        break;
                    }
                    out.add(toInfo(c, null, null));
                }
                return out;
            }
        } catch (MissingObjectException e) {
            throw new GitException(Kind.BAD_INPUT, "Commit " + e.getObjectId().name() + " is not in the repository at "
                    + dir + ". Fetch the full history (a shallow clone lacks older commits).", e);
        } catch (IOException e) {
            throw new GitException(Kind.ENVIRONMENT, "Cannot read the git history at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tags HEAD with an annotated tag (e.g. {@code deploy/production/42-1a2b3c4}) and, when {@code remote} is given,
     * pushes that one tag there. Credentials come from the secrets {@value #USERNAME_SECRET}/{@value #PASSWORD_SECRET}
     * (HTTPS token); without them the remote's own configuration is used.
     */
    public String tagAndPush(Path dir, String tag, String message, String remote, String username, String password)
            throws GitException {
        if (tag == null || !Repository.isValidRefName(Constants.R_TAGS + tag)) {
            throw new GitException(Kind.BAD_INPUT, "'" + tag + "' is not a valid tag name (letters, digits, '/', '.', '-', '_'; "
                    + "e.g. deploy/production/42-1a2b3c4).");
        }
        try (Repository repo = open(dir.toAbsolutePath().normalize())) {
            if (repo == null) {
                throw new GitException(Kind.BAD_INPUT, "No git repository at or above " + dir + ": cannot tag " + tag + ".");
            }
            try (Git git = new Git(repo)) {
                if (repo.exactRef(Constants.R_TAGS + tag) != null) {
                    throw new GitException(Kind.BAD_INPUT, "Tag " + tag + " already exists in " + repo.getWorkTree()
                            + ". Release ids must be unique: include the build number.");
                }
                Ref ref = git.tag().setName(tag).setAnnotated(true).setMessage(message == null ? tag : message).call();
                if (remote != null && !remote.isBlank()) {
                    PushCommand push = git.push().setRemote(remote).setRefSpecs(
                            new org.eclipse.jgit.transport.RefSpec(ref.getName() + ":" + ref.getName()));
                    if (username != null && password != null) {
                        push.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, password));
                    }
                    for (PushResult result : push.call()) {
                        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                            if (update.getStatus() != RemoteRefUpdate.Status.OK
                                    && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                                throw new GitException(Kind.ENVIRONMENT, "Pushing tag " + tag + " to " + remote + " was refused: "
                                        + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")")
                                        + ". Check that the credentials may push tags.");
                            }
                        }
                    }
                }
                return ref.getName();
            }
        } catch (GitAPIException e) {
            throw new GitException(Kind.ENVIRONMENT, "Cannot tag or push " + tag + (remote == null ? "" : " to " + remote)
                    + ": " + e.getMessage() + ". Check the remote's URL and the credentials (secrets " + USERNAME_SECRET
                    + "/" + PASSWORD_SECRET + ").", e);
        } catch (IOException e) {
            throw new GitException(Kind.ENVIRONMENT, "Cannot read the repository at " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits every file of {@code dir} (making it a repository on branch {@code main} first when it is none) and
     * returns the new commit. For examples and tests: real code is committed by people.
     */
    public CommitInfo commitAll(Path dir, String message, String author, String email) throws GitException {
        try (Git git = Files.isDirectory(dir.resolve(".git")) ? Git.open(dir.toFile())
                : Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent(author, email);
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (GitAPIException | IOException e) {
            throw new GitException(Kind.ENVIRONMENT, "Cannot commit the files of " + dir + ": " + e.getMessage(), e);
        }
        return commitInfo(dir);
    }

    /** Clones the repository at {@code from} (a local directory) into {@code to}. */
    public void cloneLocal(Path from, Path to) throws GitException {
        try {
            Git.cloneRepository().setURI(from.toUri().toString()).setDirectory(to.toFile()).call().close();
        } catch (GitAPIException e) {
            throw new GitException(Kind.ENVIRONMENT, "Cannot clone " + from + " into " + to + ": " + e.getMessage(), e);
        }
    }

    private static Repository open(Path start) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(start.toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        return builder.setMustExist(true).build();
    }

    private static ObjectId resolve(Repository repo, String rev) throws IOException, GitException {
        ObjectId id;
        try {
            id = repo.resolve(rev + "^{commit}");
        } catch (IOException | RuntimeException e) {
            id = null;
        }
        if (id == null) {
            throw new GitException(Kind.BAD_INPUT, "'" + rev + "' is not a commit in " + repo.getWorkTree()
                    + ". Give a commit id (full or abbreviated), a branch or a tag.");
        }
        return id;
    }

    private static CommitInfo toInfo(RevCommit commit, String branch, Boolean dirty) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitInfo(true, commit.name(), commit.abbreviate(7).name(), branch,
                author.getName(), author.getEmailAddress(),
                Instant.ofEpochSecond(commit.getCommitTime()).toString(), commit.getShortMessage(), dirty, null);
    }
}
