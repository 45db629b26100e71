package io.devhealth.analytics.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.JsonRows;
import io.smallrye.mutiny.Uni;

/** Reads daily repository metrics from ClickHouse. */
@ApplicationScoped
public class RepoMetricsRepository {

    /*
     * Dense by construction: the org's repositories × the range's days (generated with numbers()), LEFT JOINed to
     * the stored days. A day without a row gets the column defaults, 0, because join_use_nulls is off. Unlike
     * WITH FILL, this also yields the repositories that have no row at all in the range. The aliases are
     * RepoDayMetrics' members, in its order: ClickHouse writes the answer's JSON. %s: the repository filter.
     */
    private static final String DAILY = """
            SELECT r.repo_id AS repoId, r.full_name AS fullName, d.day AS day,
                   m.commits AS commits, m.merge_commits AS mergeCommits, m.additions AS additions,
                   m.deletions AS deletions, m.files_changed AS filesChanged, m.authors AS authors
            FROM repos AS r
            CROSS JOIN (SELECT {from:Date} + number AS day FROM numbers({days:UInt32})) AS d
            LEFT JOIN
            (
                SELECT repo_id, day, commits, merge_commits, additions, deletions, files_changed, authors
                FROM repo_metrics_daily
                WHERE org_id = {org:UUID} AND day BETWEEN {from:Date} AND {to:Date}
            ) AS m ON m.repo_id = r.repo_id AND m.day = d.day
            WHERE r.org_id = {org:UUID}%s
            ORDER BY r.full_name, r.repo_id, d.day""";

    private static final String DAILY_ALL_REPOS = DAILY.formatted("");

    /** The repository by id or by full name: a value that is not a UUID never matches an id. */
    private static final String DAILY_ONE_REPO = DAILY.formatted(
            " AND (r.repo_id = toUUIDOrNull({repo:String}) OR r.full_name = {repo:String})");

    private final ClickHouseQueries queries;

    RepoMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * Every repository of the org on every day of the range, sorted by full name then day: a JSON array of
     * {@link RepoDayMetrics}.
     */
    public JsonRows daily(UUID orgId, DayRange range) {
        return queries.jsonArray(DAILY_ALL_REPOS, parameters(orgId, range));
    }

    /** {@link #daily(UUID, DayRange)} without blocking (see {@link ClickHouseQueries#jsonArrayAsync}). */
    public Uni<JsonRows> dailyAsync(UUID orgId, DayRange range) {
        return queries.jsonArrayAsync(DAILY_ALL_REPOS, parameters(orgId, range));
    }

    /**
     * One repository (or, if two providers share its full name, each of them) on every day of the range, as
     * {@link #daily(UUID, DayRange)}; empty when the org has no repository with that id or full name.
     */
    public JsonRows daily(UUID orgId, DayRange range, String repoIdOrFullName) {
        Map<String, Object> parameters = new HashMap<>(parameters(orgId, range));
        parameters.put("repo", repoIdOrFullName);
        return queries.jsonArray(DAILY_ONE_REPO, parameters);
    }

    private static Map<String, Object> parameters(UUID orgId, DayRange range) {
        return Map.of("org", orgId, "from", range.from(), "to", range.to(), "days", range.days());
    }
}
