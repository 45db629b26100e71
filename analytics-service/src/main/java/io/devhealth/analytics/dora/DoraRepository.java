package io.devhealth.analytics.dora;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.team.TeamRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * DORA's counts and exact percentiles over {@code deployment_facts} and {@code change_facts}
 * (migrations/clickhouse/V3__dora.sql). Percentiles interpolate linearly between the closest ranks
 * ({@code quantileExactInclusive}: R-7, as spreadsheets' PERCENTILE.INC), so the median of 1, 2, 3, 4 is 2.5.
 */
@ApplicationScoped
public class DoraRepository {

    /*
     * The statement's shape. Each fact table is narrowed by the same scope: the environment (or every production
     * environment), and the repository or the team's repositories when given (the clauses of FILTERS: only those
     * of the filters given are written, so an absent filter costs nothing).
     *
     * Deployments as DORA counts them: the deployments of one pipeline run are one deployment (it finished when
     * the last of them did, failed if any failed, recovered when the last failed one did).
     *
     * Changes: each change once, at its first deployment among the environments measured (a change deployed to
     * two production regions has one lead time); a commit dated after its deployment (clock skew) counts as
     * 0 hours. With one environment in scope (or none) every change_facts row is its change's only deployment there, so the
     * rows of the window are the changes; with several, a change counts in the window only when none of its
     * deployments came earlier. Those earlier rows are found without grouping the organization's whole history:
     * every deployment of a change deployed in the window is at or after the earliest author time of the window's
     * changes (a change is deployed after it is authored), unless dated before its own author time (clock skew,
     * kept by the second condition). The branch that does not apply is dropped by ClickHouse before reading
     * (its WHERE is a constant false once the scalar ENVIRONMENTS is known).
     *
     * One statement answers the whole report: totals, days and ISO weeks (toMonday) of both fact tables as
     * GROUPING SETS, so the report costs one round trip. Columns (Bucket's components): facts ('deployments' or
     * 'changes'), bucket (grouping(day, week): TOTAL, DAY or WEEK), firstDay (the day, or the Monday of the week),
     * count (deployments or changes), failed, rework, deploymentDays, recovered, medianHours (recovery for
     * deployments, lead time for changes), p90Hours (lead time; NaN, which ClickHouse's JSON writes as null, for
     * deployments).
     *
     * Query parameters, bound by ClickHouse: {org:UUID}, {zone:String} (the organization's time zone), {start:Int64}
     * and {end:Int64} (the window, epoch milliseconds, end excluded), and those of the filters given.
     */
    private static final String REPORT = """
            WITH (SELECT uniqExact(environment) FROM deployment_facts WHERE org_id = {org:UUID} FILTERS)
                AS environments,
            deployment_units AS (
                SELECT repo_id, if(pipeline_id = '', deployment_id, pipeline_id) AS unit,
                       max(finished_at) AS finished, toDate(finished, {zone:String}) AS day, toMonday(day) AS week,
                       max(failure_cause != '') AS is_failed, max(is_rework) AS is_rework_unit,
                       maxOrNull(recovered_at) AS restored
                FROM deployment_facts
                WHERE org_id = {org:UUID} AND finished_at >= fromUnixTimestamp64Milli({start:Int64})
                  AND finished_at < fromUnixTimestamp64Milli({end:Int64}) FILTERS
                GROUP BY repo_id, unit),
            changes AS (
                SELECT deployed_at AS deployed, toDate(deployed, {zone:String}) AS day, toMonday(day) AS week,
                       greatest(0, dateDiff('millisecond', authored_at, deployed)) / 3600000.0 AS lead_hours
                FROM change_facts
                WHERE environments <= 1 AND org_id = {org:UUID}
                  AND deployed_at >= fromUnixTimestamp64Milli({start:Int64})
                  AND deployed_at < fromUnixTimestamp64Milli({end:Int64}) FILTERS
                UNION ALL
                SELECT min(deployed_at) AS deployed, toDate(deployed, {zone:String}) AS day, toMonday(day) AS week,
                       greatest(0, dateDiff('millisecond', min(authored_at), deployed)) / 3600000.0 AS lead_hours
                FROM change_facts
                WHERE environments > 1 AND org_id = {org:UUID} AND deployed_at < fromUnixTimestamp64Milli({end:Int64})
                  FILTERS
                  AND (deployed_at < authored_at OR deployed_at >= (
                      SELECT min(authored_at) FROM change_facts
                      WHERE environments > 1 AND org_id = {org:UUID}
                        AND deployed_at >= fromUnixTimestamp64Milli({start:Int64})
                        AND deployed_at < fromUnixTimestamp64Milli({end:Int64}) FILTERS))
                GROUP BY repo_id, sha
                HAVING deployed >= fromUnixTimestamp64Milli({start:Int64}))
            SELECT 'deployments' AS facts, grouping(day, week) AS bucket, if(bucket = 2, week, day) AS firstDay,
                   count() AS count, countIf(is_failed = 1) AS failed, countIf(is_rework_unit = 1) AS rework,
                   uniqExact(day) AS deploymentDays, countIf(is_failed = 1 AND restored IS NOT NULL) AS recovered,
                   quantileExactInclusiveIf(0.5)(
                       greatest(0, dateDiff('millisecond', finished, assumeNotNull(restored))) / 3600000.0,
                       is_failed = 1 AND restored IS NOT NULL) AS medianHours,
                   nan AS p90Hours
            FROM deployment_units
            GROUP BY GROUPING SETS ((), (day), (week))
            UNION ALL
            SELECT 'changes', grouping(day, week) AS bucket, if(bucket = 2, week, day), count(), 0, 0, 0, 0,
                   quantilesExactInclusive(0.5, 0.9)(lead_hours)[1], quantilesExactInclusive(0.5, 0.9)(lead_hours)[2]
            FROM changes
            GROUP BY GROUPING SETS ((), (day), (week))""";

    /* grouping(day, week): a bit per argument, set when the argument is aggregated away. */
    private static final int DAY = 1;
    private static final int WEEK = 2;
    private static final int TOTAL = 3;

    /* A repository by id or full name (a value that is not a UUID never matches an id). */
    private static final String REPOSITORY_FILTER = " AND repo_id IN (SELECT repo_id FROM repos"
            + " WHERE org_id = {org:UUID} AND (repo_id = toUUIDOrNull({repo:String}) OR full_name = {repo:String}))";
    private static final String TEAM_FILTER = " AND repo_id IN (" + TeamRepository.REPOSITORIES + ")";

    /** Deployment counts and recovery over the window. */
    record DeploymentTotals(long deployments, long failed, long rework, long deploymentDays, long recovered,
            Double recoveryMedianHours) {
    }

    /** @param day the bucket's first day (the day, or the Monday of the week) */
    record DeploymentDay(LocalDate day, long deployments, long failed, long rework, long deploymentDays,
            long recovered, Double recoveryMedianHours) {
    }

    record ChangeTotals(long changes, Double medianHours, Double p90Hours) {
    }

    /** @param day the bucket's first day (the day, or the Monday of the week) */
    record ChangeDay(LocalDate day, long changes, Double medianHours, Double p90Hours) {
    }

    /**
     * The facts of one report: totals over the window, and the days and ISO weeks (each bucket starting on a
     * Monday) that have deployments or changes, in no particular order.
     */
    record Facts(DeploymentTotals deploymentTotals, List<DeploymentDay> deploymentDays,
            List<DeploymentDay> deploymentWeeks, ChangeTotals changeTotals, List<ChangeDay> changeDays,
            List<ChangeDay> changeWeeks) {
    }

    /** One row of {@link #REPORT}, bound by Jackson from ClickHouse's JSON (medians of no value are null). */
    @RegisterForReflection
    record Bucket(String facts, int bucket, LocalDate firstDay, long count, long failed, long rework,
            long deploymentDays, long recovered, Double medianHours, Double p90Hours) {
    }

    private final ClickHouseQueries queries;
    private final ObjectMapper json;

    DoraRepository(ClickHouseQueries queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /**
     * What the facts are narrowed to: the window's days in {@code zone} (the organization's), from the first day's
     * midnight to the midnight after the last.
     *
     * @param environment one environment's name, or {@code ""} for every production environment
     * @param repo        a repository id or full name, or {@code ""} for every repository
     * @param teamId      a team's id (its repositories by {@link TeamRepository#REPOSITORIES}), or {@code ""} for every
     *                    repository
     */
    record Scope(UUID orgId, DayRange range, ZoneId zone, String environment, String repo, String teamId) {
    }

    /**
     * The whole report's facts in one statement (see {@link #REPORT}), its parameters bound by ClickHouse: a statement
     * with JDBC placeholders costs a parse by the driver's SQL parser on every request (1.6 ms more for this one).
     */
    Facts facts(Scope scope) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("org", scope.orgId());
        parameters.put("zone", scope.zone().getId());
        parameters.put("start", scope.range().startMillis(scope.zone()));
        parameters.put("end", scope.range().endMillis(scope.zone()));
        String filters = filters(scope, parameters);
        DeploymentTotals deploymentTotals = new DeploymentTotals(0, 0, 0, 0, 0, null);
        ChangeTotals changeTotals = new ChangeTotals(0, null, null);
        List<DeploymentDay> deploymentDays = new ArrayList<>();
        List<DeploymentDay> deploymentWeeks = new ArrayList<>();
        List<ChangeDay> changeDays = new ArrayList<>();
        List<ChangeDay> changeWeeks = new ArrayList<>();
        for (Bucket b : queries.jsonArray(REPORT.replace("FILTERS", filters), parameters).read(json, Bucket.class)) {
            if (b.facts().equals("deployments")) {
                DeploymentDay day = new DeploymentDay(b.firstDay(), b.count(), b.failed(), b.rework(),
                        b.deploymentDays(), b.recovered(), b.medianHours());
                switch (b.bucket()) {
                    case TOTAL -> deploymentTotals = new DeploymentTotals(b.count(), b.failed(), b.rework(),
                            b.deploymentDays(), b.recovered(), b.medianHours());
                    case DAY -> deploymentDays.add(day);
                    case WEEK -> deploymentWeeks.add(day);
                    default -> throw new IllegalStateException("unexpected grouping " + b.bucket());
                }
            } else {
                ChangeDay day = new ChangeDay(b.firstDay(), b.count(), b.medianHours(), b.p90Hours());
                switch (b.bucket()) {
                    case TOTAL -> changeTotals = new ChangeTotals(b.count(), b.medianHours(), b.p90Hours());
                    case DAY -> changeDays.add(day);
                    case WEEK -> changeWeeks.add(day);
                    default -> throw new IllegalStateException("unexpected grouping " + b.bucket());
                }
            }
        }
        return new Facts(deploymentTotals, deploymentDays, deploymentWeeks, changeTotals, changeDays, changeWeeks);
    }

    /** The scope's filters as SQL (each starting with AND), their query parameters put in {@code parameters}. */
    private static String filters(Scope scope, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (scope.environment().isEmpty()) {
            sql.append(" AND is_production = 1");
        } else {
            sql.append(" AND environment = {environment:String}");
            parameters.put("environment", scope.environment());
        }
        if (!scope.repo().isEmpty()) {
            sql.append(REPOSITORY_FILTER);
            parameters.put("repo", scope.repo());
        }
        if (!scope.teamId().isEmpty()) {
            sql.append(TEAM_FILTER);
            parameters.put("team", scope.teamId());
        }
        return sql.toString();
    }
}
