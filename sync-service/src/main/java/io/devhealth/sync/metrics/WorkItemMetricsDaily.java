package io.devhealth.sync.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;

import io.devhealth.sync.clickhouse.ClickHouseConfig;

/**
 * Work-item facts ({@code work_item_facts}, one row per item) and {@code work_item_metrics_daily} (per provider,
 * project and day of the organization's zone), computed inside ClickHouse after each issue sync (Jira, GitHub,
 * GitLab: any run that wrote work items) and by recomputations.
 *
 * <p>Facts: lead time = completed_at − created_at, cycle time = completed_at − started_at (hours; NULL while not
 * completed / never started), and the item's state intervals (see V11). Daily, per provider and project:
 * <ul>
 * <li>created / bugs_created: items (of type bug) created that day; completed (throughput): items completed that
 *     day;</li>
 * <li>wip: items in a state of category {@code in_progress} at the end of the day (23:59:59.999 in the zone), from
 *     the state intervals, so an item reopened and restarted counts again;</li>
 * <li>lead_time_p50_hours / cycle_time_p50_hours: exact medians (interpolated between the two middle values) over
 *     the items completed that day; NULL when none (or none started);</li>
 * <li>time_in_state_hours: per status, hours the items completed that day spent in it before completing.</li>
 * </ul>
 * WIP of a day depends on every earlier day, so a run recomputes its projects from the creation day of the earliest
 * item it wrote up to today; a range recomputation rewrites the range's days of every project. When some item of the
 * organization has no fact yet (synced before V11), a run rebuilds every fact and every day once.
 */
@ApplicationScoped
public class WorkItemMetricsDaily {

    private static final String HOURS = "(toUnixTimestamp64Milli(%2$s) - toUnixTimestamp64Milli(%1$s)) / 3600000.0";

    /** Items whose facts a run rebuilds: those it wrote ({pv} = the run's version; 0 = every item). */
    private static final String RUN_ITEMS = """
            ({pv:UInt64} = 0 OR (provider, work_item_id) IN (
                SELECT provider, work_item_id FROM work_items WHERE org_id = {org:UUID} AND version = {pv:UInt64}
                UNION ALL
                SELECT provider, work_item_id FROM work_item_transitions
                WHERE org_id = {org:UUID} AND version = {pv:UInt64}))""";

    /** Projects a run recomputes: those of the items it wrote ({pv} = 0: every project). */
    private static final String RUN_PROJECTS = """
            ({pv:UInt64} = 0 OR (provider, project_key) IN (
                SELECT provider, project_key FROM work_items WHERE org_id = {org:UUID} AND version = {pv:UInt64}))""";

    static final String FACTS_SQL = """
            INSERT INTO work_item_facts (org_id, provider, work_item_id, project_key, type, created_at, started_at,
                completed_at, lead_time_hours, cycle_time_hours, state_status, state_category, state_entered_at,
                state_left_at, computed_at, is_deleted, version)
            SELECT {org:UUID}, w.provider, w.work_item_id, w.project_key, w.type, w.created_at, w.started_at,
                w.completed_at, if(w.completed_at IS NULL, NULL, %1$s),
                if(w.completed_at IS NULL OR w.started_at IS NULL, NULL, %2$s),
                if(empty(t.moves),
                    arrayMap((p, i) -> if(i = length(w.synth), w.status, p.1), w.synth, arrayEnumerate(w.synth)),
                    arrayConcat([t.moves[1].2], arrayMap(m -> m.3, t.moves))),
                if(empty(t.moves),
                    arrayMap((p, i) -> if(i = length(w.synth), toString(w.status_category), p.2), w.synth,
                        arrayEnumerate(w.synth)),
                    arrayConcat([t.moves[1].4], arrayMap(m -> m.5, t.moves))),
                if(empty(t.moves), arrayMap(p -> assumeNotNull(p.3), w.synth),
                    arrayConcat([w.created_at], arrayMap(m -> m.1, t.moves))),
                if(empty(t.moves), arrayPushBack(arrayMap(p -> p.3, arrayPopFront(w.synth)), NULL),
                    arrayPushBack(arrayMap(m -> toNullable(m.1), t.moves), NULL)),
                fromUnixTimestamp64Milli({computed:Int64}, 'UTC'), 0, {computed:Int64}
            FROM
            (
                SELECT provider, work_item_id, project_key, type, status, status_category, created_at, started_at,
                    completed_at,
                    arrayFilter(p -> p.3 IS NOT NULL, [('todo', 'todo', toNullable(created_at)),
                        ('in_progress', 'in_progress', started_at), ('done', 'done', completed_at)]) AS synth
                FROM work_items FINAL
                WHERE org_id = {org:UUID} AND is_deleted = 0 AND %3$s
            ) AS w
            LEFT JOIN
            (
                SELECT provider, work_item_id,
                    arraySort(m -> m.1, groupArray((transitioned_at, from_status, to_status, toString(from_category),
                        toString(to_category)))) AS moves
                FROM work_item_transitions FINAL
                WHERE org_id = {org:UUID} AND is_deleted = 0 AND %3$s
                GROUP BY provider, work_item_id
            ) AS t ON t.provider = w.provider AND t.work_item_id = w.work_item_id
            """.formatted(HOURS.formatted("w.created_at", "w.completed_at"),
            HOURS.formatted("w.started_at", "w.completed_at"), RUN_ITEMS);

