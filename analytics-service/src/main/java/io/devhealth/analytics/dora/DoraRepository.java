package io.devhealth.analytics.dora;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;
import io.devhealth.analytics.team.TeamRepository;

/**
 * DORA's counts and exact percentiles over {@code deployment_facts} and {@code change_facts}
 * (migrations/clickhouse/V3__dora.sql). Percentiles interpolate linearly between the closest ranks
 * ({@code quantileExactInclusive}: R-7, as spreadsheets' PERCENTILE.INC), so the median of 1, 2, 3, 4 is 2.5.
 */
@ApplicationScoped
public class DoraRepository {

    /*
     * Filters shared by both fact tables. Environment: '' = every production environment. Repository: '' = all,
     * else by id or full name (a value that is not a UUID never matches an id).
     */
    private static final String FILTERS = """
            AND if(? = '', is_production = 1, environment = ?)
            AND (? = '' OR repo_id IN (SELECT repo_id FROM repos
                                       WHERE org_id = ? AND (repo_id = toUUIDOrNull(?) OR full_name = ?)))
            AND (? = '' OR repo_id IN (""" + TeamRepository.REPOSITORIES + "))";

    private static final String TEAM_EXISTS = "SELECT count() AS teams FROM teams WHERE org_id = ? AND team_key = ?";

    /*
     * Deployments as DORA counts them: the deployments of one pipeline run are one deployment (it finished when
     * the last of them did, failed if any failed, recovered when the last failed one did).
     */
    private static final String DEPLOYMENTS = """
            SELECT repo_id, if(pipeline_id = '', deployment_id, pipeline_id) AS unit,
                   max(finished_at) AS finished, toDate(finished, ?) AS finished_day,
                   max(failure_cause != '') AS is_failed, max(is_rework) AS is_rework_unit,
                   maxOrNull(recovered_at) AS restored
            FROM deployment_facts
            WHERE org_id = ? AND finished_at >= fromUnixTimestamp64Milli(?) AND finished_at < fromUnixTimestamp64Milli(?)
            """ + FILTERS + """

            GROUP BY repo_id, unit""";

    private static final String DEPLOYMENT_TOTALS = """
            SELECT count() AS deployments, countIf(is_failed = 1) AS failed, countIf(is_rework_unit = 1) AS rework,
                   uniqExact(finished_day) AS deployment_days,
                   countIf(is_failed = 1 AND restored IS NOT NULL) AS recovered,
                   quantileExactInclusiveIf(0.5)(
                       greatest(0, dateDiff('millisecond', finished, assumeNotNull(restored))) / 3600000.0,
                       is_failed = 1 AND restored IS NOT NULL) AS recovery_median_hours
            FROM (""" + DEPLOYMENTS + ")";

    /* Per bucket (BUCKET: a day, or the Monday starting its ISO week). */
    private static final String DEPLOYMENT_BUCKETS = """
            SELECT BUCKET AS day, count() AS deployments, countIf(is_failed = 1) AS failed,
                   countIf(is_rework_unit = 1) AS rework, uniqExact(finished_day) AS deployment_days,
                   countIf(is_failed = 1 AND restored IS NOT NULL) AS recovered,
                   quantileExactInclusiveIf(0.5)(
                       greatest(0, dateDiff('millisecond', finished, assumeNotNull(restored))) / 3600000.0,
                       is_failed = 1 AND restored IS NOT NULL) AS recovery_median_hours
            FROM (""" + DEPLOYMENTS + """
            )
            GROUP BY day""";
    private static final String DAY = "finished_day";
    private static final String WEEK = "toMonday(finished_day)";

    /*
     * Each change once: its first deployment among the environments measured (a change deployed to two production
     * regions has one lead time). A commit dated after its deployment (clock skew) counts as 0 hours.
     */
    private static final String CHANGES = """
            SELECT repo_id, sha, min(deployed_at) AS deployed, toDate(deployed, ?) AS deployed_day,
                   greatest(0, dateDiff('millisecond', min(authored_at), min(deployed_at))) / 3600000.0 AS lead_hours
            FROM change_facts
            WHERE org_id = ? AND deployed_at < fromUnixTimestamp64Milli(?)
            """ + FILTERS + """

            GROUP BY repo_id, sha
            HAVING deployed >= fromUnixTimestamp64Milli(?)""";

