package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;

/** Reads {@code team_metrics_daily} with each team's key and name (ClickHouse {@code teams}). */
@ApplicationScoped
public class TeamMetricsRepository {

    /** %s: the team filter. */
    private static final String DAILY = """
            SELECT m.team_id AS team_id, t.team_key AS team_key, t.name AS name, m.day AS day, m.commits AS commits,
                   m.additions AS additions, m.deletions AS deletions, m.active_members AS active_members,
                   m.prs_opened AS prs_opened, m.prs_merged AS prs_merged, m.reviews_given AS reviews_given,
                   m.work_items_completed AS work_items_completed, m.incidents_resolved AS incidents_resolved
            FROM team_metrics_daily AS m
            JOIN (SELECT team_id, team_key, name FROM teams WHERE org_id = ?) AS t ON t.team_id = m.team_id
            WHERE m.org_id = ? AND m.day BETWEEN ? AND ?%s
            ORDER BY t.team_key, m.team_id, m.day""";

    private static final String DAILY_ALL = DAILY.formatted("");
    private static final String DAILY_ONE = DAILY.formatted(" AND t.team_key = ?");
    private static final String TEAM_EXISTS = "SELECT count() AS n FROM teams WHERE org_id = ? AND team_key = ?";

    private static final RowMapper<TeamDayMetrics> ROW = row -> new TeamDayMetrics(
            row.getString("team_id"),
            row.getString("team_key"),
            row.getString("name"),
            row.getObject("day", LocalDate.class),
            row.getLong("commits"),
            row.getLong("additions"),
            row.getLong("deletions"),
            row.getLong("active_members"),
            row.getLong("prs_opened"),
            row.getLong("prs_merged"),
            row.getLong("reviews_given"),
            row.getLong("work_items_completed"),
            row.getLong("incidents_resolved"));

    private final ClickHouseQueries queries;

    TeamMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** Every live team's days with activity in the range. */
    public List<TeamDayMetrics> daily(UUID orgId, DayRange range) {
        return queries.list(DAILY_ALL, ROW, orgId, orgId, range.from(), range.to());
    }

    /** One team's (by key) days with activity in the range. */
    public List<TeamDayMetrics> daily(UUID orgId, DayRange range, String teamKey) {
        return queries.list(DAILY_ONE, ROW, orgId, orgId, range.from(), range.to(), teamKey);
    }

    /** Whether the organization has a live team with this key. */
    public boolean exists(UUID orgId, String teamKey) {
        return queries.list(TEAM_EXISTS, row -> row.getLong("n"), orgId, teamKey).getFirst() > 0;
    }
}