    /** Facts of items no longer live (tombstoned at the source, moved to another key) become tombstones. */
    static final String FACT_TOMBSTONES_SQL = """
            INSERT INTO work_item_facts (org_id, provider, work_item_id, project_key, type, created_at, started_at,
                completed_at, lead_time_hours, cycle_time_hours, state_status, state_category, state_entered_at,
                state_left_at, computed_at, is_deleted, version)
            SELECT org_id, provider, work_item_id, project_key, type, created_at, started_at, completed_at,
                lead_time_hours, cycle_time_hours, state_status, state_category, state_entered_at, state_left_at,
                fromUnixTimestamp64Milli({computed:Int64}, 'UTC'), 1, {computed:Int64}
            FROM work_item_facts FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0 AND version < {computed:Int64} AND %s
              AND (provider, work_item_id) NOT IN (
                  SELECT provider, work_item_id FROM work_items FINAL WHERE org_id = {org:UUID} AND is_deleted = 0)
            """.formatted(RUN_ITEMS);

    /** The first day to recompute for a run: the earliest creation day of the items it wrote (count 0: none). */
    static final String RUN_FIRST_DAY = """
            SELECT count() AS items, min(toDate(created_at, {tz:String})) AS first_day
            FROM work_items WHERE org_id = {org:UUID} AND version = {pv:UInt64}""";

    /** Whether some live item of the organization, other than the run's, has no fact yet. */
    static final String FACTS_MISSING = """
            SELECT count() FROM work_items FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0 AND version != {pv:UInt64}
              AND (provider, work_item_id) NOT IN (
                  SELECT provider, work_item_id FROM work_item_facts FINAL WHERE org_id = {org:UUID} AND is_deleted = 0)""";

    static final String ORG_FIRST_DAY = """
            SELECT count() AS items, min(toDate(created_at, {tz:String})) AS first_day
            FROM work_item_facts FINAL WHERE org_id = {org:UUID} AND is_deleted = 0""";

    static final String DAILY_SQL = """
            INSERT INTO work_item_metrics_daily (org_id, provider, project_key, day, created, completed, wip,
                bugs_created, lead_time_p50_hours, cycle_time_p50_hours, time_in_state_hours, computed_at, version)
            WITH
                facts AS (SELECT * FROM work_item_facts FINAL
                          WHERE org_id = {org:UUID} AND is_deleted = 0 AND %1$s),
                grid AS (SELECT p.provider AS provider, p.project_key AS project_key, d.day AS day
                         FROM (SELECT DISTINCT provider, project_key FROM facts) AS p
                         CROSS JOIN (SELECT {from:Date} + number AS day
                                     FROM numbers(toUInt64(dateDiff('day', {from:Date}, {to:Date}) + 1))) AS d),
                created AS (SELECT provider, project_key, toDate(created_at, {tz:String}) AS day, count() AS created,
                                countIf(type = 'bug') AS bugs
                            FROM facts WHERE day BETWEEN {from:Date} AND {to:Date}
                            GROUP BY provider, project_key, day),
                completed AS (SELECT provider, project_key, toDate(assumeNotNull(completed_at), {tz:String}) AS day,
                                  count() AS completed,
                                  quantileExactInclusive(0.5)(lead_time_hours) AS lead_p50,
                                  quantileExactInclusive(0.5)(cycle_time_hours) AS cycle_p50,
                                  sumMap(state_status, arrayMap((e, l) -> %2$s, state_entered_at, state_left_at))
                                      AS states
                              FROM facts WHERE completed_at IS NOT NULL AND day BETWEEN {from:Date} AND {to:Date}
                              GROUP BY provider, project_key, day),
                wip AS (SELECT provider, project_key, day,
                            sum(delta) OVER (PARTITION BY provider, project_key ORDER BY day
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS wip
                        FROM (SELECT provider, project_key, day, sum(delta) AS delta
                              FROM (SELECT provider, project_key, toDate(i.2, {tz:String}) AS day, 1 AS delta
                                    FROM facts ARRAY JOIN arrayZip(state_category, state_entered_at, state_left_at) AS i
                                    WHERE i.1 = 'in_progress'
                                    UNION ALL
                                    SELECT provider, project_key, toDate(assumeNotNull(i.3), {tz:String}), -1
                                    FROM facts ARRAY JOIN arrayZip(state_category, state_entered_at, state_left_at) AS i
                                    WHERE i.1 = 'in_progress' AND i.3 IS NOT NULL
                                    UNION ALL
                                    SELECT provider, project_key, day, 0 FROM grid)
                              WHERE day <= {to:Date}
                              GROUP BY provider, project_key, day))
            SELECT {org:UUID}, g.provider, g.project_key, g.day, c.created, d.completed, greatest(w.wip, 0), c.bugs,
                d.lead_p50, d.cycle_p50,
                mapFilter((k, v) -> v > 0, mapFromArrays(tupleElement(d.states, 1), tupleElement(d.states, 2))),
                fromUnixTimestamp64Milli({computed:Int64}, 'UTC'), {computed:Int64}
            FROM grid AS g
            LEFT JOIN created AS c ON c.provider = g.provider AND c.project_key = g.project_key AND c.day = g.day
            LEFT JOIN completed AS d ON d.provider = g.provider AND d.project_key = g.project_key AND d.day = g.day
            LEFT JOIN wip AS w ON w.provider = g.provider AND w.project_key = g.project_key AND w.day = g.day
            WHERE c.created + d.completed + greatest(w.wip, 0) > 0
            """.formatted(RUN_PROJECTS, "greatest(0., " + HOURS.formatted("e", "least(ifNull(l, completed_at), "
            + "assumeNotNull(completed_at))") + ")");

