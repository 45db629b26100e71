package io.devhealth.sync.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;

/**
 * Source rows written straight into ClickHouse as the providers write them (commits, work items and their
 * transitions, DORA facts), and the daily tables read back as "key|day → values" maps for exact comparisons.
 */
public final class MetricsData {

    private final Client clickhouse;
    private final UUID orgId;

    public MetricsData(Client clickhouse, UUID orgId) {
        this.clickhouse = clickhouse;
        this.orgId = orgId;
    }

    /** A non-merge commit with one file of {@code lines} added lines. */
    public void commit(UUID repo, String sha, String email, Instant authoredAt, int lines, long version) {
        Map<String, Object> params = params(version);
        params.putAll(Map.of("repo", repo.toString(), "sha", sha, "email", email, "at", authoredAt.toString(), "lines",
                Integer.toString(lines)));
        execute("""
                INSERT INTO commits (org_id, repo_id, sha, parents, is_merge, author_name, author_email, authored_at,
                    author_tz_offset_minutes, committer_name, committer_email, committed_at,
                    committer_tz_offset_minutes, subject, additions, deletions, files_changed, version)
                SELECT {org:UUID}, {repo:UUID}, {sha:String}, [], 0, 'n', {email:String},
                    parseDateTime64BestEffort({at:String}, 3, 'UTC'), 0, 'n', {email:String},
                    parseDateTime64BestEffort({at:String}, 3, 'UTC'), 0, 's', {lines:UInt32}, 0, 1, {version:UInt64}""",
                params);
        execute("""
                INSERT INTO commit_stats (org_id, repo_id, sha, path, change_type, additions, deletions, is_binary,
                    authored_at, version)
                SELECT {org:UUID}, {repo:UUID}, {sha:String}, concat('f-', {sha:String}), 'A', {lines:UInt32}, 0, 0,
                    parseDateTime64BestEffort({at:String}, 3, 'UTC'), {version:UInt64}""", params);
    }

    /** A work item; {@code started}/{@code completed} may be null. */
    public void workItem(String provider, String id, String project, String type, String status, String category,
            Instant created, Instant started, Instant completed, long version) {
        Map<String, Object> params = params(version);
        params.putAll(Map.of("provider", provider, "id", id, "project", project, "type", type, "status", status,
                "category", category, "created", created.toString(), "started", text(started), "completed",
                text(completed)));
        execute("""
                INSERT INTO work_items (org_id, provider, work_item_id, project_key, title, type, status,
                    status_category, priority, assignee, reporter, labels, parent_id, created_at, updated_at,
                    started_at, completed_at, url, version)
                SELECT {org:UUID}, {provider:String}, {id:String}, {project:String}, 't', {type:String},
                    {status:String}, {category:String}, '', '', '', [], '',
                    parseDateTime64BestEffort({created:String}, 3, 'UTC'), now64(3),
                    parseDateTime64BestEffortOrNull({started:String}, 3, 'UTC'),
                    parseDateTime64BestEffortOrNull({completed:String}, 3, 'UTC'), '', {version:UInt64}""", params);
    }

    /** A status transition of a work item. */
    public void transition(String provider, String id, Instant at, String from, String fromCategory, String to,
            String toCategory, long version) {
        Map<String, Object> params = params(version);
        params.putAll(Map.of("provider", provider, "id", id, "at", at.toString(), "from", from, "fromCategory",
                fromCategory, "to", to, "toCategory", toCategory));
        execute("""
                INSERT INTO work_item_transitions (org_id, provider, work_item_id, transitioned_at, from_status,
                    to_status, from_category, to_category, actor, version)
                SELECT {org:UUID}, {provider:String}, {id:String}, parseDateTime64BestEffort({at:String}, 3, 'UTC'),
                    {from:String}, {to:String}, {fromCategory:String}, {toCategory:String}, '', {version:UInt64}""",
                params);
    }

