package io.devhealth.sync.provider.pagerduty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.devhealth.sync.provider.http.FullRefreshTombstones;
import io.devhealth.sync.sink.Table;

/**
 * The ClickHouse tables the PagerDuty provider writes (migrations/clickhouse V1, V8), with the column order
 * {@link PagerDutyRows} encodes. {@code incidents.deployment_id} is not written here: the incident ↔ deployment
 * linkage owns it.
 */
final class PagerDutyTables {

    private PagerDutyTables() {
    }

    static final Table INCIDENTS = new Table("incidents", List.of("org_id", "provider", "incident_id",
            "incident_number", "title", "description", "status", "urgency", "service", "service_id",
            "escalation_policy_id", "escalation_policy", "repo_id", "repo_ids", "team_keys", "counts_as_incident",
            "created_at", "acknowledged_at", "resolved_at", "updated_at", "triggered_by_id", "triggered_by_type",
            "triggered_by_name", "acknowledged_by_id", "acknowledged_by_type", "acknowledged_by_name",
            "resolved_by_id", "resolved_by_type", "resolved_by_name", "sync_configuration_id", "url", "is_deleted",
            "version"));

    static final Table LOG_ENTRIES = new Table("incident_log_entries", List.of("org_id", "provider", "incident_id",
            "log_entry_id", "type", "created_at", "agent_id", "agent_type", "agent_name", "channel_type", "summary",
            "is_deleted", "version"));

    /**
     * The scope of a full refresh ({@link FullRefreshTombstones#finishFullRefresh(String, Map, long,
     * java.time.Instant, Map, Map)}): the organization's PagerDuty rows; the windows narrow it to the configuration.
     */
    static final String SCOPE = "org_id = {org:UUID} AND provider = {provider:String}";

    /** A configuration's incidents created in the refresh's window (the incidents list is read by creation time). */
    private static final String OWN_CREATED_IN_WINDOW = "sync_configuration_id = {config:UUID} AND "
            + FullRefreshTombstones.CREATED_IN_WINDOW;

    /**
     * What a full refresh re-reads of each table ({@link FullRefreshTombstones}, provider scope): the configuration's
     * incidents created in the window, and the log entries of those incidents (any version of the incident's row
     * counts: an incident tombstoned first still selects its entries).
     */
    static final Map<Table, String> FULL_REFRESH_WINDOWS = fullRefreshWindows();

    private static Map<Table, String> fullRefreshWindows() {
        Map<Table, String> windows = new LinkedHashMap<>();
        windows.put(INCIDENTS, OWN_CREATED_IN_WINDOW);
        windows.put(LOG_ENTRIES, "incident_id IN (SELECT incident_id FROM incidents WHERE org_id = {org:UUID} AND "
                + "provider = {provider:String} AND " + OWN_CREATED_IN_WINDOW + ")");
        return Map.copyOf(windows);
    }
}
