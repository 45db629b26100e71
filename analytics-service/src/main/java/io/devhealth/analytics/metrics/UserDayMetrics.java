package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One person's (or one unmapped identity's) activity on one day (ClickHouse {@code user_metrics_daily}). */
@Schema(description = "One person's activity on one day of the organization's time zone. Activity of identities not "
        + "mapped to a person is keyed by provider and identity (e.g. git:jane@acme.io) and has no personId.")
public record UserDayMetrics(
        @Schema(description = "The canonical person's id; null for an identity not mapped to a person.",
                nullable = true, examples = "3f2c1a9e-8b7d-4e6f-a5c4-1d2e3f4a5b6c")
        UUID personId,
        @Schema(description = "The person id as text, or '<provider>:<lower-cased identity>' when unmapped.",
                examples = "3f2c1a9e-8b7d-4e6f-a5c4-1d2e3f4a5b6c")
        String identityKey,
        @Schema(description = "The person's display name; '' when unmapped.", examples = "Ada Lovelace")
        String displayName,
        @Schema(description = "The person's primary email; '' when unmapped or unknown.", examples = "ada@acme.io")
        String email,
        @Schema(description = "The day, in the organization's time zone.", examples = "2025-01-31")
        LocalDate day,
        @Schema(description = "Commits authored that day, merges included (count).", examples = "4")
        long commits,
        @Schema(description = "Lines added by them, as git log --numstat counts (lines).", examples = "120")
        long additions,
        @Schema(description = "Lines deleted by them (lines).", examples = "30")
        long deletions,
        @Schema(description = "File changes by them; a file changed by two commits counts twice (count).",
                examples = "9")
        long filesChanged,
        @Schema(description = "Repositories committed to that day (count).", examples = "2")
        long reposTouched,
        @Schema(description = "Pull/merge requests opened (count).", examples = "1")
        long prsOpened,
        @Schema(description = "Pull/merge requests of theirs merged (count).", examples = "1")
        long prsMerged,
        @Schema(description = "Reviews submitted (count).", examples = "3")
        long reviewsGiven,
        @Schema(description = "Work items completed while assigned to them (count).", examples = "2")
        long workItemsCompleted,
        @Schema(description = "Incidents they resolved (count).", examples = "0")
        long incidentsResolved) {
}
