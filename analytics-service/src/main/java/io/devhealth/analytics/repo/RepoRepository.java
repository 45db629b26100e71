package io.devhealth.analytics.repo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;

/** Reads repositories and their commit totals from ClickHouse. */
@ApplicationScoped
public class RepoRepository {

    /*
     * Commit times are author times (authored_at), as in repo_metrics_daily, whose days are the author's UTC day:
     * first/last commit and the daily series then agree. minOrNull/maxOrNull make the aggregates Nullable, so a
     * repository without commits gets NULL times from the LEFT JOIN (and count 0), not 1970-01-01. Tombstones
     * (is_deleted = 1: commits a force-push made unreachable) are never counted, whatever FINAL does with them.
     */
    private static final String LIST = """
            SELECT r.repo_id AS id, r.provider AS provider, r.full_name AS full_name, r.url AS url,
                   r.default_branch AS default_branch, r.synced_at AS synced_at,
                   c.commit_count AS commit_count, c.first_commit_at AS first_commit_at,
                   c.last_commit_at AS last_commit_at, c.additions AS additions, c.deletions AS deletions
            FROM repos AS r
            LEFT JOIN
            (
                SELECT repo_id, count() AS commit_count,
                       minOrNull(authored_at) AS first_commit_at, maxOrNull(authored_at) AS last_commit_at,
                       sum(additions) AS additions, sum(deletions) AS deletions
                FROM commits
                WHERE org_id = ? AND is_deleted = 0
                GROUP BY repo_id
            ) AS c ON c.repo_id = r.repo_id
            WHERE r.org_id = ?
            ORDER BY r.full_name, r.repo_id""";

    private final ClickHouseQueries queries;

    RepoRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** The org's repositories sorted by full name, each with its commit count, first/last author time and line totals. */
    public List<Repo> list(UUID orgId) {
        return queries.list(LIST, row -> new Repo(
                row.getObject("id", UUID.class),
                row.getString("provider"),
                row.getString("full_name"),
                row.getString("url"),
                row.getString("default_branch"),
                row.getLong("commit_count"),
                row.getObject("first_commit_at", Instant.class),
                row.getObject("last_commit_at", Instant.class),
                row.getLong("additions"),
                row.getLong("deletions"),
                row.getObject("synced_at", Instant.class)), orgId, orgId);
    }

    /** Whether the org has a repository with this id or full name (a value that is not a UUID never matches an id). */
    public boolean exists(UUID orgId, String idOrFullName) {
        return queries.list("""
                SELECT count() AS found FROM repos
                WHERE org_id = ? AND (repo_id = toUUIDOrNull(?) OR full_name = ?)""",
                row -> row.getLong("found"), orgId, idOrFullName, idOrFullName).getFirst() > 0;
    }
}
