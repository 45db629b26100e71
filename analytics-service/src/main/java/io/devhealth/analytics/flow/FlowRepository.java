package io.devhealth.analytics.flow;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;

/**
 * Flow metrics computed at query time from {@code work_items} and {@code work_item_transitions}
 * (migrations/clickhouse/V1__init.sql, V7__jira.sql); tombstoned items and transitions are dropped by the read
 * policy's {@code final = 1}. Percentiles are {@code quantileExactInclusive} (R-7, linear interpolation between the
 * closest ranks), so the median of 1, 2, 3, 4 is 2.5.
 */
@ApplicationScoped
public class FlowRepository {

    /* Filters on work_items: '' = any. Parameters: provider ×2, project ×2, type ×2. */
    static final String ITEM_FILTERS = """
            AND (? = '' OR provider = ?) AND (? = '' OR project_key = ?) AND (? = '' OR type = ?)""";

    /*
     * Items completed in the window: done now, completed_at (the last time they reached done) inside it.
     * Parameters: org, from, to, then ITEM_FILTERS ({@link #completed}). Shared with the investment report.
     */
    public static final String COMPLETED = """
            SELECT provider, work_item_id, type, labels, story_points, created_at, started_at,
                   assumeNotNull(completed_at) AS done_at,
                   greatest(0, dateDiff('millisecond', assumeNotNull(started_at), done_at)) / 3600000.0 AS cycle_hours,
                   greatest(0, dateDiff('millisecond', created_at, done_at)) / 3600000.0 AS lead_hours
            FROM work_items
            WHERE org_id = ? AND status_category = 'done' AND completed_at IS NOT NULL
              AND toDate(completed_at) BETWEEN ? AND ?
            """ + ITEM_FILTERS;

    private static final String TOTALS = """
            SELECT count() AS completed, countIf(started_at IS NOT NULL) AS cycle_items,
                   quantileExactInclusiveIf(0.5)(cycle_hours, started_at IS NOT NULL) AS cycle_p50,
                   quantileExactInclusiveIf(0.85)(cycle_hours, started_at IS NOT NULL) AS cycle_p85,
                   quantileExactInclusiveIf(0.95)(cycle_hours, started_at IS NOT NULL) AS cycle_p95,
                   quantileExactInclusive(0.5)(lead_hours) AS lead_p50,
                   quantileExactInclusive(0.85)(lead_hours) AS lead_p85,
                   quantileExactInclusive(0.95)(lead_hours) AS lead_p95
            FROM (""" + COMPLETED + ")";

    /* Parameters: period ×2, from, then COMPLETED. */
    private static final String BUCKETS = """
            SELECT greatest(multiIf(? = 'month', toStartOfMonth(toDate(done_at)), ? = 'week', toMonday(toDate(done_at)),
                                    toDate(done_at)), toDate(?)) AS bucket,
                   count() AS completed, countIf(started_at IS NOT NULL) AS cycle_items,
                   quantileExactInclusiveIf(0.5)(cycle_hours, started_at IS NOT NULL) AS cycle_p50,
                   quantileExactInclusive(0.5)(lead_hours) AS lead_p50
            FROM (""" + COMPLETED + """
            )
            GROUP BY bucket""";

    /*
     * The intervals each item spent in an in-progress status category: from a transition into it to the next
     * transition (open when none follows before the window ends). Items without any transition (issue trackers that
     * only report start and completion) are in progress from started_at to completed_at; of those only the ones
     * still open at the window's first day are read (an interval closed before it adds +1 and −1 on that day), which
     * also keeps the "has no transitions" test to their transitions. Parameters: org, then ITEM_FILTERS (the items),
     * org, to (transitions), org, from, ITEM_FILTERS (items without transitions), org, org, from.
     */
    private static final String IN_PROGRESS_INTERVALS = """
            SELECT start, finish FROM (
                SELECT transitioned_at AS start, to_category,
                       leadInFrame(toNullable(transitioned_at)) OVER (PARTITION BY provider, work_item_id
                           ORDER BY transitioned_at, to_status
                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS finish
                FROM work_item_transitions
                WHERE (provider, work_item_id) IN (SELECT provider, work_item_id FROM work_items WHERE org_id = ?
                      """ + ITEM_FILTERS + """
            )
                  AND org_id = ? AND toDate(transitioned_at) <= ?)
            WHERE to_category = 'in_progress'
            UNION ALL
            SELECT assumeNotNull(started_at) AS start, completed_at AS finish
            FROM work_items
            WHERE org_id = ? AND started_at IS NOT NULL AND (completed_at IS NULL OR toDate(completed_at) >= ?)
            """ + ITEM_FILTERS + """

              AND (provider, work_item_id) NOT IN (
                  SELECT provider, work_item_id FROM work_item_transitions
                  WHERE org_id = ? AND (provider, work_item_id) IN (
                      SELECT provider, work_item_id FROM work_items
                      WHERE org_id = ? AND started_at IS NOT NULL
                        AND (completed_at IS NULL OR toDate(completed_at) >= ?)))""";

