package io.devhealth.analytics.commit;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A commit as git recorded it, with git's line counts ({@code git log --numstat}; merges count 0). */
public record CommitItem(
        UUID repoId,
        @Schema(examples = "acme/api") String repo,
        @Schema(examples = "9fceb02d0ae598e95dc970b74767f19372d61af8") String sha,
        @Schema(description = "More than one parent", examples = "false") boolean merge,
        @Schema(examples = "Ada Lovelace") String authorName,
        @Schema(examples = "ada@acme.io") String authorEmail,
        @Schema(description = "git's author date, UTC", examples = "2025-03-01T09:30:00Z") Instant authoredAt,
        @Schema(examples = "Ada Lovelace") String committerName,
        @Schema(description = "git's committer date, UTC", examples = "2025-03-01T09:31:00Z") Instant committedAt,
        @Schema(description = "The message's first line", examples = "Fix the parser") String subject,
        @Schema(examples = "12") long additions,
        @Schema(examples = "3") long deletions,
        @Schema(examples = "2") long filesChanged) {
}
