package io.devhealth.analytics.pullrequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.Columns;
import io.devhealth.analytics.team.TeamRepository;
import io.devhealth.analytics.time.Period;

/**
 * Cycle-time stages of merged pull requests, one fact per request, aggregated into exact percentiles
 * ({@code quantileExactInclusive}: linear interpolation between closest ranks, R-7, as {@code DoraRepository}) —
 * never averages or medians of daily medians. Sources: {@code pull_requests} (V1/V4/V6), {@code pull_request_reviews},
 * {@code change_facts} (V3, written by sync-service's DORA linkage: one row per commit and environment, the first
 * successful deployment that shipped it, {@code pr_number} the request that merged it).
 */
@ApplicationScoped
public class CycleTimeRepository {

    /*
     * One row per request merged in the window (merge day in the zone), with its stages in hours (NULL: unknown).
     * First review: the earliest of first_review_at (the sync already leaves out the author's own reviews) and the
     * review rows by someone else than the author, among those submitted by the merge. Deployed: the earliest
     * production change fact attributed to the request or shipping its merge or squash commit. A duration that comes
     * out negative (clock skew, a commit dated after the request was opened) counts as 0 hours.
     * %1$s: the period bucket of the merge time.
     */
    private static final String FACTS = """
            SELECT p.repo_id AS repo_id, r.full_name AS full_name, %1$s AS period, m.team_ids AS team_ids,
                   if(p.first_commit_at IS NULL, NULL,
                      greatest(0, dateDiff('millisecond', assumeNotNull(p.first_commit_at), p.created_at)) / 3600000.0)
                       AS coding,
                   if(p.first_review IS NULL, NULL,
                      greatest(0, dateDiff('millisecond', p.created_at, assumeNotNull(p.first_review))) / 3600000.0)
                       AS pickup,
                   if(p.first_review IS NULL, NULL,
                      greatest(0, dateDiff('millisecond', assumeNotNull(p.first_review), p.merged)) / 3600000.0)
                       AS review,
                   if(d.deployed IS NULL, NULL,
                      greatest(0, dateDiff('millisecond', p.merged, assumeNotNull(d.deployed))) / 3600000.0) AS deploy
            FROM (
                SELECT q.repo_id AS repo_id, q.number AS number, q.provider AS provider, q.author_login AS author_login,
                       q.created_at AS created_at, q.first_commit_at AS first_commit_at,
                       assumeNotNull(q.merged_at) AS merged,
                       arrayFilter(t -> t <= merged,
                           arrayConcat(if(q.first_review_at IS NULL, CAST([] AS Array(DateTime64(3, 'UTC'))),
                                          [assumeNotNull(q.first_review_at)]),
                                       arrayMap(v -> v.2, arrayFilter(v -> v.1 != lowerUTF8(q.author_login),
                                                                      v.reviews)))) AS reviewed,
                       if(empty(reviewed), NULL, arrayMin(reviewed)) AS first_review
                FROM pull_requests AS q
                LEFT JOIN (SELECT repo_id, pr_number, groupArray((lowerUTF8(reviewer_login), submitted_at)) AS reviews
                           FROM pull_request_reviews WHERE org_id = ? AND is_deleted = 0
                           GROUP BY repo_id, pr_number) AS v ON v.repo_id = q.repo_id AND v.pr_number = q.number
                WHERE q.org_id = ? AND q.is_deleted = 0 AND q.merged_at IS NOT NULL
                  AND toDate(q.merged_at, ?) BETWEEN ? AND ?
            ) AS p
            INNER JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ? AND is_deleted = 0) AS r
                    ON r.repo_id = p.repo_id
            LEFT JOIN (
                SELECT repo_id, number, minOrNull(deployed_at) AS deployed FROM (
                    SELECT repo_id, assumeNotNull(pr_number) AS number, deployed_at FROM change_facts
                    WHERE org_id = ? AND is_production = 1 AND is_deleted = 0 AND pr_number IS NOT NULL
                      AND toDate(deployed_at) >= ?
                    UNION ALL
                    SELECT c.repo_id, s.number, c.deployed_at FROM change_facts AS c
                    INNER JOIN (SELECT repo_id, number, merge_commit_sha, squash_commit_sha FROM pull_requests
                                WHERE org_id = ? AND is_deleted = 0 AND merged_at IS NOT NULL) AS s
                            ON s.repo_id = c.repo_id AND (c.sha = s.merge_commit_sha OR c.sha = s.squash_commit_sha)
                    WHERE c.org_id = ? AND c.is_production = 1 AND c.is_deleted = 0 AND toDate(c.deployed_at) >= ?)
                GROUP BY repo_id, number
            ) AS d ON d.repo_id = p.repo_id AND d.number = p.number
            LEFT JOIN (""" + TeamRepository.MEMBER_IDENTITIES + """
            ) AS m ON m.provider = p.provider AND m.external_id = lowerUTF8(p.author_login)
            WHERE (? = '' OR r.repo_id = toUUIDOrNull(?) OR r.full_name = ?)
              AND (? = '' OR notEmpty(m.team_ids))""";

