package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One repository's git activity on one day of the organization's time zone (ClickHouse {@code repo_metrics_daily}); zeros on quiet days. */
@Schema(description = "One repository's git activity on one day of the organization's time zone, attributed to the commits' author day; all zeros on a day without commits.")
public record RepoDayMetrics(
        @Schema(description = "Repository id.")
        UUID repoId,
        @Schema(description = "Repository name as the provider shows it.", examples = "acme/api")
        String fullName,
        @Schema(description = "The day of the commits' author time, in the organization's time zone.", examples = "2025-01-31")
        LocalDate day,
        @Schema(description = "Commits authored that day, merges included (count).")
        long commits,
        @Schema(description = "Merge commits (more than one parent) among them (count).")
        long mergeCommits,
        @Schema(description = "Lines added by the day's non-merge commits, as git log --numstat counts them (lines).")
        long additions,
        @Schema(description = "Lines deleted by the day's non-merge commits, as git log --numstat counts them (lines).")
        long deletions,
        @Schema(description = "File changes by the day's non-merge commits; a file changed by two commits counts twice (count).")
        long filesChanged,
        @Schema(description = "Distinct author emails, case-insensitive (count).")
        long authors) {
}
