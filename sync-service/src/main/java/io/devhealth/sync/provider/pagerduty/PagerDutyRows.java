package io.devhealth.sync.provider.pagerduty;

import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;
import static io.devhealth.sync.provider.http.ProviderJson.text;
import static io.devhealth.sync.provider.http.ProviderJson.time;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.RowBinaryBuffer;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.TableBatcher;

/**
 * Encodes PagerDuty incidents and their log entries as rows of {@link PagerDutyTables} (RowBinary, in each table's
 * column order) into the run's {@link SinkSession}. Keys are deterministic (org, provider, incident id, log entry id),
 * so a re-read incident replaces its rows. What the log entries say wins over the incident's own summary fields:
 * <ul>
 * <li>triggered by: the agent of the earliest {@code trigger_log_entry};</li>
 * <li>acknowledged at/by: the earliest {@code acknowledge_log_entry} (an incident acknowledged, re-triggered by an
 * escalation and acknowledged again keeps its first acknowledgement), else the earliest of the incident's
 * {@code acknowledgements};</li>
 * <li>resolved at/by (only while the status is {@code resolved}): the latest {@code resolve_log_entry}, else the
 * incident's {@code resolved_at} or {@code last_status_change_at}/{@code last_status_change_by}.</li>
 * </ul>
 * One per run, used by one thread; {@link #close()} hands the last batches over.
 */
final class PagerDutyRows implements AutoCloseable {

    /** Incident text kept for finding deployment, commit and pull request references. */
    static final int MAX_DESCRIPTION = 4096;
    private static final String PROVIDER = PagerDutyApi.PROVIDER;

    private final UUID orgId;
    private final UUID syncConfigurationId;
    private final long version;
    private final RunProgress progress;
    private final ServiceSettings services;
    private final TableBatcher incidents;
    private final TableBatcher logEntries;

    PagerDutyRows(SinkSession session, UUID orgId, UUID syncConfigurationId, RunProgress progress,
            ServiceSettings services) {
        this.orgId = orgId;
        this.syncConfigurationId = syncConfigurationId;
        this.version = session.version();
        this.progress = progress;
        this.services = services;
        this.incidents = session.batcher(PagerDutyTables.INCIDENTS);
        this.logEntries = session.batcher(PagerDutyTables.LOG_ENTRIES);
    }

    /** An incident with its log entries. */
    void incident(PagerDutyStreams.Incident incident) {
        JsonNode item = incident.item();
        String id = ProviderJson.text(ProviderJson.requiredObject(item), "id");
        if (id.isEmpty()) {
            throw ProviderJson.malformed("id", "is missing");
        }
        Agent triggered = null;
        Agent acknowledged = null;
        Agent resolved = null;
        for (LogEntryJson.LogEntry entry : incident.logEntries()) {
            Agent agent = logEntry(id, entry);
            switch (entry.type()) {
                case "trigger_log_entry" -> triggered = Agent.earlier(triggered, agent);
                case "acknowledge_log_entry" -> acknowledged = Agent.earlier(acknowledged, agent);
                case "resolve_log_entry" -> resolved = Agent.later(resolved, agent);
                default -> {
                }
            }
        }
        if (acknowledged == null) {
            for (JsonNode acknowledgement : iterable(item.get("acknowledgements"))) {
                acknowledged = Agent.earlier(acknowledged, Agent.of(acknowledgement.get("acknowledger"),
                        time(acknowledgement, "at")));
            }
        }
        String status = text(item, "status");
        if (!status.equals("resolved")) {
            resolved = null;
        } else if (resolved == null) {
            Long at = time(item, "resolved_at");
            resolved = Agent.of(item.get("last_status_change_by"), at != null ? at : time(item, "last_status_change_at"));
        }
        write(id, item, status, triggered, acknowledged, resolved);
    }

