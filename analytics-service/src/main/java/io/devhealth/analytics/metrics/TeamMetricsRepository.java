package io.devhealth.analytics.metrics;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.JsonRows;
import io.smallrye.mutiny.Uni;

/** Reads {@code team_metrics_daily} with each team's key and name (ClickHouse {@code teams}). */
@ApplicationScoped
public class TeamMetricsRepository {

    /** %s: the team filter. The aliases are TeamDayMetrics' members, in its order: ClickHouse writes the JSON. */
    private static final String DAILY = """
            SELECT m.team_id AS teamId, t.team_key AS teamKey, t.name AS name, m.day AS day, m.commits AS commits,
                   m.additions AS additions, m.deletions AS deletions, m.active_members AS activeMembers,
                   m.prs_opened AS prsOpened, m.prs_merged AS prsMerged, m.reviews_given AS reviewsGiven,
                   m.work_items_completed AS workItemsCompleted, m.incidents_resolved AS incidentsResolved
            FROM team_metrics_daily AS m
            JOIN (SELECT team_id, team_key, name FROM teams WHERE org_id = {org:UUID}) AS t ON t.team_id = m.team_id
            WHERE m.org_id = {org:UUID} AND m.day BETWEEN {from:Date} AND {to:Date}%s
            ORDER BY t.team_key, m.team_id, m.day""";

    private static final String DAILY_ALL = DAILY.formatted("");
    private static final String DAILY_ONE = DAILY.formatted(" AND t.team_key = {team:String}");
    private static final String TEAM_EXISTS = "SELECT count() AS n FROM teams WHERE org_id = ? AND team_key = ?";

    private final ClickHouseQueries queries;

    TeamMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** Every live team's days with activity in the range: a JSON array of {@link TeamDayMetrics}. */
    public JsonRows daily(UUID orgId, DayRange range) {
        return queries.jsonArray(DAILY_ALL, Map.of("org", orgId, "from", range.from(), "to", range.to()));
    }

    /** {@link #daily(UUID, DayRange)} without blocking (see {@link ClickHouseQueries#jsonArrayAsync}). */
    public Uni<JsonRows> dailyAsync(UUID orgId, DayRange range) {
        return queries.jsonArrayAsync(DAILY_ALL, Map.of("org", orgId, "from", range.from(), "to", range.to()));
    }

    /** One team's (by key) days with activity in the range, as {@link #daily(UUID, DayRange)}. */
    public JsonRows daily(UUID orgId, DayRange range, String teamKey) {
        return queries.jsonArray(DAILY_ONE, Map.of("org", orgId, "from", range.from(), "to", range.to(), "team", teamKey));
    }

    /** Whether the organization has a live team with this key. */
    public boolean exists(UUID orgId, String teamKey) {
        return queries.list(TEAM_EXISTS, row -> row.getLong("n"), orgId, teamKey).getFirst() > 0;
    }
}
