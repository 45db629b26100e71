package io.devhealth.analytics.pullrequest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Pull request cycle time over the requests merged in a window: four stages, each as exact percentiles in hours over
 * the per-request durations, with its sample size; overall, per period, per repository and per requested team.
 *
 * @param from     first day of the window (merge day, in {@code timeZone})
 * @param to       last day of the window, included
 * @param repo     the repository filter as given, or null
 * @param teams    the team keys asked for (empty: no team filter)
 * @param overall  every request merged in the window
 * @param byPeriod every period overlapping the window, in order (empty periods included, their stages null)
 * @param byRepo   every repository with a request merged in the window, by full name
 * @param byTeam   each requested team (requests of its members; a request counts for every team of its author)
 */
public record CycleTimeReport(
        @Schema(examples = "2025-03-01") LocalDate from,
        @Schema(examples = "2025-03-31") LocalDate to,
        @Schema(description = "day, week (ISO, from Monday) or month", examples = "week") String period,
        @Schema(description = "The zone days and periods are taken in: the organization's setting timezone",
                examples = "Europe/Berlin") String timeZone,
        @Schema(description = "The repository filter as given; null: every repository", examples = "null") String repo,
        @Schema(examples = "[\"payments\"]") List<String> teams,
        CycleTime overall,
        List<PeriodCycleTime> byPeriod,
        List<RepoCycleTime> byRepo,
        List<TeamCycleTime> byTeam) {

    /**
     * The stages of the requests merged in a group. Coding: first commit (earliest author time) → opened. Pickup:
     * opened → first review by someone other than the author, before the merge. Review: that first review → merged.
     * Deploy: merged → the first successful production deployment that shipped the merge (or squash) commit or a
     * commit of the request. A request counts in a stage's sample only when both ends are known.
     */
    public record CycleTime(
            @Schema(description = "Requests merged in the group", examples = "42") long mergedPullRequests,
            Stage coding,
            Stage pickup,
            Stage review,
            Stage deploy) {
    }

    /**
     * Exact percentiles of one stage's durations in hours (linear interpolation between closest ranks, as
     * spreadsheets' PERCENTILE.INC). Null percentiles, with a reason, when no request has the stage.
     */
    public record Stage(
            @Schema(description = "Requests whose duration for this stage is known", examples = "40") long samples,
            @Schema(description = "Median, hours", examples = "3.5") Double p50Hours,
            @Schema(description = "75th percentile, hours", examples = "9.25") Double p75Hours,
            @Schema(description = "90th percentile, hours", examples = "26.0") Double p90Hours,
            @Schema(description = "Why there is no value; null when there is one", examples = "null") String reason) {
    }

    /** One period: {@code start} is its first day (the Monday of a week, the first of a month). */
    public record PeriodCycleTime(@Schema(examples = "2025-03-03") LocalDate start, CycleTime cycleTime) {
    }

    /** One repository with a request merged in the window. */
    public record RepoCycleTime(@Schema(examples = "0b4e7c1a-5f0e-4d8a-9a57-1c2d3e4f5a6b") UUID repoId,
            @Schema(examples = "acme/api") String repo, CycleTime cycleTime) {
    }

    /** One requested team, by key: the requests its members authored. */
    public record TeamCycleTime(@Schema(examples = "payments") String team, @Schema(examples = "Payments") String name,
            CycleTime cycleTime) {
    }
}
