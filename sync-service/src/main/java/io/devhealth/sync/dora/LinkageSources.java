package io.devhealth.sync.dora;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.clickhouse.ClickHouseLiterals;
import io.devhealth.sync.dora.DeploymentOutcome.IncidentEffect;
import io.devhealth.sync.dora.LinkageInput.Deployment;
import io.devhealth.sync.dora.LinkageInput.PullRequest;
import io.devhealth.sync.provider.ProductionEnvironments;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.Tombstones;

/**
 * ClickHouse reads and statements of {@link DeploymentLinkage} and {@link IncidentLinkage}: one repository's
 * deployments, merged requests and incident links, an organization's deployment facts, incidents and corrections (live rows only: {@code FINAL}, {@code is_deleted = 0}), and the tombstoning of facts an earlier
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

    /** The links naming a deployment of the repository, as cause or as remediation (same repository). */
    private static final String REPO_INCIDENT_LINKS = """
            SELECT deployment_id, remediation_deployment_id, toUnixTimestamp64Milli(recovered_at) AS recovered_ms
            FROM incident_links FINAL
            WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0
            """;

    private static final String ORG_DEPLOYMENTS = """
            SELECT repo_id, provider, deployment_id, environment, is_production, pipeline_id, commit_sha,
                   toUnixTimestamp64Milli(finished_at) AS finished_ms, changes, failure_cause,
                   toUnixTimestamp64Milli(recovered_at) AS recovered_ms, is_rework, sequence_failure_cause,
                   toUnixTimestamp64Milli(sequence_recovered_at) AS sequence_recovered_ms, sequence_rework
            FROM deployment_facts FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0
            """;

    /**
     * The incidents that count (a PagerDuty service outside {@code incidents.rules} does not), with the repositories
     * they belong to (their issue's, or their PagerDuty service's through {@code pagerduty.services}) and the text
     * their references are read from.
     */
    private static final String ORG_INCIDENTS = """
            SELECT provider, incident_id, concat(title, '\n', description) AS text, deployment_id,
                   arrayDistinct(arrayConcat(if(repo_id IS NULL, CAST([] AS Array(UUID)), [assumeNotNull(repo_id)]),
                                             repo_ids)) AS repos,
                   toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(resolved_at) AS resolved_ms
            FROM incidents FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0 AND counts_as_incident = 1
            """;

    private static final String ORG_CORRECTIONS = """
            SELECT provider, incident_id, repo_id, deployment_id
            FROM incident_link_corrections FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0
            """;

    /** Production changes whose commit starts with a referenced SHA or whose request is a referenced one. */
    private static final String REFERENCED_CHANGES = """
            SELECT repo_id, sha, pr_number, deployment_id
            FROM change_facts FINAL
            WHERE org_id = {org:UUID} AND is_deleted = 0 AND is_production = 1
              AND (arrayExists(prefix -> startsWith(sha, prefix), {commits:Array(String)})
                   OR (pr_number IN {requests:Array(UInt64)} AND repo_id IN {repos:Array(UUID)}))
            """;

    private static final String ORG_LATEST_VERSION = """
            SELECT greatest(
                (SELECT max(version) FROM deployment_facts WHERE org_id = {org:UUID}),
                (SELECT max(version) FROM incident_links WHERE org_id = {org:UUID})) AS latest
            """;

    /** Merged requests by each commit they merged and by the commit their merge (or squash) created. */
    private static final String MERGED_REQUESTS = """
            SELECT c.sha AS merged_sha, p.number AS pr, p.opened_ms AS opened_ms, p.review_ms AS review_ms,
                   p.merged_ms AS merged_ms, p.pr_labels AS pr_labels
            FROM (SELECT pr_number, sha FROM pull_request_commits FINAL
                  WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0) AS c
            INNER JOIN (SELECT number, toUnixTimestamp64Milli(created_at) AS opened_ms,
                               toUnixTimestamp64Milli(first_review_at) AS review_ms,
                               toUnixTimestamp64Milli(merged_at) AS merged_ms, labels AS pr_labels
                        FROM pull_requests FINAL
                        WHERE org_id = {org:UUID} AND repo_id = {repo:UUID} AND is_deleted = 0
                          AND merged_at IS NOT NULL) AS p ON p.number = c.pr_number
            UNION ALL
            SELECT merge_commit_sha, number, toUnixTimestamp64Milli(created_at),
                   toUnixTimestamp64Milli(first_review_at), toUnixTimestamp64Milli(merged_at), labels
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
        Map<String, PullRequest> requests = new HashMap<>();
        for (GenericRecord row : query(MERGED_REQUESTS, params)) {
            PullRequest pr = new PullRequest(row.getLong("pr"), row.getLong("opened_ms"),
                    nullableLong(row, "review_ms"), row.getLong("merged_ms"), row.getList("pr_labels"));
            requests.merge(row.getString("merged_sha"), pr, (a, b) -> a.mergedAt() <= b.mergedAt() ? a : b);
        }
        return new LinkageInput(deployments, requests, repoIncidentLinks(params));
    }

    /** What the incidents currently linked in the repository do to its deployments. */
    private List<IncidentEffect> repoIncidentLinks(Map<String, Object> params) throws SyncFailedException {
        List<IncidentEffect> effects = new ArrayList<>();
        for (GenericRecord row : query(REPO_INCIDENT_LINKS, params)) {
            effects.add(new IncidentEffect(row.getString("deployment_id"), row.getString("remediation_deployment_id"),
                    nullableLong(row, "recovered_ms")));
        }
        return effects;
    }

    /** The organization's deployment facts (sequence parts and current outcomes). */
    List<OrgDeployment> orgDeployments(UUID orgId) throws SyncFailedException {
        List<OrgDeployment> deployments = new ArrayList<>();
        for (GenericRecord row : query(ORG_DEPLOYMENTS, Map.of("org", orgId.toString()))) {
            UUID repo = UUID.fromString(row.getString("repo_id"));
            deployments.add(new OrgDeployment(
                    new IncidentLinker.Deployment(repo, row.getString("deployment_id"), row.getString("environment"),
                            flag(row, "is_production"), row.getString("commit_sha"), row.getLong("finished_ms")),
                    row.getString("provider"), row.getString("pipeline_id"), row.getLong("changes"),
                    new DeploymentOutcome(row.getString("sequence_failure_cause"),
                            nullableLong(row, "sequence_recovered_ms"), flag(row, "sequence_rework")),
                    new DeploymentOutcome(row.getString("failure_cause"), nullableLong(row, "recovered_ms"),
                            flag(row, "is_rework"))));
        }
        return deployments;
    }

    /** One row of the organization's deployment facts: what linking incidents reads and rewrites. */
    record OrgDeployment(IncidentLinker.Deployment deployment, String provider, String pipelineId, long changes,
            DeploymentOutcome sequence, DeploymentOutcome current) {
    }

    /** The organization's incidents with the references their text makes. */
    List<IncidentLinker.Incident> orgIncidents(UUID orgId) throws SyncFailedException {
        List<IncidentLinker.Incident> incidents = new ArrayList<>();
        for (GenericRecord row : query(ORG_INCIDENTS, Map.of("org", orgId.toString()))) {
            Set<UUID> repos = new LinkedHashSet<>();
            for (Object repo : row.getList("repos")) {
                repos.add(repo instanceof UUID id ? id : UUID.fromString(repo.toString()));
            }
            incidents.add(new IncidentLinker.Incident(row.getString("provider"), row.getString("incident_id"),
                    Set.copyOf(repos), row.getString("deployment_id"), IncidentReferences.in(row.getString("text")),
                    row.getLong("created_ms"), nullableLong(row, "resolved_ms")));
        }
        return incidents;
    }

    /** The organization's live corrections by {@link IncidentLinker#incidentKey}. */
    Map<String, IncidentLinker.Correction> orgCorrections(UUID orgId) throws SyncFailedException {
        Map<String, IncidentLinker.Correction> corrections = new HashMap<>();
        for (GenericRecord row : query(ORG_CORRECTIONS, Map.of("org", orgId.toString()))) {
            Object repo = row.getObject("repo_id");
            corrections.put(IncidentLinker.incidentKey(row.getString("provider"), row.getString("incident_id")),
                    new IncidentLinker.Correction(repo == null ? null : UUID.fromString(repo.toString()),
                            row.getString("deployment_id")));
        }
        return corrections;
    }

    /** The production changes the incidents reference by commit or by request (none read when none is). */
    List<IncidentLinker.ShippedChange> referencedChanges(UUID orgId, List<IncidentLinker.Incident> incidents)
            throws SyncFailedException {
        Set<String> commits = new LinkedHashSet<>();
        Set<Long> requests = new LinkedHashSet<>();
        Set<UUID> repos = new LinkedHashSet<>();
        for (IncidentLinker.Incident incident : incidents) {
            commits.addAll(incident.references().commits());
            if (!incident.references().pullRequests().isEmpty()) {
                requests.addAll(incident.references().pullRequests());
                repos.addAll(incident.repoIds());
            }
        }
        if (commits.isEmpty() && repos.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Map.of("org", orgId.toString(),
                "commits", ClickHouseLiterals.stringArray(commits), "requests", ClickHouseLiterals.numberArray(requests),
                "repos", ClickHouseLiterals.stringArray(repos.stream().map(UUID::toString).toList()));
        List<IncidentLinker.ShippedChange> changes = new ArrayList<>();
        for (GenericRecord row : query(REFERENCED_CHANGES, params)) {
            changes.add(new IncidentLinker.ShippedChange(UUID.fromString(row.getString("repo_id")),
                    row.getString("sha"), nullableLong(row, "pr_number"), row.getString("deployment_id")));
        }
        return changes;
    }

    /** A version newer than the clock and than every deployment fact and incident link of the organization. */
    long nextOrgVersion(UUID orgId) throws SyncFailedException {
        long latest = 0;
        for (GenericRecord row : query(ORG_LATEST_VERSION, Map.of("org", orgId.toString()))) {
            latest = row.getLong("latest");
        }
        return Math.max(System.currentTimeMillis(), latest + 1);
    }

    /** Tombstones the organization's live incident links older than {@code version}. */
    void tombstoneOlderLinks(UUID orgId, long version) throws SyncFailedException {
        execute(Tombstones.olderThanVersion(DoraTables.INCIDENT_LINKS, "org_id = {org:UUID}"),
                Map.of("org", orgId.toString(), "version", Long.toString(version)));
    }

    private static boolean flag(GenericRecord row, String column) {
        return ((Number) row.getObject(column)).intValue() != 0;
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
            return client.queryAll(sql, params, traced(new QuerySettings()));
        } catch (RuntimeException e) {
            throw new SyncFailedException("reading DORA sources failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql, Map<String, Object> params) throws SyncFailedException {
        try {
            client.execute(sql, params, traced(new CommandSettings())).get(300, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("interrupted while writing DORA facts", e);
        } catch (Exception e) {
            throw new SyncFailedException("writing DORA facts failed: " + e.getMessage(), e);
        }
    }
}
