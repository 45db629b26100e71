package io.devhealth.sync.metrics;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.ClickHouseConfig;

/**
 * Computes {@code dora_metrics_daily} (per repository, environment and day of the organization's zone) from the DORA
 * facts ({@code deployment_facts}, {@code change_facts}; https://dora.dev/guides/dora-metrics/), inside ClickHouse:
 * <ul>
 * <li>deployments: successful deployments that finished that day, deployments of one pipeline run counting once;</li>
 * <li>failed_deployments: those that required immediate intervention (failure_cause: incident, rollback, hotfix);</li>
 * <li>rework_deployments: unplanned deployments made because of a production incident (DORA 2024 rework);</li>
 * <li>change_lead_time_p50_hours: exact median of deployed_at − the change's commit (author) time over the changes
 *     deployed that day;</li>
 * <li>failed_deployment_recovery_time_p50_hours: exact median of recovered_at − finished_at over the day's failed
 *     deployments that recovered; NULL when none.</li>
 * </ul>
 * Counts add up over days; the medians are per day only: window medians are computed from the facts. After a run, the
 * days recomputed are those of facts written since the run started (the linkage versions its facts by computation
 * time, so every fact of the run has a version at or above the run's), tombstones included.
 */
@ApplicationScoped
public class DoraMetricsDaily {

    private static final String DEPLOYED_DAY = "toDate(finished_at, {tz:String})";
    private static final String CHANGE_DAY = "toDate(deployed_at, {tz:String})";
    private static final String UNIT = "if(pipeline_id = '', deployment_id, pipeline_id)";
    private static final String HOURS = "(toUnixTimestamp64Milli(%2$s) - toUnixTimestamp64Milli(%1$s)) / 3600000.0";

    /** Days of facts written since the run started ({version} = the run's version). */
    static final String TOUCHED_DAYS = """
            SELECT toDate(finished_at, {tz:String}) FROM deployment_facts
            WHERE org_id = {org:UUID} AND version >= {version:UInt64}
            UNION DISTINCT
            SELECT toDate(deployed_at, {tz:String}) FROM change_facts
            WHERE org_id = {org:UUID} AND version >= {version:UInt64}""";

    static final String RECOMPUTE_SQL = """
            INSERT INTO dora_metrics_daily (org_id, repo_id, environment, day, deployments, failed_deployments,
                rework_deployments, change_lead_time_p50_hours, failed_deployment_recovery_time_p50_hours,
                computed_at, version)
            SELECT {org:UUID}, d.repo_id, d.environment, d.day, d.deployments, d.failed, d.rework, c.lead_p50,
                if(d.recovered = 0, NULL, d.recovery_p50), fromUnixTimestamp64Milli({computed:Int64}, 'UTC'),
                {computed:Int64}
            FROM
            (
                SELECT repo_id, environment, %1$s AS day, uniqExact(%3$s) AS deployments,
                    uniqExactIf(%3$s, failure_cause != '') AS failed, uniqExactIf(%3$s, is_rework = 1) AS rework,
                    countIf(failure_cause != '' AND recovered_at IS NOT NULL) AS recovered,
                    quantileExactInclusiveIf(0.5)(%4$s, failure_cause != '' AND recovered_at IS NOT NULL)
                        AS recovery_p50
                FROM deployment_facts FINAL
                WHERE org_id = {org:UUID} AND is_deleted = 0 AND %5$s
                GROUP BY repo_id, environment, day
            ) AS d
            LEFT JOIN
            (
                SELECT repo_id, environment, %2$s AS day, toNullable(quantileExactInclusive(0.5)(%6$s)) AS lead_p50
                FROM change_facts FINAL
                WHERE org_id = {org:UUID} AND is_deleted = 0 AND %7$s
                GROUP BY repo_id, environment, day
            ) AS c ON c.repo_id = d.repo_id AND c.environment = d.environment AND c.day = d.day
            """.formatted(DEPLOYED_DAY, CHANGE_DAY, UNIT,
            HOURS.formatted("finished_at", "ifNull(recovered_at, finished_at)"),
            DaySelection.predicate(DEPLOYED_DAY, TOUCHED_DAYS), HOURS.formatted("authored_at", "deployed_at"),
            DaySelection.predicate(CHANGE_DAY, TOUCHED_DAYS));

    private final MetricsStatements statements;

    @Inject
    DoraMetricsDaily(Client client, ClickHouseConfig config) {
        this.statements = new MetricsStatements(client, config);
    }

    /** Recomputes the selected days; returns the rows written. */
    long recompute(UUID orgId, DaySelection days, OrgTimeZone zone) {
        Map<String, Object> params = days.params(orgId, zone, MetricsStatements.nextComputed());
        statements.execute(RECOMPUTE_SQL, params, "dora_metrics_daily");
        statements.deleteStale("dora_metrics_daily", "repo_id, environment",
                DaySelection.predicate("day", TOUCHED_DAYS), params);
        return statements.written("dora_metrics_daily", params);
    }
}
