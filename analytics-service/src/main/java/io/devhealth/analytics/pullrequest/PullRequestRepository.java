package io.devhealth.analytics.pullrequest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.Columns;
import io.devhealth.analytics.query.RowMapper;
import io.devhealth.analytics.team.TeamRepository;

/**
 * Pull requests of an organization ({@code pull_requests}, V1/V4/V6), newest first by keyset (creation time,
 * repository, number). Only live rows: the read policy's FINAL plus {@code is_deleted = 0}.
 */
@ApplicationScoped
public class PullRequestRepository {

    private static final UUID NO_REPO = new UUID(0, 0);

    /*
     * Repository: '' = all, else by id or full name. State and author (login, case-insensitively): '' = all. Team:
     * '' = all, else the team ids whose members' identities authored it. After: 0 = from the newest, else strictly
     * after (created_at, repo_id, number) in listing order.
     */
    private static final String PAGE = """
            SELECT p.repo_id AS repo_id, r.full_name AS full_name, p.provider AS provider, p.number AS number,
                   p.title AS title, p.state AS state, p.is_draft AS is_draft, p.author_login AS author_login,
                   p.base_branch AS base_branch, p.head_branch AS head_branch, p.merge_commit_sha AS merge_commit_sha,
                   p.labels AS labels, p.additions AS additions, p.deletions AS deletions,
                   p.changed_files AS changed_files, p.commits_count AS commits_count,
                   p.comments_count AS comments_count, p.created_at AS created_at, p.updated_at AS updated_at,
                   p.first_commit_at AS first_commit_at, p.first_review_at AS first_review_at,
                   p.merged_at AS merged_at, p.closed_at AS closed_at, p.url AS url
            FROM pull_requests AS p
            INNER JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ? AND is_deleted = 0) AS r
                    ON r.repo_id = p.repo_id
            WHERE p.org_id = ? AND p.is_deleted = 0 AND toDate(p.created_at) BETWEEN ? AND ?
              AND (? = '' OR r.repo_id = toUUIDOrNull(?) OR r.full_name = ?)
              AND (? = '' OR p.state = ?)
              AND (? = '' OR lowerUTF8(p.author_login) = lowerUTF8(?))
              AND (? = '' OR (p.provider, lowerUTF8(p.author_login)) IN (
                      SELECT provider, external_id FROM (""" + TeamRepository.MEMBER_IDENTITIES + """
            )))
              AND (? = 0 OR (p.created_at, p.repo_id, p.number) < (fromUnixTimestamp64Milli(?, 'UTC'), ?, ?))
            ORDER BY p.created_at DESC, p.repo_id DESC, p.number DESC
            LIMIT ?""";

    private static final RowMapper<PullRequestItem> ROW = row -> new PullRequestItem(
            row.getObject("repo_id", UUID.class), row.getString("full_name"), row.getString("provider"),
            row.getLong("number"), row.getString("title"), row.getString("state"), row.getInt("is_draft") == 1,
            row.getString("author_login"), row.getString("base_branch"), row.getString("head_branch"),
            row.getString("merge_commit_sha"), Columns.strings(row, "labels"), row.getLong("additions"),
            row.getLong("deletions"), row.getLong("changed_files"), row.getLong("commits_count"),
            row.getLong("comments_count"), row.getObject("created_at", Instant.class),
            row.getObject("updated_at", Instant.class), row.getObject("first_commit_at", Instant.class),
            row.getObject("first_review_at", Instant.class), row.getObject("merged_at", Instant.class),
            row.getObject("closed_at", Instant.class), row.getString("url"));

    private final ClickHouseQueries queries;

    PullRequestRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * At most {@code limit} pull requests opened in the range (UTC days), newest first, after {@code after} (null:
     * from the newest). Filters are {@code ""} for all.
     *
     * @param teamIds the teams' ids joined by {@link TeamRepository#joinIds}, or {@code ""}
     * @param after   the key of the previous page's last item; its id is the request number
     */
    List<PullRequestItem> page(UUID orgId, DayRange range, String repo, String state, String author, String teamIds,
            ListingCursor.Key after, long afterNumber, int limit) {
        return queries.list(PAGE, ROW, orgId, orgId, range.from(), range.to(), repo, repo, repo, state, state, author,
                author, teamIds, orgId, teamIds, orgId, after == null ? 0 : 1, after == null ? 0L : after.millis(),
                after == null ? NO_REPO : after.repoId(), afterNumber, limit);
    }
}
