package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One project's work-item flow on one day (ClickHouse {@code work_item_metrics_daily}). */
@Schema(description = "One project's work-item flow on one day of the organization's time zone.")
public record WorkItemDayMetrics(
        @Schema(description = "Provider.", enumeration = { "jira", "github", "gitlab" }, examples = "jira")
        String provider,
        @Schema(description = "Project: Jira project key, GitHub owner/repository, GitLab project path.",
                examples = "PAY")
        String projectKey,
        @Schema(description = "The day, in the organization's time zone.", examples = "2025-01-31")
        LocalDate day,
        @Schema(description = "Items created that day (count).", examples = "5")
        long created,
        @Schema(description = "Items completed that day: throughput (count).", examples = "4")
        long completed,
        @Schema(description = "Items in progress at the end of the day (count).", examples = "7")
        long wip,
        @Schema(description = "Bugs created that day (count).", examples = "1")
        long bugsCreated,
        @Schema(description = "Median lead time (created → completed) of the items completed that day, hours; null "
                + "when none. Window medians: see the work-item flow endpoint (computed from per-item facts).",
                nullable = true, examples = "52.5")
        Double leadTimeP50Hours,
        @Schema(description = "Median cycle time (started → completed) of the items completed that day, hours; "
                + "null when none was started.", nullable = true, examples = "20.25")
        Double cycleTimeP50Hours,
        @Schema(description = "Hours the items completed that day spent in each status before completing (sum over "
                + "the items; divide by completed for a mean).",
                examples = "{\"To Do\": 30.5, \"In Progress\": 61.0, \"In Review\": 12.0}")
        Map<String, Double> timeInStateHours) {
}