    private static final String STAGES = """
            count() AS merged,
            count(coding) AS coding_n, quantileExactInclusive(0.5)(coding) AS coding_p50,
            quantileExactInclusive(0.75)(coding) AS coding_p75, quantileExactInclusive(0.9)(coding) AS coding_p90,
            count(pickup) AS pickup_n, quantileExactInclusive(0.5)(pickup) AS pickup_p50,
            quantileExactInclusive(0.75)(pickup) AS pickup_p75, quantileExactInclusive(0.9)(pickup) AS pickup_p90,
            count(review) AS review_n, quantileExactInclusive(0.5)(review) AS review_p50,
            quantileExactInclusive(0.75)(review) AS review_p75, quantileExactInclusive(0.9)(review) AS review_p90,
            count(deploy) AS deploy_n, quantileExactInclusive(0.5)(deploy) AS deploy_p50,
            quantileExactInclusive(0.75)(deploy) AS deploy_p75, quantileExactInclusive(0.9)(deploy) AS deploy_p90""";

    private static final String OVERALL = "SELECT " + STAGES + " FROM (%s)";
    private static final String BY_PERIOD = "SELECT period, " + STAGES + " FROM (%s) GROUP BY period ORDER BY period";
    private static final String BY_REPO = "SELECT repo_id, any(full_name) AS full_name, " + STAGES
            + " FROM (%s) GROUP BY repo_id ORDER BY full_name, repo_id";
    private static final String BY_TEAM = "SELECT team_id, " + STAGES
            + " FROM (%s) ARRAY JOIN team_ids AS team_id GROUP BY team_id ORDER BY team_id";

    /** The merged requests of one group and their stages' statistics. */
    record Stats(long merged, Sample coding, Sample pickup, Sample review, Sample deploy) {
    }

    /** One stage: requests with a known duration and the percentiles of those durations (null without any). */
    record Sample(long samples, Double p50, Double p75, Double p90) {
    }

    record Keyed<K>(K key, String name, Stats stats) {
    }

    /**
     * What is measured.
     *
     * @param repo    repository id or full name, or {@code ""} for all
     * @param teamIds team ids joined by {@link TeamRepository#joinIds}, or {@code ""} for every author
     * @param zone    the zone merge days and periods are taken in
     */
    record Scope(UUID orgId, DayRange range, Period period, ZoneId zone, String repo, String teamIds) {

        Object[] parameters() {
            String zoneName = zone.getId();
            return new Object[] { zoneName, orgId, orgId, zoneName, range.from(), range.to(), orgId, orgId,
                    range.from(), orgId, orgId, range.from(), orgId, teamIds, orgId, repo, repo, repo, teamIds };
        }

        String facts() {
            return FACTS.formatted(period.bucket("p.merged"));
        }
    }

    private final ClickHouseQueries queries;

    CycleTimeRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    Stats overall(Scope scope) {
        return queries.list(OVERALL.formatted(scope.facts()), CycleTimeRepository::stats, scope.parameters())
                .getFirst();
    }

    List<Keyed<LocalDate>> byPeriod(Scope scope) {
        return queries.list(BY_PERIOD.formatted(scope.facts()),
                row -> new Keyed<>(row.getObject("period", LocalDate.class), null, stats(row)), scope.parameters());
    }

    List<Keyed<UUID>> byRepo(Scope scope) {
        return queries.list(BY_REPO.formatted(scope.facts()),
                row -> new Keyed<>(row.getObject("repo_id", UUID.class), row.getString("full_name"), stats(row)),
                scope.parameters());
    }

    /** Per team id of {@code scope.teamIds()}; a team without merged requests has no row. */
    List<Keyed<String>> byTeam(Scope scope) {
        return queries.list(BY_TEAM.formatted(scope.facts()),
                row -> new Keyed<>(row.getString("team_id"), null, stats(row)), scope.parameters());
    }

    private static Stats stats(ResultSet row) throws SQLException {
        return new Stats(row.getLong("merged"), sample(row, "coding"), sample(row, "pickup"), sample(row, "review"),
                sample(row, "deploy"));
    }

    private static Sample sample(ResultSet row, String stage) throws SQLException {
        return new Sample(row.getLong(stage + "_n"), Columns.finite(row, stage + "_p50"),
                Columns.finite(row, stage + "_p75"), Columns.finite(row, stage + "_p90"));
    }
}
