package io.devhealth.analytics.commit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;

/** Commits of an organization, newest first, by keyset (author time, repository, sha). */
@ApplicationScoped
public class CommitRepository {

    private static final UUID NO_REPO = new UUID(0, 0);

    /*
     * Repository: '' = all, else by id or full name. Author: '' = all, else the email, case-insensitively. After:
     * 0 = from the newest, else strictly after the given (author time, repository, sha) in listing order.
     */
    private static final String PAGE = """
            SELECT c.repo_id AS repo_id, r.full_name AS full_name, c.sha AS sha, c.is_merge AS is_merge,
                   c.author_name AS author_name, c.author_email AS author_email, c.authored_at AS authored_at,
                   c.committer_name AS committer_name, c.committed_at AS committed_at, c.subject AS subject,
                   c.additions AS additions, c.deletions AS deletions, c.files_changed AS files_changed
            FROM commits AS c
            INNER JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ?) AS r ON r.repo_id = c.repo_id
            WHERE c.org_id = ? AND toDate(c.authored_at) BETWEEN ? AND ?
              AND (? = '' OR r.repo_id = toUUIDOrNull(?) OR r.full_name = ?)
              AND (? = '' OR lowerUTF8(c.author_email) = lowerUTF8(?))
              AND (? = 0 OR (c.authored_at, c.repo_id, c.sha) < (fromUnixTimestamp64Milli(?, 'UTC'), ?, ?))
            ORDER BY c.authored_at DESC, c.repo_id DESC, c.sha DESC
            LIMIT ?""";

    private static final RowMapper<CommitItem> ROW = row -> new CommitItem(
            row.getObject("repo_id", UUID.class), row.getString("full_name"), row.getString("sha"),
            row.getInt("is_merge") == 1, row.getString("author_name"), row.getString("author_email"),
            row.getObject("authored_at", Instant.class), row.getString("committer_name"),
            row.getObject("committed_at", Instant.class), row.getString("subject"), row.getLong("additions"),
            row.getLong("deletions"), row.getLong("files_changed"));

    private final ClickHouseQueries queries;

    CommitRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * At most {@code limit} commits authored in the range (UTC days), newest first, after {@code after} (null:
     * from the newest).
     *
     * @param repo   repository id or full name, or {@code ""} for all
     * @param author author email, or {@code ""} for all
     */
    List<CommitItem> page(UUID orgId, DayRange range, String repo, String author, ListingCursor.Key after,
            int limit) {
        return queries.list(PAGE, ROW, orgId, orgId, range.from(), range.to(), repo, repo, repo, author, author,
                after == null ? 0 : 1, after == null ? 0L : after.millis(),
                after == null ? NO_REPO : after.repoId(), after == null ? "" : after.id(), limit);
    }
}