    /*
     * WIP changes per day: +1 when an interval starts, −1 when it ends; changes before the window count on its first
     * day, so WIP at the end of a day is the running sum up to that day. Parameters: from, IN_PROGRESS_INTERVALS, to.
     */
    private static final String WIP_CHANGES = """
            SELECT greatest(toDate(change.1), toDate(?)) AS day, sum(change.2) AS delta
            FROM (""" + IN_PROGRESS_INTERVALS + """
            )
            ARRAY JOIN if(finish IS NULL, [(start, 1)], [(start, 1), (assumeNotNull(finish), -1)]) AS change
            WHERE toDate(change.1) <= ?
            GROUP BY day""";

    /*
     * The stays of completed items in each status: one per transition (until the next one) and the status the item
     * was created in (creation until the first transition). The stay in the status it is in now (done) has no end
     * and is left out. Parameters: COMPLETED, org, COMPLETED, org.
     */
    private static final String STAYS = """
            SELECT provider, work_item_id, status, category, start, assumeNotNull(finish) AS finish, started_at, done_at
            FROM (
                SELECT t.provider AS provider, t.work_item_id AS work_item_id, t.to_status AS status,
                       toString(t.to_category) AS category, t.transitioned_at AS start,
                       leadInFrame(toNullable(t.transitioned_at)) OVER (PARTITION BY t.provider, t.work_item_id
                           ORDER BY t.transitioned_at, t.to_status
                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS finish,
                       c.started_at AS started_at, c.done_at AS done_at
                FROM work_item_transitions AS t
                INNER JOIN (""" + COMPLETED + """
            ) AS c ON c.provider = t.provider AND c.work_item_id = t.work_item_id
                WHERE t.org_id = ?
                UNION ALL
                SELECT t.provider, t.work_item_id, argMin(t.from_status, t.transitioned_at),
                       toString(argMin(t.from_category, t.transitioned_at)), any(c.created_at),
                       toNullable(min(t.transitioned_at)), any(c.started_at), any(c.done_at)
                FROM work_item_transitions AS t
                INNER JOIN (""" + COMPLETED + """
            ) AS c ON c.provider = t.provider AND c.work_item_id = t.work_item_id
                WHERE t.org_id = ?
                GROUP BY t.provider, t.work_item_id)
            WHERE finish IS NOT NULL""";

    /* Hours per item, status category and status: a status visited twice counts once per item, both stays summed. */
    private static final String ITEM_STATUS_HOURS = """
            SELECT provider, work_item_id, category, status,
                   sum(greatest(0, dateDiff('millisecond', start, finish))) / 3600000.0 AS hours
            FROM (""" + STAYS + """
            )
            GROUP BY provider, work_item_id, category, status""";

    private static final String STATUS_TIMES = """
            SELECT category, status, count() AS items, sum(hours) AS total_hours,
                   quantileExactInclusive(0.5)(hours) AS p50_hours
            FROM (""" + ITEM_STATUS_HOURS + """
            )
            GROUP BY category, status
            ORDER BY category, total_hours DESC, status""";

    private static final String CATEGORY_TIMES = """
            SELECT category, count() AS items, sum(hours) AS total_hours, quantileExactInclusive(0.5)(hours) AS p50_hours
            FROM (SELECT provider, work_item_id, category, sum(hours) AS hours
                  FROM (""" + ITEM_STATUS_HOURS + """
            )
                  GROUP BY provider, work_item_id, category)
            GROUP BY category""";

    /* Active and waiting hours per started item, its stays clipped to [started_at, completion]. */
    private static final String EFFICIENCY = """
            SELECT count() AS items, sum(active) AS active_hours, sum(waiting) AS waiting_hours,
                   quantileExactInclusive(0.5)(active / (active + waiting)) AS item_median
            FROM (
                SELECT provider, work_item_id, sumIf(overlap, category = 'in_progress') AS active,
                       sumIf(overlap, category NOT IN ('in_progress', 'done')) AS waiting
                FROM (SELECT provider, work_item_id, category,
                             greatest(0, dateDiff('millisecond', greatest(start, assumeNotNull(started_at)),
                                                  least(finish, done_at))) / 3600000.0 AS overlap
                      FROM (""" + STAYS + """
            )
                      WHERE started_at IS NOT NULL)
                GROUP BY provider, work_item_id
                HAVING active + waiting > 0)""";

