package io.devhealth.sync.metrics;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Recomputes {@code repo_metrics_daily} for the days a sync run touched, inside ClickHouse with one
 * {@code INSERT … SELECT} (no rows travel through the service).
 *
 * <p>Definitions (per repository and UTC day):
 * <ul>
 * <li>day: the commit's author date in UTC ({@code toDate(authored_at)}). The author date is when the change was
 *     written and survives rebases and cherry-picks; the committer date would pile a rebased branch onto one
 *     day;</li>
 * <li>commits: every commit authored that day, merges included; merge_commits: those with more than one parent;</li>
 * <li>additions, deletions, files_changed: sums / row count of {@code commit_stats} for commits authored that day
 *     (merges have no rows, binary files count 0/0, as in {@code git log --numstat});</li>
 * <li>authors: distinct author emails, lower-cased ({@code lowerUTF8});</li>
 * <li>prs_*: 0 / NULL until the pull-request providers exist.</li>
 * </ul>
 * "Touched" = the UTC author days of the commits this run wrote, found by the run's {@code version} in a
 * subquery. That is exact for full and incremental runs and keeps the request small: a 10-year history has
 * ~3,650 days, too many for a {@code {days:Array(Date)}} URL parameter behind common 16 KB request-line limits.
 * Sources are read with {@code FINAL} and without tombstones ({@code is_deleted = 0}). A touched day whose
 * commits were all tombstoned (a force-push dropped them) loses its row.
 *
 * <p>Rows are versioned by their computation time ({@code now64(3)} in epoch milliseconds), never by the run's
 * start: a run that started earlier but computes later must still replace what an earlier computation wrote.
 */
@ApplicationScoped
public class RepoMetricsDaily {

    static final String RECOMPUTE_SQL = """
            INSERT INTO repo_metrics_daily (org_id, repo_id, day, commits, merge_commits, additions, deletions,
                files_changed, authors, prs_opened, prs_merged, pr_cycle_time_p50_hours, computed_at, version)
            SELECT {org:UUID}, {repo:UUID}, c.day, c.commits, c.merge_commits, s.additions, s.deletions,
                s.files_changed, c.authors, 0, 0, NULL, now64(3), toUInt64(toUnixTimestamp64Milli(now64(3)))
            FROM
            (
                SELECT toDate(authored_at) AS day, count() AS commits, countIf(is_merge = 1) AS merge_commits,
                    uniqExact(lowerUTF8(author_email)) AS authors
                FROM commits FINAL
                WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0
                  AND toDate(authored_at) IN (
                      SELECT toDate(authored_at) FROM commits
                      WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND version = {version:UInt64})
                GROUP BY day
            ) AS c
            LEFT JOIN
            (
                SELECT toDate(authored_at) AS day, sum(additions) AS additions, sum(deletions) AS deletions,
                    count() AS files_changed
                FROM commit_stats FINAL
                WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0
                  AND toDate(authored_at) IN (
                      SELECT toDate(authored_at) FROM commits
                      WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND version = {version:UInt64})
                GROUP BY day
            ) AS s ON s.day = c.day
            """;

    /** Days the run touched that have no commit left (all tombstoned): their rows go. */
    static final String DELETE_EMPTIED_DAYS_SQL = """
            DELETE FROM repo_metrics_daily
            WHERE org_id = {org:UUID} AND repo_id = {repo:UUID}
              AND day IN (
                  SELECT toDate(authored_at) FROM commits
                  WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND version = {version:UInt64})
              AND day NOT IN (
                  SELECT toDate(authored_at) FROM commits FINAL
                  WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0)
            """;

    private final Client client;

    public RepoMetricsDaily(Client client) {
        this.client = client;
    }

    /**
     * Recomputes the days touched by the run that wrote commits with {@code version}.
     *
     * @return rows written to repo_metrics_daily (one per touched day)
     * @throws MetricsException the statement failed
     */
    public long recompute(UUID orgId, UUID repoId, long version) {
        Map<String, Object> params = Map.of("org", orgId.toString(), "repo", repoId.toString(), "version",
                Long.toString(version));
        long written = execute(RECOMPUTE_SQL, params);
        execute(DELETE_EMPTIED_DAYS_SQL, params);
        return written;
    }

    private long execute(String sql, Map<String, Object> params) {
        try (CommandResponse response = client.execute(sql, params, new CommandSettings())
                .get(300, TimeUnit.SECONDS)) {
            return response.getWrittenRows();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while computing repo_metrics_daily", e);
        } catch (ExecutionException e) {
            throw new MetricsException("computing repo_metrics_daily failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new MetricsException("computing repo_metrics_daily timed out", e);
        } catch (Exception e) {
            throw new MetricsException("computing repo_metrics_daily failed: " + e.getMessage(), e);
        }
    }
}