    private static final String CHANGE_TOTALS = """
            SELECT count() AS changes, quantileExactInclusive(0.5)(lead_hours) AS median_hours,
                   quantileExactInclusive(0.9)(lead_hours) AS p90_hours
            FROM (""" + CHANGES + ")";

    private static final String CHANGE_BUCKETS = """
            SELECT BUCKET AS day, count() AS changes, quantileExactInclusive(0.5)(lead_hours) AS median_hours
            FROM (""" + CHANGES + """
            )
            GROUP BY day""";
    private static final String CHANGE_DAY = "deployed_day";
    private static final String CHANGE_WEEK = "toMonday(deployed_day)";

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

    record ChangeDay(LocalDate day, long changes, Double medianHours) {
    }

    private static final RowMapper<DeploymentTotals> DEPLOYMENT_TOTALS_ROW = row -> new DeploymentTotals(
            row.getLong("deployments"), row.getLong("failed"), row.getLong("rework"), row.getLong("deployment_days"),
            row.getLong("recovered"), finite(row, "recovery_median_hours"));
    private static final RowMapper<DeploymentDay> DEPLOYMENT_DAY_ROW = row -> new DeploymentDay(
            row.getObject("day", LocalDate.class), row.getLong("deployments"), row.getLong("failed"),
            row.getLong("rework"), row.getLong("deployment_days"), row.getLong("recovered"),
            finite(row, "recovery_median_hours"));
    private static final RowMapper<ChangeTotals> CHANGE_TOTALS_ROW = row -> new ChangeTotals(row.getLong("changes"),
            finite(row, "median_hours"), finite(row, "p90_hours"));
    private static final RowMapper<ChangeDay> CHANGE_DAY_ROW = row -> new ChangeDay(row.getObject("day", LocalDate.class),
            row.getLong("changes"), finite(row, "median_hours"));

    private final ClickHouseQueries queries;

    DoraRepository(ClickHouseQueries queries) {
        this.queries = queries;
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

    DeploymentTotals deploymentTotals(Scope scope) {
        return queries.list(DEPLOYMENT_TOTALS, DEPLOYMENT_TOTALS_ROW, deploymentParameters(scope)).getFirst();
    }

    /** Per day, or per ISO week ({@code weekly}: each bucket starts on a Monday). */
    List<DeploymentDay> deploymentBuckets(Scope scope, boolean weekly) {
        return queries.list(DEPLOYMENT_BUCKETS.replace("BUCKET", weekly ? WEEK : DAY), DEPLOYMENT_DAY_ROW,
                deploymentParameters(scope));
    }

    ChangeTotals changeTotals(Scope scope) {
        return queries.list(CHANGE_TOTALS, CHANGE_TOTALS_ROW, changeParameters(scope)).getFirst();
    }

    /** Per day, or per ISO week ({@code weekly}: each bucket starts on a Monday). */
    List<ChangeDay> changeBuckets(Scope scope, boolean weekly) {
        return queries.list(CHANGE_BUCKETS.replace("BUCKET", weekly ? CHANGE_WEEK : CHANGE_DAY), CHANGE_DAY_ROW,
                changeParameters(scope));
    }

    private static Object[] deploymentParameters(Scope scope) {
        return ClickHouseQueries.concat(new Object[] { scope.zone().getId(), scope.orgId(), start(scope), end(scope) },
                filterParameters(scope));
    }

    private static Object[] changeParameters(Scope scope) {
        return ClickHouseQueries.concat(new Object[] { scope.zone().getId(), scope.orgId(), end(scope) },
                filterParameters(scope), new Object[] { start(scope) });
    }

    /** The window's first midnight, epoch milliseconds. */
    private static long start(Scope scope) {
        return scope.range().from().atStartOfDay(scope.zone()).toInstant().toEpochMilli();
    }

    /** The midnight after the window's last day (excluded), epoch milliseconds. */
    private static long end(Scope scope) {
        return scope.range().to().plusDays(1).atStartOfDay(scope.zone()).toInstant().toEpochMilli();
    }

    private static Object[] filterParameters(Scope scope) {
        return new Object[] { scope.environment(), scope.environment(), scope.repo(), scope.orgId(), scope.repo(),
                scope.repo(), scope.teamId(), scope.orgId(), scope.orgId(), scope.teamId() };
    }

    /** A percentile of no values is NaN in ClickHouse: null here. */
    private static Double finite(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() || Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
