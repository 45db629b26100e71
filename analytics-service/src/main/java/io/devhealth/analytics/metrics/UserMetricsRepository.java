package io.devhealth.analytics.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.JsonRows;

/** Reads {@code user_metrics_daily} with each key's person (ClickHouse {@code people}). */
@ApplicationScoped
public class UserMetricsRepository {

    /**
     * The days of a list of identity keys ({@code keys}: the keys joined by line breaks). The aliases are
     * UserDayMetrics' members, in its order: ClickHouse writes the JSON.
     */
    private static final String DAILY = """
            SELECT if(p.person_key = '', NULL, p.person_id) AS personId, u.identity_key AS identityKey,
                   p.display_name AS displayName, p.primary_email AS email, u.day AS day, u.commits AS commits,
                   u.additions AS additions, u.deletions AS deletions, u.files_changed AS filesChanged,
                   u.repos_touched AS reposTouched, u.prs_opened AS prsOpened, u.prs_merged AS prsMerged,
                   u.reviews_given AS reviewsGiven, u.work_items_completed AS workItemsCompleted,
                   u.incidents_resolved AS incidentsResolved
            FROM user_metrics_daily AS u
            LEFT JOIN
            (
                SELECT toString(person_id) AS person_key, person_id, display_name, primary_email
                FROM people WHERE org_id = {org:UUID}
            ) AS p ON p.person_key = u.identity_key
            WHERE u.org_id = {org:UUID} AND u.day BETWEEN {from:Date} AND {to:Date}
              AND has(splitByChar('\\n', {keys:String}), u.identity_key)
            ORDER BY u.identity_key, u.day""";

    /** The identity keys after the cursor's key with activity in the range, in key order. */
    private static final String KEYS_PAGE = """
            SELECT DISTINCT identity_key FROM user_metrics_daily
            WHERE org_id = ? AND day BETWEEN ? AND ? AND identity_key > ?
            ORDER BY identity_key LIMIT ?""";

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

    private final ClickHouseQueries queries;

    UserMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * The first {@code limit} identity keys (in key order) after {@code afterKey} with activity in the range;
     * {@code afterKey} "" starts at the first key.
     */
    public List<String> keysWithActivity(UUID orgId, DayRange range, String afterKey, int limit) {
        return queries.list(KEYS_PAGE, row -> row.getString("identity_key"), orgId, range.from(), range.to(), afterKey,
                limit);
    }

    /**
     * The days with activity of these identity keys, sorted by key then day: a JSON array of
     * {@link UserDayMetrics}.
     */
    public JsonRows daily(UUID orgId, DayRange range, List<String> identityKeys) {
        if (identityKeys.isEmpty()) {
            return JsonRows.EMPTY;
        }
        return queries.jsonArray(DAILY, Map.of("org", orgId, "from", range.from(), "to", range.to(),
                "keys", String.join("\n", identityKeys)));
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
