package io.devhealth.sync.provider.git;

import java.util.List;

/**
 * One commit as {@code git log} reports it.
 *
 * @param sha                  full object name (40 hex digits; 64 in SHA-256 repositories)
 * @param parents              parent object names, first parent first; empty for a root commit
 * @param authorName           {@code %an} (no mailmap: the raw identity recorded in the commit)
 * @param authorEmail          {@code %ae}
 * @param authoredAtMillis     author date, epoch milliseconds (git records seconds)
 * @param authorTzOffsetMinutes author's UTC offset in minutes (+0530 → 330)
 * @param committerName        {@code %cn}
 * @param committerEmail       {@code %ce}
 * @param committedAtMillis    committer date, epoch milliseconds
 * @param committerTzOffsetMinutes committer's UTC offset in minutes
 * @param subject              git's subject ({@code %s}: the first paragraph of the message, lines joined by spaces)
 * @param files                files changed against the first parent, in git's order; empty for merges (as in
 *                             {@code git log --numstat}), empty commits and commits whose diff is missing
 * @param diffMissing          the diff could not be computed because objects are missing (partial clone)
 */
record GitCommit(
        String sha,
        List<String> parents,
        String authorName,
        String authorEmail,
        long authoredAtMillis,
        int authorTzOffsetMinutes,
        String committerName,
        String committerEmail,
        long committedAtMillis,
        int committerTzOffsetMinutes,
        String subject,
        List<GitFileChange> files,
        boolean diffMissing) {

    boolean isMerge() {
        return parents.size() > 1;
    }

    long additions() {
        long sum = 0;
        for (GitFileChange file : files) {
            sum += file.additions();
        }
        return sum;
    }

    long deletions() {
        long sum = 0;
        for (GitFileChange file : files) {
            sum += file.deletions();
        }
        return sum;
    }

    GitCommit withDiffMissing() {
        return new GitCommit(sha, parents, authorName, authorEmail, authoredAtMillis, authorTzOffsetMinutes,
                committerName, committerEmail, committedAtMillis, committerTzOffsetMinutes, subject, List.of(), true);
    }
}