    private final ClickHouseQueries queries;

    FlowRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** Counts and per-item percentiles over the items completed in the window; percentiles are NaN without items. */
    record Totals(long completed, long cycleItems, double cycleP50, double cycleP85, double cycleP95, double leadP50,
            double leadP85, double leadP95) {
    }

    /** One period with completions; {@code start} is the period's first day, clipped to the window. */
    record BucketRow(LocalDate start, long completed, long cycleItems, double cycleP50, double leadP50) {
    }

    /** The change of the number of items in progress during one day (the window's first day: up to its end). */
    record WipChange(LocalDate day, long delta) {
    }

    record StatusRow(String category, String status, long items, double totalHours, double p50Hours) {
    }

    record CategoryRow(String category, long items, double totalHours, double p50Hours) {
    }

    /** {@code itemMedian} is NaN without items. */
    record EfficiencyRow(long items, double activeHours, double waitingHours, double itemMedian) {
    }

    Totals totals(UUID orgId, DayRange range, WorkItemFilter filter) {
        return queries.list(TOTALS, row -> new Totals(row.getLong("completed"), row.getLong("cycle_items"),
                row.getDouble("cycle_p50"), row.getDouble("cycle_p85"), row.getDouble("cycle_p95"),
                row.getDouble("lead_p50"), row.getDouble("lead_p85"), row.getDouble("lead_p95")),
                completed(orgId, range, filter)).getFirst();
    }

    List<BucketRow> buckets(UUID orgId, DayRange range, WorkItemFilter filter, Period period) {
        return queries.list(BUCKETS, row -> new BucketRow(row.getObject("bucket", LocalDate.class),
                row.getLong("completed"), row.getLong("cycle_items"), row.getDouble("cycle_p50"),
                row.getDouble("lead_p50")),
                ClickHouseQueries.concat(new Object[] { period.apiName(), period.apiName(), range.from() },
                        completed(orgId, range, filter)));
    }

    List<WipChange> wipChanges(UUID orgId, DayRange range, WorkItemFilter filter) {
        Object[] parameters = ClickHouseQueries.concat(new Object[] { range.from(), orgId }, filters(filter),
                new Object[] { orgId, range.to(), orgId, range.from() }, filters(filter),
                new Object[] { orgId, orgId, range.from(), range.to() });
        return queries.list(WIP_CHANGES, row -> new WipChange(row.getObject("day", LocalDate.class),
                row.getLong("delta")), parameters);
    }

    List<StatusRow> statusTimes(UUID orgId, DayRange range, WorkItemFilter filter) {
        return queries.list(STATUS_TIMES, row -> new StatusRow(row.getString("category"), row.getString("status"),
                row.getLong("items"), row.getDouble("total_hours"), row.getDouble("p50_hours")),
                stays(orgId, range, filter));
    }

    List<CategoryRow> categoryTimes(UUID orgId, DayRange range, WorkItemFilter filter) {
        return queries.list(CATEGORY_TIMES, row -> new CategoryRow(row.getString("category"), row.getLong("items"),
                row.getDouble("total_hours"), row.getDouble("p50_hours")), stays(orgId, range, filter));
    }

    EfficiencyRow efficiency(UUID orgId, DayRange range, WorkItemFilter filter) {
        return queries.list(EFFICIENCY, row -> new EfficiencyRow(row.getLong("items"), row.getDouble("active_hours"),
                row.getDouble("waiting_hours"), row.getDouble("item_median")), stays(orgId, range, filter)).getFirst();
    }

    /** The parameters of {@link #COMPLETED}. */
    public static Object[] completed(UUID orgId, DayRange range, WorkItemFilter filter) {
        return ClickHouseQueries.concat(new Object[] { orgId, range.from(), range.to() }, filters(filter));
    }

    private static Object[] stays(UUID orgId, DayRange range, WorkItemFilter filter) {
        Object[] completed = completed(orgId, range, filter);
        return ClickHouseQueries.concat(completed, new Object[] { orgId }, completed, new Object[] { orgId });
    }

    private static Object[] filters(WorkItemFilter filter) {
        return new Object[] { filter.provider(), filter.provider(), filter.project(), filter.project(), filter.type(),
                filter.type() };
    }
}
