package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;

/** Reads {@code user_metrics_daily} with each key's person (ClickHouse {@code people}). */
@ApplicationScoped
public class UserMetricsRepository {

    /** %s: the identity-key filter. */
    private static final String DAILY = """
            SELECT u.identity_key AS identity_key, if(p.person_key = '', NULL, p.person_id) AS person_id,
                   p.display_name AS display_name, p.primary_email AS email, u.day AS day, u.commits AS commits,
                   u.additions AS additions, u.deletions AS deletions, u.files_changed AS files_changed,
                   u.repos_touched AS repos_touched, u.prs_opened AS prs_opened, u.prs_merged AS prs_merged,
                   u.reviews_given AS reviews_given, u.work_items_completed AS work_items_completed,
                   u.incidents_resolved AS incidents_resolved
            FROM user_metrics_daily AS u
            LEFT JOIN
            (
                SELECT toString(person_id) AS person_key, person_id, display_name, primary_email
                FROM people WHERE org_id = ?
            ) AS p ON p.person_key = u.identity_key
            WHERE u.org_id = ? AND u.day BETWEEN ? AND ?%s
            ORDER BY u.identity_key, u.day""";

    /*
     * A page of identity keys: those after the cursor's key with activity in the range, in key order. One more key
     * than the page holds is read so the caller learns whether another page follows.
     */
    private static final String DAILY_PAGE = DAILY.formatted("""
             AND u.identity_key IN
            (
                SELECT DISTINCT identity_key FROM user_metrics_daily
                WHERE org_id = ? AND day BETWEEN ? AND ? AND identity_key > ?
                ORDER BY identity_key LIMIT ?
            )""");
    private static final String DAILY_KEYS = DAILY.formatted(" AND has(splitByChar('\\n', ?), u.identity_key)");

    /** The person ids an email names: a person's primary email or a git identity mapped to a person. */
    private static final String PEOPLE_BY_EMAIL = """
            SELECT DISTINCT toString(person_id) AS person_key FROM
            (
                SELECT person_id FROM people WHERE org_id = ? AND lowerUTF8(primary_email) = ?
                UNION ALL
                SELECT person_id FROM person_identities WHERE org_id = ? AND provider = 'git' AND external_id = ?
            )""";

    private static final String PERSON_EXISTS = "SELECT count() AS n FROM people WHERE org_id = ? AND person_id = ?";
    private static final String KEY_HAS_ROWS =
            "SELECT count() AS n FROM user_metrics_daily WHERE org_id = ? AND identity_key = ?";

    private static final RowMapper<UserDayMetrics> ROW = row -> new UserDayMetrics(
            row.getObject("person_id", UUID.class),
            row.getString("identity_key"),
            row.getString("display_name"),
            row.getString("email"),
            row.getObject("day", LocalDate.class),
            row.getLong("commits"),
            row.getLong("additions"),
            row.getLong("deletions"),
            row.getLong("files_changed"),
            row.getLong("repos_touched"),
            row.getLong("prs_opened"),
            row.getLong("prs_merged"),
            row.getLong("reviews_given"),
            row.getLong("work_items_completed"),
            row.getLong("incidents_resolved"));

    private final ClickHouseQueries queries;

    UserMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * The days with activity in the range of the first {@code keys} identity keys (in key order) after
     * {@code afterKey} that have any; {@code afterKey} "" starts at the first key.
     */
    public List<UserDayMetrics> daily(UUID orgId, DayRange range, String afterKey, int keys) {
        return queries.list(DAILY_PAGE, ROW, orgId, orgId, range.from(), range.to(),
                orgId, range.from(), range.to(), afterKey, keys);
    }

    /** The days with activity of these identity keys. */
    public List<UserDayMetrics> daily(UUID orgId, DayRange range, List<String> identityKeys) {
        return queries.list(DAILY_KEYS, ROW, orgId, orgId, range.from(), range.to(), String.join("\n", identityKeys));
    }

    /** Identity keys of the person(s) an email names (lower-cased), plus the email's own unmapped key. */
    public List<String> keysOfEmail(UUID orgId, String lowerEmail) {
        List<String> keys = new ArrayList<>(queries.list(PEOPLE_BY_EMAIL, row -> row.getString("person_key"), orgId,
                lowerEmail, orgId, lowerEmail));
        keys.add("git:" + lowerEmail);
        return keys;
    }

    /** Whether the organization has this person. */
    public boolean personExists(UUID orgId, UUID personId) {
        return queries.list(PERSON_EXISTS, row -> row.getLong("n"), orgId, personId).getFirst() > 0;
    }

    /** Whether any day was ever computed for this identity key. */
    public boolean hasRows(UUID orgId, String identityKey) {
        return queries.list(KEY_HAS_ROWS, row -> row.getLong("n"), orgId, identityKey).getFirst() > 0;
    }
}
