package io.devhealth.analytics.metrics;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.JsonRows;
import io.smallrye.mutiny.Uni;

/** Reads {@code work_item_metrics_daily}. */
@ApplicationScoped
public class WorkItemMetricsRepository {

    /**
     * '' for the provider or project filter means any. The aliases are WorkItemDayMetrics' members, in its order:
     * ClickHouse writes the JSON (the time-in-state map as an object, a null or NaN median as null).
     */
    private static final String DAILY = """
            SELECT provider, project_key AS projectKey, day, created, completed, wip, bugs_created AS bugsCreated,
                   lead_time_p50_hours AS leadTimeP50Hours, cycle_time_p50_hours AS cycleTimeP50Hours,
                   time_in_state_hours AS timeInStateHours
            FROM work_item_metrics_daily
            WHERE org_id = {org:UUID} AND day BETWEEN {from:Date} AND {to:Date}
              AND ({provider:String} = '' OR provider = {provider:String})
              AND ({project:String} = '' OR project_key = {project:String})
            ORDER BY provider, project_key, day""";

    private static final String PROJECT_EXISTS = """
            SELECT count() AS n FROM work_items
            WHERE org_id = ? AND (? = '' OR provider = ?) AND project_key = ?""";

    private final ClickHouseQueries queries;

    WorkItemMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * The days with activity of every project (or of {@code provider} / {@code project} when not empty), sorted by
     * provider, project, day: a JSON array of {@link WorkItemDayMetrics}.
     */
    public JsonRows daily(UUID orgId, DayRange range, String provider, String project) {
        return queries.jsonArray(DAILY, dailyParameters(orgId, range, provider, project));
    }

    /** {@link #daily} without blocking (see {@link ClickHouseQueries#jsonArrayAsync}). */
    public Uni<JsonRows> dailyAsync(UUID orgId, DayRange range, String provider, String project) {
        return queries.jsonArrayAsync(DAILY, dailyParameters(orgId, range, provider, project));
    }

    private static Map<String, Object> dailyParameters(UUID orgId, DayRange range, String provider, String project) {
        return Map.of("org", orgId, "from", range.from(), "to", range.to(), "provider", provider, "project", project);
    }

    /** Whether the organization has a live work item in this project (of this provider when not empty). */
    public boolean projectExists(UUID orgId, String provider, String project) {
        return queries.list(PROJECT_EXISTS, row -> row.getLong("n"), orgId, provider, provider, project).getFirst() > 0;
    }
}
