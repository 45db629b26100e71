package io.devhealth.analytics.workitem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;
import io.devhealth.analytics.query.Columns;
import io.devhealth.analytics.query.RowMapper;

/**
 * Work items of an organization ({@code work_items}, V1/V4/V7), newest first by keyset (creation time, provider,
 * item id). Live rows only: the read policy's FINAL plus {@code is_deleted = 0}.
 */
@ApplicationScoped
public class WorkItemRepository {

    /*
     * Provider, project, type and status category: '' = all. Assignee: '' = all, else the account, its id or its
     * display name, case-insensitively. After: 0 = from the newest, else strictly after (created_at, provider,
     * work_item_id) in listing order.
     */
    private static final String PAGE = """
            SELECT provider, work_item_id, project_key, repo_id, title, type, type_name, status, status_category,
                   priority, assignee, assignee_name, labels, parent_id, epic_key, sprint_name, story_points,
                   created_at, updated_at, started_at, completed_at, url
            FROM work_items
            WHERE org_id = ? AND is_deleted = 0 AND toDate(created_at) BETWEEN ? AND ?
              AND (? = '' OR provider = ?)
              AND (? = '' OR project_key = ?)
              AND (? = '' OR type = ?)
              AND (? = '' OR status_category = ?)
              AND (? = '' OR lowerUTF8(?) IN (lowerUTF8(assignee), lowerUTF8(assignee_id), lowerUTF8(assignee_name)))
              AND (? = 0 OR (created_at, provider, work_item_id) < (fromUnixTimestamp64Milli(?, 'UTC'), ?, ?))
            ORDER BY created_at DESC, provider DESC, work_item_id DESC
            LIMIT ?""";

    private static final RowMapper<WorkItem> ROW = row -> new WorkItem(row.getString("provider"),
            row.getString("work_item_id"), row.getString("project_key"), row.getObject("repo_id", UUID.class),
            row.getString("title"), row.getString("type"), row.getString("type_name"), row.getString("status"),
            row.getString("status_category"), row.getString("priority"), row.getString("assignee"),
            row.getString("assignee_name"), Columns.strings(row, "labels"), row.getString("parent_id"),
            row.getString("epic_key"), row.getString("sprint_name"), Columns.finite(row, "story_points"),
            row.getObject("created_at", Instant.class), row.getObject("updated_at", Instant.class),
            row.getObject("started_at", Instant.class), row.getObject("completed_at", Instant.class),
            row.getString("url"));

    private final ClickHouseQueries queries;

    WorkItemRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * At most {@code limit} work items created in the range (UTC days), newest first, after {@code after} (null: from
     * the newest). Filters are {@code ""} for all.
     */
    List<WorkItem> page(UUID orgId, DayRange range, Filter filter, ListingCursor.NamedKey after, int limit) {
        return queries.list(PAGE, ROW, orgId, range.from(), range.to(), filter.provider(), filter.provider(),
                filter.project(), filter.project(), filter.type(), filter.type(), filter.statusCategory(),
                filter.statusCategory(), filter.assignee(), filter.assignee(), after == null ? 0 : 1,
                after == null ? 0L : after.millis(), after == null ? "" : after.scope(),
                after == null ? "" : after.id(), limit);
    }

    /** The listing's filters, each {@code ""} for all. */
    record Filter(String provider, String project, String type, String statusCategory, String assignee) {
    }
}
