package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.RowMapper;

/** Reads {@code work_item_metrics_daily}. */
@ApplicationScoped
public class WorkItemMetricsRepository {

    /** '' for the provider or project filter means any. */
    private static final String DAILY = """
            SELECT provider, project_key, day, created, completed, wip, bugs_created, lead_time_p50_hours,
                   cycle_time_p50_hours, toJSONString(time_in_state_hours) AS time_in_state
            FROM work_item_metrics_daily
            WHERE org_id = ? AND day BETWEEN ? AND ? AND (? = '' OR provider = ?) AND (? = '' OR project_key = ?)
            ORDER BY provider, project_key, day""";

    private static final String PROJECT_EXISTS = """
            SELECT count() AS n FROM work_items
            WHERE org_id = ? AND (? = '' OR provider = ?) AND project_key = ?""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> HOURS = new TypeReference<>() {
    };

    private static final RowMapper<WorkItemDayMetrics> ROW = row -> new WorkItemDayMetrics(
            row.getString("provider"),
            row.getString("project_key"),
            row.getObject("day", LocalDate.class),
            row.getLong("created"),
            row.getLong("completed"),
            row.getLong("wip"),
            row.getLong("bugs_created"),
            row.getObject("lead_time_p50_hours", Double.class),
            row.getObject("cycle_time_p50_hours", Double.class),
            hours(row.getString("time_in_state")));

    private final ClickHouseQueries queries;

    WorkItemMetricsRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * The days with activity of every project (or of {@code provider} / {@code project} when not empty).
     */
    public List<WorkItemDayMetrics> daily(UUID orgId, DayRange range, String provider, String project) {
        return queries.list(DAILY, ROW, orgId, range.from(), range.to(), provider, provider, project, project);
    }

    /** Whether the organization has a live work item in this project (of this provider when not empty). */
    public boolean projectExists(UUID orgId, String provider, String project) {
        return queries.list(PROJECT_EXISTS, row -> row.getLong("n"), orgId, provider, provider, project).getFirst() > 0;
    }

    private static Map<String, Double> hours(String json) {
        try {
            return json == null || json.isEmpty() ? Map.of() : JSON.readValue(json, HOURS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable time_in_state_hours from ClickHouse", e);
        }
    }
}
