package io.devhealth.analytics.pullrequest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pull (GitHub) or merge (GitLab) request as the provider last reported it. Times are UTC. */
public record PullRequestItem(
        @Schema(examples = "0b4e7c1a-5f0e-4d8a-9a57-1c2d3e4f5a6b") UUID repoId,
        @Schema(examples = "acme/api") String repo,
        @Schema(description = "github or gitlab", examples = "github") String provider,
        @Schema(description = "The request's number in its repository (GitLab: iid)", examples = "42") long number,
        @Schema(examples = "Fix the parser") String title,
        @Schema(description = "open, closed (without merging) or merged", examples = "merged") String state,
        @Schema(examples = "false") boolean draft,
        @Schema(description = "The author's login (GitLab: username)", examples = "ada") String author,
        @Schema(examples = "main") String baseBranch,
        @Schema(examples = "fix-parser") String headBranch,
        @Schema(description = "The commit the merge (or squash, or rebase) left on the base branch; '' when not merged",
                examples = "9fceb02d0ae598e95dc970b74767f19372d61af8") String mergeCommitSha,
        @Schema(examples = "[\"bug\"]") List<String> labels,
        @Schema(description = "Lines added", examples = "120") long additions,
        @Schema(description = "Lines deleted", examples = "30") long deletions,
        @Schema(examples = "4") long changedFiles,
        @Schema(examples = "3") long commits,
        @Schema(examples = "5") long comments,
        @Schema(description = "Opened", examples = "2025-03-01T09:30:00Z") Instant createdAt,
        @Schema(examples = "2025-03-02T16:00:00Z") Instant updatedAt,
        @Schema(description = "Earliest author time of its commits; null when unknown",
                examples = "2025-02-28T15:00:00Z") Instant firstCommitAt,
        @Schema(description = "First review by someone other than the author; null when none",
                examples = "2025-03-01T13:00:00Z") Instant firstReviewAt,
        @Schema(description = "null when not merged", examples = "2025-03-02T10:00:00Z") Instant mergedAt,
        @Schema(description = "null while open", examples = "2025-03-02T10:00:00Z") Instant closedAt,
        @Schema(examples = "https://github.com/acme/api/pull/42") String url) {
}
