package io.devhealth.analytics.metrics;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One team's activity on one day: the sum of its members' (ClickHouse {@code team_metrics_daily}). */
@Schema(description = "One team's activity on one day of the organization's time zone: the sum of its members' "
        + "activity (a person in two teams counts in both).")
public record TeamDayMetrics(
        @Schema(description = "The team's id (identity-service).", examples = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        String teamId,
        @Schema(description = "The team's key.", examples = "payments")
        String teamKey,
        @Schema(description = "The team's name.", examples = "Payments")
        String name,
        @Schema(description = "The day, in the organization's time zone.", examples = "2025-01-31")
        LocalDate day,
        @Schema(description = "Commits authored by members (count).", examples = "12")
        long commits,
        @Schema(description = "Lines added by those commits (lines).", examples = "340")
        long additions,
        @Schema(description = "Lines deleted by those commits (lines).", examples = "95")
        long deletions,
        @Schema(description = "Members with any activity that day (count).", examples = "4")
        long activeMembers,
        @Schema(description = "Pull/merge requests opened by members (count).", examples = "3")
        long prsOpened,
        @Schema(description = "Members' pull/merge requests merged (count).", examples = "2")
        long prsMerged,
        @Schema(description = "Reviews submitted by members (count).", examples = "6")
        long reviewsGiven,
        @Schema(description = "Work items completed by members (count).", examples = "5")
        long workItemsCompleted,
        @Schema(description = "Incidents resolved by members (count).", examples = "1")
        long incidentsResolved) {
}
