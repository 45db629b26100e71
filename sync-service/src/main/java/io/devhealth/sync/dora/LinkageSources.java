package io.devhealth.sync.dora;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;

import io.devhealth.sync.dora.LinkageInput.Deployment;
import io.devhealth.sync.dora.LinkageInput.Incident;
import io.devhealth.sync.dora.LinkageInput.PullRequest;
import io.devhealth.sync.provider.ProductionEnvironments;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.Tombstones;

/**
 * ClickHouse reads and statements of {@link DeploymentLinkage}: one repository's deployments, incidents and merged
 * requests (live rows only: {@code FINAL}, {@code is_deleted = 0}), and the tombstoning of facts an earlier
 * computation wrote that the latest did not.
 */
@ApplicationScoped
class LinkageSources {

    private static final String DEPLOYMENTS = """
            SELECT deployment_id, provider, environment, is_production, pipeline_id, commit_sha, ref,
                   toUnixTimestamp64Milli(finished_at) AS finished_ms
            FROM deployments FINAL
            WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0 AND finished_at IS NOT NULL
              AND (status = 'success' OR deployment_id IN (
                  SELECT deployment_id FROM deployment_statuses FINAL
                  WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0 AND state = 'success'))
            """;

    private static final String INCIDENTS = """
            SELECT incident_id, deployment_id, toUnixTimestamp64Milli(created_at) AS created_ms,
                   toUnixTimestamp64Milli(resolved_at) AS resolved_ms
            FROM incidents FINAL
            WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0
            """;

    /** Merged requests by each commit they merged and by the commit their merge (or squash) created. */
    private static final String MERGED_REQUESTS = """
            SELECT c.sha AS merged_sha, p.number AS pr, p.opened_ms AS opened_ms, p.review_ms AS review_ms,
                   p.merged_ms AS merged_ms
            FROM (SELECT pr_number, sha FROM pull_request_commits FINAL
                  WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0) AS c
            INNER JOIN (SELECT number, toUnixTimestamp64Milli(created_at) AS opened_ms,
                               toUnixTimestamp64Milli(first_review_at) AS review_ms,
                               toUnixTimestamp64Milli(merged_at) AS merged_ms
                        FROM pull_requests FINAL
                        WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0
                          AND merged_at IS NOT NULL) AS p ON p.number = c.pr_number
            UNION ALL
            SELECT merge_commit_sha, number, toUnixTimestamp64Milli(created_at),
                   toUnixTimestamp64Milli(first_review_at), toUnixTimestamp64Milli(merged_at)
            FROM pull_requests FINAL
            WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0 AND merged_at IS NOT NULL
              AND merge_commit_sha != ''
            """;

    private static final String LATEST_VERSION = """
            SELECT greatest(
                (SELECT max(version) FROM deployment_facts WHERE org_id = {org:UUID} AND repo_id = {repo:UUID}),
                (SELECT max(version) FROM change_facts WHERE org_id = {org:UUID} AND repo_id = {repo:UUID})) AS latest
            """;

    private final Client client;

    LinkageSources(Client client) {
        this.client = client;
    }

    /** @param production the organization's production environments (besides the provider's own flag) */
    LinkageInput read(UUID orgId, UUID repoId, ProductionEnvironments production) throws SyncFailedException {
        Map<String, Object> params = params(orgId, repoId);
        List<Deployment> deployments = new ArrayList<>();
        for (GenericRecord row : query(DEPLOYMENTS, params)) {
            String environment = row.getString("environment");
            deployments.add(new Deployment(row.getString("deployment_id"), row.getString("provider"), environment,
                    ((Number) row.getObject("is_production")).intValue() != 0
                            || production.production(environment, ""),
                    row.getString("pipeline_id"), row.getString("commit_sha"), row.getString("ref"),
                    row.getLong("finished_ms")));
        }
        List<Incident> incidents = new ArrayList<>();
        for (GenericRecord row : query(INCIDENTS, params)) {
            incidents.add(new Incident(row.getString("incident_id"), row.getString("deployment_id"),
                    row.getLong("created_ms"), nullableLong(row, "resolved_ms")));
        }
        Map<String, PullRequest> requests = new HashMap<>();
        for (GenericRecord row : query(MERGED_REQUESTS, params)) {
            PullRequest pr = new PullRequest(row.getLong("pr"), row.getLong("opened_ms"),
                    nullableLong(row, "review_ms"), row.getLong("merged_ms"));
            requests.merge(row.getString("merged_sha"), pr, (a, b) -> a.mergedAt() <= b.mergedAt() ? a : b);
        }
        return new LinkageInput(deployments, incidents, requests);
    }

    /** A version newer than the clock and than every fact already written for the repository. */
    long nextVersion(UUID orgId, UUID repoId) throws SyncFailedException {
        long latest = 0;
        for (GenericRecord row : query(LATEST_VERSION, params(orgId, repoId))) {
            latest = row.getLong("latest");
        }
        return Math.max(System.currentTimeMillis(), latest + 1);
    }

    /** Tombstones the repository's live facts older than {@code version} (those the latest computation dropped). */
    void tombstoneOlder(UUID orgId, UUID repoId, long version) throws SyncFailedException {
        Map<String, Object> params = new HashMap<>(params(orgId, repoId));
        params.put("version", Long.toString(version));
        for (Table table : List.of(DoraTables.DEPLOYMENT_FACTS, DoraTables.CHANGE_FACTS)) {
            execute(Tombstones.olderThanVersion(table, "org_id = {org:UUID} AND repo_id = {repo:UUID}"), params);
        }
    }

    private static Map<String, Object> params(UUID orgId, UUID repoId) {
        return Map.of("org", orgId.toString(), "repo", repoId.toString());
    }

    private static Long nullableLong(GenericRecord row, String column) {
        return row.getObject(column) instanceof Number value ? value.longValue() : null;
    }

    private List<GenericRecord> query(String sql, Map<String, Object> params) throws SyncFailedException {
        try {
            return client.queryAll(sql, params);
        } catch (RuntimeException e) {
            throw new SyncFailedException("reading DORA sources failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql, Map<String, Object> params) throws SyncFailedException {
        try {
            client.execute(sql, params, new CommandSettings()).get(300, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("interrupted while writing DORA facts", e);
        } catch (Exception e) {
            throw new SyncFailedException("writing DORA facts failed: " + e.getMessage(), e);
        }
    }
}
