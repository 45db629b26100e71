package io.devhealth.analytics.code;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.code.Hotspots.Hotspot;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;

/**
 * Per-file and per-author line changes from {@code commit_stats} and {@code commits} (migrations/clickhouse/V1),
 * with authors resolved to canonical people through {@code person_identities} and {@code people} (V2). Only live rows
 * count (the read policy's {@code final = 1}): a tombstoned commit, repository or identity drops out.
 */
@ApplicationScoped
public class CodeRepository {

    /*
     * One row per text file changed by a non-merge commit authored in the window, with its author: the person id
     * when the lower-cased email is a git identity of a person, else 'git:<email>'. Parameters: org, from, to
     * (commits), org (identities), org, from, to (stats), repo ×4 ('' = all; id or full name).
     */
    private static final String CHANGES = """
            SELECT s.repo_id AS repo_id, s.sha AS sha, s.path AS path, s.additions AS additions,
                   s.deletions AS deletions, c.author_name AS author_name, c.email AS email,
                   if(p.external_id = '', concat('git:', c.email), toString(p.person_id)) AS author_key
            FROM commit_stats AS s
            INNER JOIN (SELECT repo_id, sha, author_name, lowerUTF8(author_email) AS email FROM commits
                        WHERE org_id = ? AND is_merge = 0 AND toDate(authored_at) BETWEEN ? AND ?) AS c
                    ON c.repo_id = s.repo_id AND c.sha = s.sha
            LEFT JOIN (SELECT external_id, person_id FROM person_identities WHERE org_id = ? AND provider = 'git') AS p
                    ON p.external_id = c.email
            WHERE s.org_id = ? AND s.is_binary = 0 AND toDate(s.authored_at) BETWEEN ? AND ?
              AND (? = '' OR s.repo_id IN (SELECT repo_id FROM repos
                                           WHERE org_id = ? AND (repo_id = toUUIDOrNull(?) OR full_name = ?)))""";

    /*
     * Parameters: CHANGES, org (repos), limit. commit_stats holds one row per (commit, path) (its ORDER BY key,
     * deduplicated by the read policy's FINAL), so a path's rows count its commits.
     */
    private static final String HOTSPOTS = """
            SELECT a.repo_id AS repo_id, r.full_name AS full_name, a.path AS path, count() AS commits,
                   sum(a.additions) AS added, sum(a.deletions) AS deleted, added + deleted AS churn,
                   uniqExact(a.author_key) AS authors, churn * authors AS score
            FROM (""" + CHANGES + """
            ) AS a
            INNER JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ?) AS r ON r.repo_id = a.repo_id
            GROUP BY a.repo_id, r.full_name, a.path
            HAVING churn > 0
            ORDER BY score DESC, churn DESC, full_name, path
            LIMIT ?""";

    /* Parameters: CHANGES, org (people). */
    private static final String AUTHORS = """
            SELECT a.repo_id AS repo_id, a.author_key AS author_key, max(a.email) AS email,
                   if(max(pp.display_name) != '', max(pp.display_name), max(a.author_name)) AS name,
                   sum(a.additions + a.deletions) AS lines, uniqExact(a.sha) AS commits
            FROM (""" + CHANGES + """
            ) AS a
            LEFT JOIN (SELECT toString(person_id) AS person_key, display_name FROM people WHERE org_id = ?) AS pp
                   ON pp.person_key = a.author_key
            GROUP BY a.repo_id, a.author_key
            HAVING lines > 0""";

    private static final String REPOS = """
            SELECT repo_id, full_name FROM repos
            WHERE org_id = ? AND (? = '' OR repo_id = toUUIDOrNull(?) OR full_name = ?)""";

    private final ClickHouseQueries queries;

    CodeRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** One author's line changes in one repository; {@code key} is a person id or {@code git:<email>}. */
    record AuthorLines(UUID repoId, String key, String email, String name, long lines, long commits) {
    }

    /** A live repository of the organization. */
    record RepoName(UUID repoId, String fullName) {
    }

    /** @param repo repository id or full name, {@code ""} for all */
    List<Hotspot> hotspots(UUID orgId, DayRange range, String repo, int limit) {
        return queries.list(HOTSPOTS, row -> new Hotspot(row.getObject("repo_id", UUID.class),
                row.getString("full_name"), row.getString("path"), row.getLong("commits"), row.getLong("added"),
                row.getLong("deleted"), row.getLong("churn"), row.getLong("authors"), row.getLong("score")),
                ClickHouseQueries.concat(changes(orgId, range, repo), new Object[] { orgId, limit }));
    }

    List<AuthorLines> authorLines(UUID orgId, DayRange range, String repo) {
        return queries.list(AUTHORS, row -> new AuthorLines(row.getObject("repo_id", UUID.class),
                row.getString("author_key"), row.getString("email"), row.getString("name"), row.getLong("lines"),
                row.getLong("commits")), ClickHouseQueries.concat(changes(orgId, range, repo), new Object[] { orgId }));
    }

    List<RepoName> repos(UUID orgId, String repo) {
        return queries.list(REPOS, row -> new RepoName(row.getObject("repo_id", UUID.class),
                row.getString("full_name")), orgId, repo, repo, repo);
    }

    private static Object[] changes(UUID orgId, DayRange range, String repo) {
        return new Object[] { orgId, range.from(), range.to(), orgId, orgId, range.from(), range.to(), repo, orgId,
                repo, repo };
    }
}
