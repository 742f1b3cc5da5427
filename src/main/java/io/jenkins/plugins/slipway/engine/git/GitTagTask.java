package io.jenkins.plugins.slipway.engine.git;

import io.jenkins.plugins.slipway.engine.core.EngineTask;
import io.jenkins.plugins.slipway.engine.core.SlipwayException;
import io.jenkins.plugins.slipway.engine.core.TaskContext;
import java.nio.file.Path;

/**
 * {@code git-tag}: tags HEAD (annotated) and pushes the tag. Push credentials come from the secrets
 * {@code gitUsername} + {@code gitPassword} (an HTTPS token), never from the request.
 */
public final class GitTagTask implements EngineTask<GitTagRequest, GitTagResult> {
    @Override
    public String name() {
        return "git-tag";
    }

    @Override
    public Class<GitTagRequest> requestType() {
        return GitTagRequest.class;
    }

    @Override
    public GitTagResult run(GitTagRequest request, TaskContext context) throws SlipwayException {
        GitService git = new GitService();
        Path dir = context.resolve(request.dir());
        CommitInfo commit = git.commitInfo(dir);
        if (!commit.found()) {
            throw new GitException(SlipwayException.Kind.BAD_INPUT, "Cannot tag " + request.tag() + ": " + commit.reason() + ".");
        }
        String ref = git.tagAndPush(dir, request.tag(), request.message(), request.remote(),
                context.secrets().get(GitService.USERNAME_SECRET).orElse(null),
                context.secrets().get(GitService.PASSWORD_SECRET).orElse(null));
        context.log().info("tagged " + commit.shortId() + " as " + request.tag()
                + (request.remote() == null ? "" : ", pushed to " + request.remote()));
        return new GitTagResult(request.tag(), ref, commit, request.remote());
    }
}
