package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.FullRefreshTombstones.UPDATED_IN_WINDOW;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.devhealth.sync.sink.Table;

/**
 * The ClickHouse tables the Jira provider writes (migrations/clickhouse V1 and V7), with the column order
 * {@link JiraRows} encodes. {@code repo_id} stays NULL: an issue belongs to a project, not a repository.
 */
final class JiraTables {

    private JiraTables() {
    }

    static final Table WORK_ITEMS = new Table("work_items", List.of("org_id", "provider", "work_item_id", "provider_id",
            "project_key", "sync_configuration_id", "title", "type", "type_name", "status", "status_category",
            "priority", "assignee", "assignee_id", "assignee_name", "reporter", "reporter_id", "reporter_name", "labels",
            "components", "parent_id", "epic_key", "sprint_id", "sprint_name", "story_points", "created_at",
            "updated_at", "started_at", "completed_at", "resolved_at", "url", "is_deleted", "version"));

    static final Table TRANSITIONS = new Table("work_item_transitions", List.of("org_id", "provider", "work_item_id",
            "sync_configuration_id", "transitioned_at", "from_status", "to_status", "from_category", "to_category",
            "actor", "actor_name", "is_deleted", "version"));

    /** A full refresh's scope: the configuration's rows (its projects or JQL), not the organization's other sites. */
    static final String SCOPE = "org_id = {org:UUID} AND provider = 'jira' AND sync_configuration_id = "
            + "{configuration:UUID}";

    /**
     * What a full refresh re-reads ({@code FullRefreshTombstones}): issues updated in the backfill window, and the
     * transitions of those issues (a vanished issue's transitions go with it). Any version of the row counts, so
     * the issue's own tombstone does not hide its transitions.
     */
    static final Map<Table, String> FULL_REFRESH_WINDOWS = fullRefreshWindows();

    private static Map<Table, String> fullRefreshWindows() {
        Map<Table, String> windows = new LinkedHashMap<>();
        windows.put(WORK_ITEMS, UPDATED_IN_WINDOW);
        windows.put(TRANSITIONS, "work_item_id IN (SELECT work_item_id FROM work_items WHERE " + SCOPE + " AND "
                + UPDATED_IN_WINDOW + ")");
        return Map.copyOf(windows);
    }
}
