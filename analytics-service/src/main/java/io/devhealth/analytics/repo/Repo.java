package io.devhealth.analytics.repo;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A synced repository with totals over its commits (ClickHouse {@code repos} and {@code commits}). */
@Schema(description = "A synced repository with totals over its commits.")
public record Repo(
        @Schema(description = "Repository id, stable across syncs.")
        UUID id,
        @Schema(description = "Where the history comes from.", examples = "git")
        String provider,
        @Schema(description = "Repository name as the provider shows it.", examples = "acme/api")
        String fullName,
        @Schema(description = "Where the repository lives (a URL or, for a local git repository, its path).")
        String url,
        @Schema(description = "Default branch at the last sync.", examples = "main")
        String defaultBranch,
        @Schema(description = "Commits reachable from the repository's branches, remote-tracking branches and tags, merges included (count).")
        long commitCount,
        @Schema(description = "Earliest author time among those commits (git's author date, UTC); null when there are none.")
        Instant firstCommitAt,
        @Schema(description = "Latest author time among those commits (git's author date, UTC); null when there are none.")
        Instant lastCommitAt,
        @Schema(description = "Lines added over all non-merge commits, as git log --numstat counts them (binary files count 0).")
        long additions,
        @Schema(description = "Lines deleted over all non-merge commits, as git log --numstat counts them (binary files count 0).")
        long deletions,
        @Schema(description = "When the repository was last synced (UTC).")
        Instant syncedAt) {
}