    private final MetricsStatements statements;

    @Inject
    WorkItemMetricsDaily(Client client, ClickHouseConfig config) {
        this.statements = new MetricsStatements(client, config);
    }

    /** Rows written by one computation. */
    record Written(long facts, long days) {
    }

    /**
     * After a run: rebuilds the facts of the items it wrote, then its projects' days from the earliest creation day
     * among those items to today (in {@code zone}).
     */
    Written afterRun(UUID orgId, long version, OrgTimeZone zone) {
        Map<String, Object> params = params(orgId, zone, version);
        GenericRecord first = statements.rows(RUN_FIRST_DAY, params, "work_item_facts").getFirst();
        if (first.getLong("items") == 0) {
            return new Written(0, 0);
        }
        if (statements.count(FACTS_MISSING, params, "work_item_facts") > 0) {
            // Items synced before their facts existed (V11 on existing data): WIP needs every item, so all at once.
            long facts = rebuildAllFacts(orgId, zone);
            return new Written(facts, recomputeAll(orgId, zone));
        }
        long facts = rebuildFacts(params);
        LocalDate today = LocalDate.now(zone.zoneId());
        LocalDate from = first.getLocalDate("first_day");
        return new Written(facts, daily(params, from, from.isAfter(today) ? from : today));
    }

    /** Rebuilds every item's facts of the organization (a recomputation's first step); returns the facts written. */
    long rebuildAllFacts(UUID orgId, OrgTimeZone zone) {
        return rebuildFacts(params(orgId, zone, 0));
    }

    /** Recomputes the days {@code from}..{@code to} of every project from the facts; returns the rows written. */
    long recompute(UUID orgId, LocalDate from, LocalDate to, OrgTimeZone zone) {
        return daily(params(orgId, zone, 0), from, to);
    }

    /** Recomputes every day of every project, from the first item's creation day to today. */
    long recomputeAll(UUID orgId, OrgTimeZone zone) {
        Map<String, Object> params = params(orgId, zone, 0);
        GenericRecord first = statements.rows(ORG_FIRST_DAY, params, "work_item_metrics_daily").getFirst();
        if (first.getLong("items") == 0) {
            statements.deleteStale("work_item_metrics_daily", "provider, project_key", "1 = 1", params);
            return 0;
        }
        LocalDate today = LocalDate.now(zone.zoneId());
        long written = daily(params, first.getLocalDate("first_day"), today);
        // Days outside the recomputed span (before the first item in the new zone) hold nothing any more.
        statements.deleteStale("work_item_metrics_daily", "provider, project_key", "1 = 1", params);
        return written;
    }

    private long rebuildFacts(Map<String, Object> params) {
        statements.execute(FACTS_SQL, params, "work_item_facts");
        statements.execute(FACT_TOMBSTONES_SQL, params, "work_item_facts");
        return statements.written("work_item_facts", params);
    }

    private long daily(Map<String, Object> params, LocalDate from, LocalDate to) {
        Map<String, Object> day = new HashMap<>(params);
        day.put("computed", Long.toString(MetricsStatements.nextComputed()));
        day.put("from", from.toString());
        day.put("to", to.toString());
        if (ChronoUnit.DAYS.between(from, to) < 0) {
            return 0;
        }
        statements.execute(DAILY_SQL, day, "work_item_metrics_daily");
        statements.deleteStale("work_item_metrics_daily", "provider, project_key",
                "day BETWEEN {from:Date} AND {to:Date} AND " + RUN_PROJECTS, day);
        return statements.written("work_item_metrics_daily", day);
    }

    private static Map<String, Object> params(UUID orgId, OrgTimeZone zone, long runVersion) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgId.toString());
        params.put("tz", zone.id());
        params.put("pv", Long.toString(runVersion));
        params.put("computed", Long.toString(MetricsStatements.nextComputed()));
        return params;
    }
}