    private void write(String id, JsonNode item, String status, Agent triggered, Agent acknowledged, Agent resolved) {
        String serviceId = text(item, "service", "id");
        ServiceSettings.Mapping mapping = services.mapping(serviceId);
        RowBinaryBuffer row = incidents.row()
                .uuid(orgId).string(PROVIDER).string(id).uint64(Math.max(0, ProviderJson.number(item, "incident_number")))
                .string(text(item, "title")).string(description(item)).string(status).string(text(item, "urgency"))
                .string(text(item, "service", "summary")).string(serviceId)
                .string(text(item, "escalation_policy", "id")).string(text(item, "escalation_policy", "summary"))
                .nullableUuid(mapping.firstRepo());
        row.varint(mapping.repoIds().size());
        mapping.repoIds().forEach(row::uuid);
        row.stringArray(mapping.teamKeys()).uint8(services.counts(serviceId) ? 1 : 0)
                .dateTime64Millis(requiredTime(item, "created_at"))
                .nullableDateTime64Millis(acknowledged == null ? null : acknowledged.at())
                .nullableDateTime64Millis(resolved == null ? null : resolved.at())
                .nullableDateTime64Millis(time(item, "last_status_change_at"));
        Agent.write(row, triggered);
        Agent.write(row, acknowledged);
        Agent.write(row, resolved);
        row.nullableUuid(syncConfigurationId).string(text(item, "html_url")).uint8(0).uint64(version);
        incidents.endRow(id.getBytes(StandardCharsets.UTF_8), new byte[0]);
        progress.written(PagerDutyTables.INCIDENTS.name(), 1);
    }

    /** Writes one log entry; answers its agent and time. */
    private Agent logEntry(String incidentId, LogEntryJson.LogEntry entry) {
        Agent agent = new Agent(entry.agentId(), entry.agentType(), entry.agentName(), entry.createdAt());
        logEntries.row().uuid(orgId).string(PROVIDER).string(incidentId).string(entry.id()).string(entry.type())
                .dateTime64Millis(entry.createdAt()).string(agent.id()).string(agent.type()).string(agent.name())
                .string(entry.channelType()).string(entry.summary()).uint8(0).uint64(version);
        logEntries.endRow(incidentId.getBytes(StandardCharsets.UTF_8), entry.id().getBytes(StandardCharsets.UTF_8));
        progress.written(PagerDutyTables.LOG_ENTRIES.name(), 1);
        return agent;
    }

    /** The incident's text: its {@code description}, else its body's details, at most {@value #MAX_DESCRIPTION}. */
    static String description(JsonNode item) {
        String text = text(item, "description");
        if (text.isEmpty()) {
            JsonNode details = item.path("body").path("details");
            text = details.isTextual() ? details.asText() : details.isContainerNode() ? details.toString() : "";
        }
        if (text.length() <= MAX_DESCRIPTION) {
            return text;
        }
        int end = MAX_DESCRIPTION;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end);
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array != null && array.isArray() ? array : java.util.List.of();
    }

    @Override
    public void close() {
        incidents.close();
        logEntries.close();
    }

    /**
     * Who or what caused an event, and when.
     *
     * @param type {@code user_reference} (a PagerDuty user), {@code service_reference},
     *             {@code integration_reference}, … ; {@code ""} when unknown
     */
    record Agent(String id, String type, String name, Long at) {

        static Agent of(JsonNode reference, Long at) {
            return new Agent(text(reference, "id"), text(reference, "type"), text(reference, "summary"), at);
        }

        static Agent earlier(Agent a, Agent b) {
            return a == null || a.at() == null || (b.at() != null && b.at() < a.at()) ? b : a;
        }

        static Agent later(Agent a, Agent b) {
            return a == null || a.at() == null || (b.at() != null && b.at() > a.at()) ? b : a;
        }

        static void write(RowBinaryBuffer row, Agent agent) {
            row.string(agent == null ? "" : agent.id()).string(agent == null ? "" : agent.type())
                    .string(agent == null ? "" : agent.name());
        }
    }
}
