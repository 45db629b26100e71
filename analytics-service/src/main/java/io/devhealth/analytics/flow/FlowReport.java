package io.devhealth.analytics.flow;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Flow metrics of an organization's work items over a window of UTC days, with the Kanban and Flow Framework
 * definitions: throughput, work in progress, cycle time, lead time, time in each status and flow efficiency. Hours
 * are decimal hours; percentiles are exact over per-item values (linear interpolation between closest ranks, R-7). A
 * metric without a sample is null with a reason, never zero; counts (throughput, WIP) are real zeros.
 *
 * <p>An item is <em>completed</em> in the window when its current status category is done and its
 * {@code completed_at} (the last time it reached a done status, or its resolution) falls in the window. An item
 * reopened after done and not done again is not completed: it is back in progress.
 */
public record FlowReport(
        @Schema(examples = "2025-03-01") LocalDate from,
        @Schema(examples = "2025-03-31") LocalDate to,
        @Schema(description = "day, week (ISO, Monday first) or month", examples = "week") String period,
        @Schema(description = "The provider filter; null: every provider", examples = "jira") String provider,
        @Schema(description = "The project filter; null: every project", examples = "PAY") String project,
        @Schema(description = "The type filter; null: every type", examples = "null") String type,
        @Schema(description = "Items completed in the window", examples = "42") long throughput,
        @Schema(description = "Items in progress at the end of the window's last day", examples = "7") long wip,
        Percentiles cycleTime,
        Percentiles leadTime,
        FlowEfficiency flowEfficiency,
        @Schema(description = "Per status category (todo, in_progress, done), then per status: time spent there by "
                + "the items completed in the window, before their completion")
        List<CategoryTime> timeInStatus,
        @Schema(description = "One entry per period of the window, oldest first") List<Bucket> series) {

    /**
     * Per-item hours: cycle time is {@code started_at} (first move into an in-progress status) → completion, over
     * completed items that were started; lead time is creation → completion, over every completed item.
     */
    @Schema(name = "FlowPercentiles")
    public record Percentiles(
            @Schema(description = "Sample size: the items measured", examples = "40") long items,
            @Schema(description = "Median hours; null without a sample", examples = "30.5") Double p50Hours,
            @Schema(description = "85th percentile hours; null without a sample", examples = "96.0") Double p85Hours,
            @Schema(description = "95th percentile hours; null without a sample", examples = "150.25") Double p95Hours,
            @Schema(description = "Why there is no value; null when there is one", examples = "null") String reason) {
    }

    /**
     * Flow efficiency (Flow Framework, Kersten: active time ÷ flow time) of the items completed in the window that
     * were started and have status transitions: between start and completion, active time is time in an
     * in-progress status, waiting time is time in any other non-done status (to-do statuses such as Blocked or a
     * return to the backlog); time in a done status before a reopen counts as neither.
     */
    public record FlowEfficiency(
            @Schema(description = "Sample size", examples = "35") long items,
            @Schema(description = "Active hours, summed over the items", examples = "812.5") Double activeHours,
            @Schema(description = "Waiting hours, summed over the items", examples = "1204.0") Double waitingHours,
            @Schema(description = "activeHours ÷ (activeHours + waitingHours), 0–1; null without a sample",
                    examples = "0.403") Double efficiency,
            @Schema(description = "Median of the items' own efficiencies, 0–1; null without a sample",
                    examples = "0.45") Double itemMedian,
            @Schema(examples = "null") String reason) {
    }

    /** Time spent in one status category, and per status inside it. */
    @Schema(name = "FlowCategoryTime")
    public record CategoryTime(
            @Schema(description = "todo, in_progress or done", examples = "in_progress") String category,
            @Schema(description = "Items that spent time in the category", examples = "38") long items,
            @Schema(description = "Hours, summed over the items", examples = "812.5") double totalHours,
            @Schema(description = "Median over the items of each item's hours in the category", examples = "18.0")
            double p50Hours,
            List<StatusTime> statuses) {
    }

    /** Time spent in one status; a status visited twice by an item counts once for it, with both stays summed. */
    @Schema(name = "FlowStatusTime")
    public record StatusTime(
            @Schema(examples = "In Review") String status,
            @Schema(examples = "21") long items,
            @Schema(examples = "240.0") double totalHours,
            @Schema(examples = "6.5") double p50Hours) {
    }

    /** One period of the window, clipped to it. */
    @Schema(name = "FlowBucket")
    public record Bucket(
            @Schema(description = "First day, included", examples = "2025-03-03") LocalDate start,
            @Schema(description = "Last day, included", examples = "2025-03-09") LocalDate end,
            @Schema(description = "Items completed in the period", examples = "9") long throughput,
            @Schema(description = "Items in progress at the end of the period's last day", examples = "6") long wip,
            @Schema(description = "Median cycle time of the period's completed items, hours; null without any",
                    examples = "28.0") Double cycleTimeP50Hours,
            @Schema(description = "Median lead time of the period's completed items, hours; null without any",
                    examples = "120.0") Double leadTimeP50Hours) {
    }
}
