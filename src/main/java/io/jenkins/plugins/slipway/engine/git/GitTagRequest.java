package io.jenkins.plugins.slipway.engine.git;

/**
 * Tag the commit a release was made from, e.g. after a successful production deploy, and optionally push the tag.
 *
 * @param tag the tag, e.g. {@code deploy/production/42-1a2b3c4}
 * @param message the annotated tag's message (default: the tag)
 * @param remote push the tag there (a remote name such as {@code origin}, or a URL); none: only tag locally
 * @param dir the repository (default: the working directory; the repository above it is found)
 */
public record GitTagRequest(String tag, String message, String remote, String dir) {
    public GitTagRequest {
        if (tag == null || tag.isBlank()) {
            throw new IllegalArgumentException("tag is required, e.g. deploy/production/42-1a2b3c4");
        }
        tag = tag.trim();
        remote = remote == null || remote.isBlank() ? null : remote.trim();
        dir = dir == null || dir.isBlank() ? "." : dir;
    }
}