    /** A successful production deployment fact ({@code failureCause} '' when it did not fail). */
    public void deployment(UUID repo, String id, String pipeline, Instant finished, String failureCause,
            Instant recovered, long version) {
        Map<String, Object> params = params(version);
        params.putAll(Map.of("repo", repo.toString(), "id", id, "pipeline", pipeline, "finished", finished.toString(),
                "cause", failureCause, "recovered", text(recovered)));
        execute("""
                INSERT INTO deployment_facts (org_id, repo_id, provider, deployment_id, environment, is_production,
                    pipeline_id, commit_sha, finished_at, changes, failure_cause, recovered_at, is_rework, version)
                SELECT {org:UUID}, {repo:UUID}, 'github', {id:String}, 'production', 1, {pipeline:String}, 'sha',
                    parseDateTime64BestEffort({finished:String}, 3, 'UTC'), 1, {cause:String},
                    parseDateTime64BestEffortOrNull({recovered:String}, 3, 'UTC'), 0, {version:UInt64}""", params);
    }

    /** A change (commit) shipped by a deployment. */
    public void change(UUID repo, String sha, Instant authored, String deployment, Instant deployed, long version) {
        Map<String, Object> params = params(version);
        params.putAll(Map.of("repo", repo.toString(), "sha", sha, "authored", authored.toString(), "deployment",
                deployment, "deployed", deployed.toString()));
        execute("""
                INSERT INTO change_facts (org_id, repo_id, environment, is_production, sha, authored_at, committed_at,
                    deployment_id, deployed_at, link_method, version)
                SELECT {org:UUID}, {repo:UUID}, 'production', 1, {sha:String},
                    parseDateTime64BestEffort({authored:String}, 3, 'UTC'),
                    parseDateTime64BestEffort({authored:String}, 3, 'UTC'), {deployment:String},
                    parseDateTime64BestEffort({deployed:String}, 3, 'UTC'), 'ancestry', {version:UInt64}""", params);
    }

    /**
     * {@code table}'s live rows of the organization as "key|day → columns" (values joined by ',' in the given order).
     */
    public Map<String, String> daily(String table, String key, String... columns) {
        String values = java.util.Arrays.stream(columns).map(column -> "ifNull(toString(" + column + "), 'null')")
                .collect(java.util.stream.Collectors.joining(", "));
        Map<String, String> rows = new TreeMap<>();
        for (GenericRecord row : clickhouse.queryAll("SELECT toString(" + key + ") AS k, toString(day) AS d, "
                + "concatWithSeparator(',', " + values + ") AS v FROM " + table
                + " FINAL WHERE org_id = {org:UUID}", Map.of("org", orgId.toString()))) {
            rows.put(row.getString("k") + "|" + row.getString("d"), row.getString("v"));
        }
        return rows;
    }

    /** Every column of {@code table}'s live rows except the computation's version and time, for idempotency checks. */
    public java.util.List<String> rowsWithoutVersion(String table) {
        return clickhouse.queryAll("SELECT toString(tuple(* EXCEPT (version, computed_at))) AS r FROM " + table
                + " FINAL WHERE org_id = {org:UUID} ORDER BY r", Map.of("org", orgId.toString())).stream()
                .map(row -> row.getString("r")).toList();
    }

    /** Rows of {@code table} of the organization before replacement (FINAL not applied). */
    public long rawRows(String table) {
        return clickhouse.queryAll("SELECT count() AS c FROM " + table + " WHERE org_id = {org:UUID}",
                Map.of("org", orgId.toString())).getFirst().getLong("c");
    }

    public static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    private Map<String, Object> params(long version) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgId.toString());
        params.put("version", Long.toString(version));
        return params;
    }

    private static String text(Instant at) {
        return at == null ? "" : at.toString();
    }

    public void execute(String sql, Map<String, Object> params) {
        try {
            clickhouse.execute(sql, params, new CommandSettings()).get(60, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
