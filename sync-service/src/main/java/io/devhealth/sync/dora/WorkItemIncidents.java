package io.devhealth.sync.dora;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;

import io.devhealth.sync.clickhouse.ClickHouseLiterals;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.Tombstones;
import io.devhealth.sync.sink.WriteFence;

/**
 * Incidents from issues, so that an organization without PagerDuty still gets change failures and recovery times:
 * GitHub and GitLab issues with one of the organization's incident labels, Jira issues of one of its incident types
 * (the type's untranslated name)
 * or with one of its Jira incident labels (setting {@code incidents.rules}; case-insensitive), become
 * {@code incidents} rows of the same provider and id (triggered when created, resolved when completed, in the
 * issue's repository). Derived inside ClickHouse from {@code work_items}, whole per organization and provider after
 * each sync of that provider: a label removed, a rule changed or an issue deleted tombstones the incident.
 */
@ApplicationScoped
public class WorkItemIncidents {

    static final String RULES_SETTING = "incidents.rules";
    private static final List<String> DEFAULT_ISSUE_LABELS = List.of("incident");
    private static final List<String> DEFAULT_JIRA_TYPES = List.of("incident");

    private static final Table INCIDENTS = new Table("incidents", List.of("org_id", "provider", "incident_id", "title",
            "status", "urgency", "service", "repo_id", "deployment_id", "created_at", "acknowledged_at", "resolved_at",
            "url", "is_deleted", "version"));

    private static final String DERIVE = """
            INSERT INTO incidents (org_id, provider, incident_id, title, status, urgency, service, repo_id,
                                   deployment_id, created_at, acknowledged_at, resolved_at, url, is_deleted, version)
            SELECT org_id, provider, work_item_id, title, if(completed_at IS NULL, 'triggered', 'resolved'), priority,
                   project_key, repo_id, '', created_at, started_at, completed_at, url, 0, {version:UInt64}
            FROM work_items FINAL
            WHERE org_id = {org:UUID} AND provider = {provider:String} AND is_deleted = 0
              AND (hasAny(arrayMap(label -> lower(label), labels), {labels:Array(String)})
                   OR (provider = 'jira' AND lower(type_name) IN {types:Array(String)}))
            """;

    private final Client client;

    WorkItemIncidents(Client client) {
        this.client = client;
    }

    /** Whether {@code provider}'s work items can be incidents. */
    static boolean derivesFrom(String provider) {
        return provider.equals("github") || provider.equals("gitlab") || provider.equals("jira");
    }

    /**
     * Re-derives the organization's incidents from {@code provider}'s work items.
     *
     * @throws SyncFailedException ClickHouse failed
     */
    public void derive(UUID orgId, String provider, Map<String, Object> orgSettings, WriteFence fence)
            throws SyncFailedException {
        Map<?, ?> rules = orgSettings.get(RULES_SETTING) instanceof Map<?, ?> map ? map : Map.of();
        List<String> labels = lower(rules.get(provider.equals("jira") ? "jiraLabels" : "issueLabels"),
                provider.equals("jira") ? List.of() : DEFAULT_ISSUE_LABELS);
        List<String> types = provider.equals("jira") ? lower(rules.get("jiraIssueTypes"), DEFAULT_JIRA_TYPES)
                : List.of();
        long version = System.currentTimeMillis();
        Map<String, Object> params = Map.of("org", orgId.toString(), "provider", provider,
                "version", Long.toString(version), "labels", ClickHouseLiterals.stringArray(labels),
                "types", ClickHouseLiterals.stringArray(types));
        fence.check();
        execute(DERIVE, params);
        fence.check();
        execute(Tombstones.olderThanVersion(INCIDENTS, "org_id = {org:UUID} AND provider = {provider:String}"),
                params);
    }

    private static List<String> lower(Object value, List<String> fallback) {
        if (!(value instanceof List<?> list)) {
            return fallback;
        }
        List<String> lowered = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String text && !text.isBlank()) {
                lowered.add(text.strip().toLowerCase(Locale.ROOT));
            }
        }
        return lowered;
    }

    private void execute(String sql, Map<String, Object> params) throws SyncFailedException {
        try {
            client.execute(sql, params, traced(new CommandSettings())).get(300, TimeUnit.SECONDS).close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("interrupted while deriving incidents from issues", e);
        } catch (Exception e) {
            throw new SyncFailedException("deriving incidents from issues failed: " + e.getMessage(), e);
        }
    }
}
