package io.devhealth.analytics.dora;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The five DORA software delivery metrics over a window of days in the organization's time zone, as dora.dev defines them
 * (https://dora.dev/guides/dora-metrics/), with their sample sizes, their levels in the named table, and a daily
 * series. A metric without data is null with a reason, never zero.
 *
 * @param environment the environment measured; {@code null} means every production environment
 * @param repo        the repository filter as given, or null for the whole organization
 * @param team        the team filter (a team key: the team's repositories), or null
 */
public record DoraReport(
        @Schema(examples = "2025-01-01") LocalDate from,
        @Schema(examples = "2025-03-31") LocalDate to,
        @Schema(description = "The IANA time zone whose days these are (the organization's setting timezone)",
                examples = "Europe/Berlin") String timeZone,
        @Schema(description = "The environment measured; null: every production environment", examples = "null")
        String environment,
        @Schema(description = "The repository filter as given; null: the whole organization", examples = "null")
        String repo,
        @Schema(description = "The team filter as given (its repositories); null: no team filter", examples = "null")
        String team,
        LevelTable levels,
        DeploymentFrequency deploymentFrequency,
        ChangeLeadTime changeLeadTime,
        ChangeFailRate changeFailRate,
        FailedDeploymentRecoveryTime failedDeploymentRecoveryTime,
        DeploymentReworkRate deploymentReworkRate,
        @Schema(description = "Where the values sit among the DORA Quick Check's answers")
        QuickCheckAnswers quickCheck,
        @Schema(description = "One entry per day of the window, from first to last")
        List<Day> series,
        @Schema(description = "One entry per ISO week (Monday to Sunday) touching the window, first to last; the "
                + "first and last may be partial weeks")
        List<Week> weekly) {

    /** The published table the levels come from. */
    public record LevelTable(
            @Schema(examples = "2024") String id,
            @Schema(examples = "DORA Accelerate State of DevOps Report 2024") String title,
            @Schema(examples = "https://dora.dev/research/2024/dora-report/") String source) {
    }

    /**
     * Successful production deployments (deployments of one pipeline run count once).
     *
     * @param perDay                    deployments ÷ days in the window
     * @param daysWithDeploymentPerWeek days with at least one deployment ÷ weeks in the window (the form DORA's
     *                                  survey asks about)
     */
    public record DeploymentFrequency(
            @Schema(examples = "42") long deployments,
            @Schema(examples = "0.4667") double perDay,
            @Schema(examples = "3.27") double perWeek,
            @Schema(examples = "30") long daysWithDeployment,
            @Schema(examples = "2.33") double daysWithDeploymentPerWeek,
            @Schema(description = "elite, high, medium or low; null without deployments", examples = "high") String level,
            @Schema(description = "Why there is no value; null when there is one", examples = "null") String reason) {
    }

    /** For each change deployed to production in the window: deployment finish − the change's commit time. */
    public record ChangeLeadTime(
            @Schema(examples = "120") long changes,
            @Schema(description = "Median hours; null without deployed changes", examples = "26.5") Double medianHours,
            @Schema(description = "90th percentile hours; null without deployed changes", examples = "140.25")
            Double p90Hours,
            @Schema(examples = "high") String level,
            @Schema(examples = "null") String reason) {
    }

    /** Deployments that required immediate intervention (linked incident, rollback or hotfix) ÷ deployments. */
    public record ChangeFailRate(
            @Schema(examples = "42") long deployments,
            @Schema(examples = "5") long failedDeployments,
            @Schema(description = "0–1; null without deployments", examples = "0.119") Double rate,
            @Schema(examples = "medium") String level,
            @Schema(examples = "null") String reason) {
    }

    /** Median of (recovery − the failed deployment's finish) over failed deployments that recovered. */
    public record FailedDeploymentRecoveryTime(
            @Schema(examples = "5") long failedDeployments,
            @Schema(examples = "4") long recovered,
            @Schema(description = "Median hours; null without a recovered failed deployment", examples = "3.5")
            Double medianHours,
            @Schema(examples = "high") String level,
            @Schema(examples = "null") String reason) {
    }

    /** Unplanned deployments made because of a production incident ÷ deployments (DORA 2024); no published levels. */
    public record DeploymentReworkRate(
            @Schema(examples = "42") long deployments,
            @Schema(examples = "3") long reworkDeployments,
            @Schema(description = "0–1; null without deployments", examples = "0.0714") Double rate,
            @Schema(examples = "null") String reason) {
    }

    /**
     * The answers of the DORA Quick Check (https://dora.dev/quickcheck/) the measured values correspond to; each null
     * when its metric is.
     */
    public record QuickCheckAnswers(
            @Schema(examples = "DORA Quick Check 2025") String title,
            @Schema(examples = "https://dora.dev/quickcheck/") String source,
            @Schema(examples = "Between once per day and once per week") String deploymentFrequency,
            @Schema(examples = "Between one day and one week") String changeLeadTime,
            @Schema(description = "Whole percent", examples = "12%") String changeFailRate,
            @Schema(examples = "Less than one day") String failedDeploymentRecoveryTime,
            @Schema(description = "Whole percent", examples = "7%") String deploymentReworkRate) {
    }

    /** One ISO week (Monday to Sunday) of the window; only its days inside the window count. */
    public record Week(
            @Schema(description = "The Monday starting the week", examples = "2025-03-03") LocalDate weekStart,
            @Schema(examples = "5") long deployments,
            @Schema(description = "Days with a deployment (DORA's survey form)", examples = "4") long daysWithDeployment,
            @Schema(examples = "1") long failedDeployments,
            @Schema(examples = "1") long reworkDeployments,
            @Schema(description = "Failed deployments of the week that have recovered", examples = "1")
            long recoveredDeployments,
            @Schema(description = "Median recovery hours of those; null without any", examples = "3.0")
            Double recoveryMedianHours,
            @Schema(examples = "12") long changes,
            @Schema(description = "Median change lead time, hours; null without changes", examples = "20.0")
            Double changeLeadTimeMedianHours,
            @Schema(description = "90th percentile change lead time, hours; null without changes", examples = "70.5")
            Double changeLeadTimeP90Hours) {
    }

    /** One day of the window. */
    public record Day(
            @Schema(examples = "2025-01-02") LocalDate day,
            @Schema(examples = "2") long deployments,
            @Schema(examples = "0") long failedDeployments,
            @Schema(examples = "0") long reworkDeployments,
            @Schema(description = "Changes that reached production that day", examples = "7") long changes,
            @Schema(description = "Median change lead time of those changes, hours; null without any",
                    examples = "20.0") Double changeLeadTimeMedianHours,
            @Schema(description = "90th percentile change lead time of those changes, hours; null without any",
                    examples = "70.5") Double changeLeadTimeP90Hours) {
    }
}
