package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;

/** Reads daily repository metrics from ClickHouse. */
@ApplicationScoped
public class RepoMetricsRepository {

    /*
     * Dense by construction: the org's repositories × the range's days (generated with numbers()), LEFT JOINed to
     * the stored days. A day without a row gets the column defaults, 0, because join_use_nulls is off. Unlike
     * WITH FILL, this also yields the repositories that have no row at all in the range. %s: the repository filter.
     */
    private static final String DAILY = """
            SELECT r.repo_id AS repo_id, r.full_name AS full_name, d.day AS day,
                   m.commits AS commits, m.merge_commits AS merge_commits, m.additions AS additions,
                   m.deletions AS deletions, m.files_changed AS files_changed, m.authors AS authors
            FROM repos AS r
            CROSS JOIN (SELECT toDate(?) + number AS day FROM numbers(?)) AS d
            LEFT JOIN
            (
                SELECT repo_id, day, commits, merge_commits, additions, deletions, files_changed, authors
                FROM repo_metrics_daily
                WHERE org_id = ? AND day BETWEEN ? AND ?
            ) AS m ON m.repo_id = r.repo_id AND m.day = d.day
            WHERE r.org_id = ?%s
            ORDER BY r.full_name, r.repo_id, d.day""";

    private static final String DAILY_ALL_REPOS = DAILY.formatted("");

    /** The repository by id or by full name: a value that is not a UUID never matches an id. */
    private static final String DAILY_ONE_REPO = DAILY.formatted(
            " AND (r.repo_id = toUUIDOrNull(?) OR r.full_name = ?)");

    private static final RowMapper<RepoDayMetrics> ROW = row -> new RepoDayMetrics(
            row.getObject("repo_id", UUID.class),
            row.getString("full_name"),
            row.getObject("day", LocalDate.class),
            row.getLong("commits"),
            row.getLong("merge_commits"),
            row.getLong("additions"),
            row.getLong("deletions"),
            row.getLong("files_changed"),
            row.getLong("authors"));

    private final ClickHouseQueries queries;

    RepoMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** Every repository of the org on every day of the range, sorted by full name then day. */
    public List<RepoDayMetrics> daily(UUID orgId, DayRange range) {
        return queries.list(DAILY_ALL_REPOS, ROW,
                range.from(), range.days(), orgId, range.from(), range.to(), orgId);
    }

    /**
     * One repository (or, if two providers share its full name, each of them) on every day of the range; empty
     * when the org has no repository with that id or full name.
     */
    public List<RepoDayMetrics> daily(UUID orgId, DayRange range, String repoIdOrFullName) {
        return queries.list(DAILY_ONE_REPO, ROW,
                range.from(), range.days(), orgId, range.from(), range.to(), orgId, repoIdOrFullName, repoIdOrFullName);
    }
}
