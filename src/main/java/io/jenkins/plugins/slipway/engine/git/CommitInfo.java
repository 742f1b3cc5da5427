package io.jenkins.plugins.slipway.engine.git;

import java.util.Map;

/**
 * The commit a result was made from. When the directory is not inside a git repository, {@code found} is false,
 * the other fields are null and {@code reason} says why (this is never an error: the pipeline still runs).
 *
 * @param found whether a repository and a commit were found
 * @param id the full commit id
 * @param shortId the first 7 characters of the id
 * @param branch the checked-out branch, or null on a detached HEAD
 * @param author the author's name
 * @param authorEmail the author's e-mail
 * @param time the commit time (ISO-8601, UTC)
 * @param message the first line of the commit message
 * @param dirty whether the working tree has uncommitted changes to tracked files
 * @param reason why no commit was found (null when found)
 */
public record CommitInfo(boolean found, String id, String shortId, String branch, String author, String authorEmail,
        String time, String message, Boolean dirty, String reason) {

    static CommitInfo none(String reason) {
        return new CommitInfo(false, null, null, null, null, null, null, null, null, reason);
    }

    /** No commit, for {@code reason}. */
    public static CommitInfo notFound(String reason) {
        return none(reason);
    }

    /** A short human line: {@code 1a2b3c4 (main) Fix the form — Ann}. */
    public String oneLine() {
        if (!found) {
            return "no commit (" + reason + ")";
        }
        return shortId + (branch == null ? "" : " (" + branch + ")") + " " + message + " — " + author;
    }

    /** The placeholders this commit offers: {@code commit.id}, {@code commit.shortId}, {@code commit.branch}… */
    public Map<String, String> placeholders() {
        return Map.of(
                "commit.id", found ? id : "unknown",
                "commit.shortId", found ? shortId : "nocommit",
                "commit.branch", found && branch != null ? branch : "detached",
                "commit.author", found ? author : "unknown",
                "commit.message", found ? message : "");
    }
}
