package io.devhealth.analytics.pullrequest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
     * One row per request merged in the window (from the first day's midnight to the midnight after the last, in
     * the zone), with its stages in hours (NULL: unknown). First review: the earliest of first_review_at (the sync
     * already leaves out the author's own reviews) and the review rows by someone else than the author, among those
     * submitted by the merge. Deployed: the earliest production change fact attributed to the request or shipping
     * its merge or squash commit (necessarily at or after the window's start, as the merge is). A duration that
     * comes out negative (clock skew, a commit dated after the request was opened) counts as 0 hours. Reviews and
     * change facts are read for the window's requests only (MERGED_IN_WINDOW), never for the organization's history.
     * %1$s: the period bucket of the merge time; %2$s: team_ids (the asked teams the author belongs to) and its join;
     * %3$s: the repository filter when one is given.
     */
    private static final String MERGED_IN_WINDOW = """
            SELECT repo_id, number FROM pull_requests
            WHERE org_id = ? AND is_deleted = 0
              AND merged_at >= fromUnixTimestamp64Milli(?) AND merged_at < fromUnixTimestamp64Milli(?)""";

    private static final String FACTS = """
            SELECT p.repo_id AS repo_id, r.full_name AS full_name, %1$s AS period, %2$s,
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
                           FROM pull_request_reviews
                           WHERE org_id = ? AND is_deleted = 0 AND (repo_id, pr_number) IN (MERGED_IN_WINDOW)
                           GROUP BY repo_id, pr_number) AS v ON v.repo_id = q.repo_id AND v.pr_number = q.number
                WHERE q.org_id = ? AND q.is_deleted = 0
                  AND q.merged_at >= fromUnixTimestamp64Milli(?) AND q.merged_at < fromUnixTimestamp64Milli(?)
            ) AS p
            INNER JOIN (SELECT repo_id, full_name FROM repos WHERE org_id = ? AND is_deleted = 0) AS r
                    ON r.repo_id = p.repo_id
            LEFT JOIN (
                SELECT repo_id, number, minOrNull(deployed_at) AS deployed FROM (
                    SELECT repo_id, assumeNotNull(pr_number) AS number, deployed_at FROM change_facts
                    WHERE org_id = ? AND is_production = 1 AND is_deleted = 0
                      AND deployed_at >= fromUnixTimestamp64Milli(?) AND (repo_id, pr_number) IN (MERGED_IN_WINDOW)
                    UNION ALL
                    SELECT c.repo_id, s.number, c.deployed_at FROM change_facts AS c
                    INNER JOIN (SELECT repo_id, number, merge_commit_sha, squash_commit_sha FROM pull_requests
                                WHERE org_id = ? AND is_deleted = 0 AND merged_at >= fromUnixTimestamp64Milli(?)
                                  AND merged_at < fromUnixTimestamp64Milli(?)) AS s
                            ON s.repo_id = c.repo_id AND (c.sha = s.merge_commit_sha OR c.sha = s.squash_commit_sha)
                    WHERE c.org_id = ? AND c.is_production = 1 AND c.is_deleted = 0
                      AND c.deployed_at >= fromUnixTimestamp64Milli(?))
                GROUP BY repo_id, number
            ) AS d ON d.repo_id = p.repo_id AND d.number = p.number%3$s""".replace("MERGED_IN_WINDOW", MERGED_IN_WINDOW);

    /* With teams asked: the asked teams each author belongs to, and only the requests of their members. */
    private static final String TEAM_IDS = "m.team_ids AS team_ids";
    private static final String TEAM_JOIN = """

            LEFT JOIN (""" + TeamRepository.MEMBER_IDENTITIES + """
            ) AS m ON m.provider = p.provider AND m.external_id = lowerUTF8(p.author_login)""";
    private static final String NO_TEAMS = "CAST([] AS Array(String)) AS team_ids";
    private static final String TEAM_FILTER = " AND notEmpty(m.team_ids)";
    private static final String REPOSITORY_FILTER = " AND (r.repo_id = toUUIDOrNull(?) OR r.full_name = ?)";

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

    /*
     * The whole report in one statement: overall, per period and per repository as GROUPING SETS over the facts
     * (grouping(period, repo_id): TOTAL, PERIOD or REPOSITORY), and per asked team (TEAM, a request counted once in
     * each of its author's teams) when teams are asked. name: the repository's full name, or the team id.
     */
    private static final String REPORT = """
            WITH facts AS (%s)
            SELECT grouping(period, repo_id) AS bucket, period, repo_id, any(full_name) AS name, """ + STAGES + """

            FROM facts
            GROUP BY GROUPING SETS ((), (period), (repo_id))""";
    private static final String BY_TEAM = """

            UNION ALL
            SELECT 4 AS bucket, toDate(0) AS period, toUUIDOrZero('') AS repo_id, team_id AS name, """ + STAGES + """

            FROM facts ARRAY JOIN team_ids AS team_id
            GROUP BY team_id""";
    private static final int PERIOD = 1;
    private static final int REPOSITORY = 2;
    private static final int TOTAL = 3;
    private static final int TEAM = 4;

    /** The merged requests of one group and their stages' statistics. */
    record Stats(long merged, Sample coding, Sample pickup, Sample review, Sample deploy) {
    }

    /** One stage: requests with a known duration and the percentiles of those durations (null without any). */
    record Sample(long samples, Double p50, Double p75, Double p90) {
    }

    record Keyed<K>(K key, String name, Stats stats) {
    }

    /**
     * A report's groups: periods, repositories and teams that merged something (in no particular order); the
     * overall stats have {@code merged} 0 when nothing was merged.
     */
    record Report(Stats overall, List<Keyed<LocalDate>> periods, List<Keyed<UUID>> repos, List<Keyed<String>> teams) {
    }

    /**
     * What is measured.
     *
     * @param repo    repository id or full name, or {@code ""} for all
     * @param teamIds team ids joined by {@link TeamRepository#joinIds}, or {@code ""} for every author
     * @param zone    the zone merge days and periods are taken in
     */
    record Scope(UUID orgId, DayRange range, Period period, ZoneId zone, String repo, String teamIds) {

        /** The window's first midnight in the zone, epoch milliseconds. */
        long start() {
            return range.startMillis(zone);
        }

        /** The midnight after the window's last day (excluded), epoch milliseconds. */
        long end() {
            return range.endMillis(zone);
        }
    }

    private final ClickHouseQueries queries;

    CycleTimeRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** The report's statistics in one statement (see {@link #REPORT}). */
    Report report(Scope scope) {
        boolean teams = !scope.teamIds().isEmpty();
        boolean repo = !scope.repo().isEmpty();
        String filters = (repo ? REPOSITORY_FILTER : "") + (teams ? TEAM_FILTER : "");
        String facts = FACTS.formatted(scope.period().bucket("p.merged"), teams ? TEAM_IDS : NO_TEAMS,
                (teams ? TEAM_JOIN : "") + (filters.isEmpty() ? "" : "\nWHERE 1" + filters));
        String sql = REPORT.formatted(facts) + (teams ? BY_TEAM : "");

        UUID org = scope.orgId();
        long start = scope.start();
        long end = scope.end();
        List<Object> parameters = new ArrayList<>(List.of(scope.zone().getId(),
                org, org, start, end, // reviews of the window's requests
                org, start, end, // the window's requests
                org, // repositories
                org, start, org, start, end, // change facts attributed to the window's requests
                org, start, end, org, start)); // change facts shipping their merge or squash commits
        if (teams) {
            parameters.addAll(List.of(org, scope.teamIds(), org));
        }
        if (repo) {
            parameters.addAll(List.of(scope.repo(), scope.repo()));
        }

        Stats overall = new Stats(0, null, null, null, null);
        List<Keyed<LocalDate>> periods = new ArrayList<>();
        List<Keyed<UUID>> repos = new ArrayList<>();
        List<Keyed<String>> byTeam = new ArrayList<>();
        List<Group> groups = queries.list(sql, row -> new Group(row.getInt("bucket"),
                row.getObject("period", LocalDate.class), row.getObject("repo_id", UUID.class), row.getString("name"),
                stats(row)), parameters.toArray());
        for (Group group : groups) {
            switch (group.bucket()) {
                case TOTAL -> overall = group.stats();
                case PERIOD -> periods.add(new Keyed<>(group.period(), null, group.stats()));
                case REPOSITORY -> repos.add(new Keyed<>(group.repoId(), group.name(), group.stats()));
                case TEAM -> byTeam.add(new Keyed<>(group.name(), null, group.stats()));
                default -> throw new IllegalStateException("unexpected grouping " + group.bucket());
            }
        }
        return new Report(overall, periods, repos, byTeam);
    }

    /** One row of {@link #REPORT}. */
    private record Group(int bucket, LocalDate period, UUID repoId, String name, Stats stats) {
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
