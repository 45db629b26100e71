package io.devhealth.sync.metrics;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.ClickHouseConfig;

/**
 * Recomputes {@code repo_metrics_daily} inside ClickHouse with one {@code INSERT … SELECT} (no rows travel through
 * the service): for the days a sync run touched in one repository, or for a selection of days of every repository.
 *
 * <p>Definitions (per repository and day of the organization's time zone, {@link OrgTimeZone}):
 * <ul>
 * <li>day: the commit's author date in the organization's zone ({@code toDate(authored_at, tz)}). The author date is
 *     when the change was written and survives rebases and cherry-picks; the committer date would pile a rebased
 *     branch onto one day;</li>
 * <li>commits: every commit authored that day, merges included; merge_commits: those with more than one parent;</li>
 * <li>additions, deletions, files_changed: sums / row count of {@code commit_stats} for commits authored that day
 *     (merges have no rows, binary files count 0/0, as in {@code git log --numstat});</li>
 * <li>authors: distinct author emails, lower-cased ({@code lowerUTF8});</li>
 * <li>prs_*: 0 / NULL (pull-request analytics read pull_requests and change_facts directly).</li>
 * </ul>
 * A run's "touched" days are the author days of the commits it wrote, found by the run's {@code version} in a
 * subquery: exact for full and incremental runs, and small on the wire (a 10-year history has ~3,650 days, too many
 * for a URL parameter). Sources are read with {@code FINAL} and without tombstones; a selected day whose commits were
 * all tombstoned (a force-push dropped them) loses its row. Rows are versioned by computation
 * ({@link MetricsStatements#nextComputed()}).
 */
@ApplicationScoped
public class RepoMetricsDaily {

    private static final String DAY = "toDate(authored_at, {tz:String})";
    private static final String ONE_REPO = " AND repo_id = {repo:UUID}";

    private static String touched(String repoFilter) {
        return "SELECT " + DAY + " FROM commits WHERE org_id = {org:UUID}" + repoFilter
                + " AND version = {version:UInt64}";
    }

    private static String recomputeSql(String repoFilter) {
        String selected = DaySelection.predicate(DAY, touched(repoFilter));
        return """
                INSERT INTO repo_metrics_daily (org_id, repo_id, day, commits, merge_commits, additions, deletions,
                    files_changed, authors, prs_opened, prs_merged, pr_cycle_time_p50_hours, computed_at, version)
                SELECT {org:UUID}, c.repo_id, c.day, c.commits, c.merge_commits, s.additions, s.deletions,
                    s.files_changed, c.authors, 0, 0, NULL, fromUnixTimestamp64Milli({computed:Int64}, 'UTC'),
                    {computed:Int64}
                FROM
                (
                    SELECT repo_id, %3$s AS day, count() AS commits, countIf(is_merge = 1) AS merge_commits,
                        uniqExact(lowerUTF8(author_email)) AS authors
                    FROM commits FINAL
                    WHERE org_id = {org:UUID}%1$s AND is_deleted = 0 AND %2$s
                    GROUP BY repo_id, day
                ) AS c
                LEFT JOIN
                (
                    SELECT repo_id, %3$s AS day, sum(additions) AS additions, sum(deletions) AS deletions,
                        count() AS files_changed
                    FROM commit_stats FINAL
                    WHERE org_id = {org:UUID}%1$s AND is_deleted = 0 AND %2$s
                    GROUP BY repo_id, day
                ) AS s ON s.repo_id = c.repo_id AND s.day = c.day
                """.formatted(repoFilter, selected, DAY);
    }

    static final String RECOMPUTE_REPO_SQL = recomputeSql(ONE_REPO);
    static final String RECOMPUTE_ORG_SQL = recomputeSql("");

    private final MetricsStatements statements;

    /** On one node (benchmarks, tests that build the sink by hand). */
    public RepoMetricsDaily(Client client) {
        this.statements = new MetricsStatements(client);
    }

    @Inject
    public RepoMetricsDaily(Client client, ClickHouseConfig config) {
        this.statements = new MetricsStatements(client, config);
    }

    /**
     * Recomputes the days touched in one repository by the run that wrote commits with {@code version}.
     *
     * @return rows written to repo_metrics_daily (one per touched day that has commits)
     * @throws MetricsException a statement failed
     */
    public long recompute(UUID orgId, UUID repoId, long version, OrgTimeZone zone) {
        Map<String, Object> params = DaySelection.run(version).params(orgId, zone, MetricsStatements.nextComputed());
        params.put("repo", repoId.toString());
        statements.execute(RECOMPUTE_REPO_SQL, params, "repo_metrics_daily");
        statements.deleteStale("repo_metrics_daily", "repo_id",
                "repo_id = {repo:UUID} AND " + DaySelection.predicate("day", touched(ONE_REPO)), params);
        return statements.written("repo_metrics_daily", params);
    }

    /** Recomputes the selected days of every repository of the organization; returns the rows written. */
    long recompute(UUID orgId, DaySelection days, OrgTimeZone zone) {
        Map<String, Object> params = days.params(orgId, zone, MetricsStatements.nextComputed());
        statements.execute(RECOMPUTE_ORG_SQL, params, "repo_metrics_daily");
        statements.deleteStale("repo_metrics_daily", "repo_id", DaySelection.predicate("day", touched("")), params);
        return statements.written("repo_metrics_daily", params);
    }
}
