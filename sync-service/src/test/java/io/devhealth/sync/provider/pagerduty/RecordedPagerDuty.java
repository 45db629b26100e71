package io.devhealth.sync.provider.pagerduty;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.provider.http.ReplayServer.Request;

/**
 * A PagerDuty account served by a {@link ReplayServer} from the recorded incidents
 * ({@code ../shared/fixtures/providers/pagerduty/incidents.items.json}: real items DevLake stored from PagerDuty's
 * {@code GET /incidents}, read at test time; missing recordings fail loudly). Only the items were recorded, so the
 * envelopes are built here as PagerDuty documents them: lists {@code {<items>, limit, offset, more, total}}, a single
 * incident {@code {"incident": …}}, errors {@code {"error": {"message", "code", "errors"}}}.
 *
 * <p>Log entries: the recorded items carry their incident's log entries (DevLake collected them with the incident, in
 * PagerDuty's log entry schema: {@code id}, {@code type}, {@code created_at}, {@code agent}, {@code channel},
 * {@code incident}). They are taken off the incident items (PagerDuty's incident list does not embed them) and served
 * from {@code GET /incidents/{id}/log_entries} and, across incidents, from {@code GET /log_entries}; nothing about them
 * is invented. Tests that need more incidents (the offset cap, the benchmark) copy recorded ones with new ids and
 * times ({@link #copy}), log entries included.
 *
 * <p>PagerDuty's rules are enforced, so a client breaking them fails: {@code offset + limit} above 10,000 and
 * {@code since}/{@code until} spans beyond six months answer 400; {@code since}/{@code until} filter by creation time
 * (inclusive/exclusive) unless {@code date_range=all}; {@code service_ids[]} filters; {@code sort_by=created_at:asc}
 * sorts (ties by id).
 */
final class RecordedPagerDuty {

    static final String ORIGIN = "https://api.pagerduty.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What {@code is_overview=true} keeps: the entries that change an incident's state. */
    private static final Set<String> OVERVIEW = Set.of("trigger_log_entry", "acknowledge_log_entry",
            "resolve_log_entry");

    private final Map<String, ObjectNode> incidents = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> logEntries = new ConcurrentHashMap<>();
    private volatile List<ObjectNode> sorted = List.of();
    private volatile List<ObjectNode> allEntries = List.of();

    /** The recorded incidents (with their embedded log entries), as stored. */
    static List<ObjectNode> recorded() {
        List<ObjectNode> items = new ArrayList<>();
        Recordings.json("pagerduty/incidents.items").forEach(item -> items.add((ObjectNode) item));
        if (items.isEmpty()) {
            throw new IllegalStateException("pagerduty/incidents.items.json holds no incidents");
        }
        return items;
    }

    RecordedPagerDuty() {
        recorded().forEach(this::put);
    }

    /** Adds or replaces an incident; its {@code log_entries} member becomes its served log. */
    synchronized RecordedPagerDuty put(ObjectNode item) {
        ObjectNode incident = item.deepCopy();
        JsonNode entries = incident.remove("log_entries");
        List<ObjectNode> log = new ArrayList<>();
        if (entries != null) {
            entries.forEach(entry -> log.add((ObjectNode) entry));
        }
        incidents.put(incident.get("id").asText(), incident);
        logEntries.put(incident.get("id").asText(), log);
        reindex();
        return this;
    }

    synchronized void remove(String id) {
        incidents.remove(id);
        logEntries.remove(id);
        reindex();
    }

    /** Adds many incidents at once (one re-index). */
    synchronized void putAll(List<ObjectNode> items) {
        for (ObjectNode item : items) {
            ObjectNode incident = item.deepCopy();
            JsonNode entries = incident.remove("log_entries");
            List<ObjectNode> log = new ArrayList<>();
            if (entries != null) {
                entries.forEach(entry -> log.add((ObjectNode) entry));
            }
            incidents.put(incident.get("id").asText(), incident);
            logEntries.put(incident.get("id").asText(), log);
        }
        reindex();
    }

    private void reindex() {
        sorted = incidents.values().stream().sorted(Comparator.comparing((ObjectNode i) -> created(i))
                .thenComparing(i -> i.get("id").asText())).toList();
        allEntries = logEntries.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing((ObjectNode e) -> created(e)).reversed()).toList();
    }

    /** Every incident in the order {@code sort_by=created_at:asc} lists them. */
    List<ObjectNode> byCreation() {
        return sorted;
    }

    ObjectNode incident(String id) {
        return incidents.get(id);
    }

    List<ObjectNode> logEntries(String id) {
        return logEntries.getOrDefault(id, List.of());
    }

    int size() {
        return incidents.size();
    }

    int logEntryCount() {
        return logEntries.values().stream().mapToInt(List::size).sum();
    }

    /**
     * A copy of recorded incident {@code template} (its log entries too) as a new incident {@code id}, number
     * {@code number}, created at {@code created} (every time of it moved by the same amount), of {@code serviceId}.
     */
    static ObjectNode copy(ObjectNode template, String id, long number, Instant created, String serviceId) {
        ObjectNode copy = template.deepCopy();
        Duration shift = Duration.between(created(template), created);
        String oldId = template.get("id").asText();
        copy.put("id", id).put("incident_number", number)
                .put("self", template.get("self").asText().replace(oldId, id))
                .put("html_url", template.get("html_url").asText().replace(oldId, id));
        shiftTimes(copy, shift);
        ((ObjectNode) copy.get("service")).put("id", serviceId);
        JsonNode entries = copy.get("log_entries");
        if (entries != null) {
            int n = 0;
            for (JsonNode entry : entries) {
                ObjectNode e = (ObjectNode) entry;
                e.put("id", id + "L" + n++);
                ((ObjectNode) e.get("incident")).put("id", id);
            }
        }
        return copy;
    }

    /** Moves every {@code created_at}, {@code at} and {@code last_status_change_at} inside {@code node}. */
    private static void shiftTimes(JsonNode node, Duration shift) {
        if (node instanceof ObjectNode object) {
            for (String field : List.of("created_at", "at", "last_status_change_at")) {
                if (object.hasNonNull(field)) {
                    object.put(field, Instant.parse(object.get(field).asText()).plus(shift).toString());
                }
            }
        }
        node.forEach(child -> shiftTimes(child, shift));
    }

    static Instant created(JsonNode item) {
        return OffsetDateTime.parse(item.get("created_at").asText()).toInstant();
    }

    /** Serves the account from {@code server}. */
    RecordedPagerDuty install(ReplayServer server) {
        server.dynamic("/", this::reply);
        return this;
    }

    /** The reply PagerDuty would give to {@code pathAndQuery} (also for routes a test sets in front of it). */
    Reply reply(String pathAndQuery) {
        return reply(new Request("GET", pathAndQuery, Map.of()));
    }

    private Reply reply(Request request) {
        String pathAndQuery = request.pathAndQuery();
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, List<String>> query = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
        if (path.equals("/incidents")) {
            return list(query, "incidents", incidentsFor(query));
        }
        if (path.equals("/log_entries")) {
            return list(query, "log_entries", entriesFor(query));
        }
        String[] parts = path.split("/");
        if (parts.length >= 3 && parts[1].equals("incidents") && incidents.containsKey(parts[2])) {
            if (parts.length == 3) {
                return Reply.json(JSON.createObjectNode().set("incident", incidents.get(parts[2])).toString());
            }
            if (parts.length == 4 && parts[3].equals("log_entries")) {
                return list(query, "log_entries", logEntries(parts[2]));
            }
        }
        return error(404, "Not Found", 2100);
    }

    private List<? extends JsonNode> incidentsFor(Map<String, List<String>> query) {
        List<String> services = query.getOrDefault("service_ids[]", List.of());
        boolean all = "all".equals(first(query, "date_range"));
        Instant since = all || first(query, "since") == null ? null : Instant.parse(first(query, "since"));
        Instant until = all || first(query, "until") == null ? null : Instant.parse(first(query, "until"));
        return sorted.stream().filter(i -> services.isEmpty() || services.contains(i.get("service").get("id").asText()))
                .filter(i -> since == null || !created(i).isBefore(since))
                .filter(i -> until == null || created(i).isBefore(until)).toList();
    }

    private List<? extends JsonNode> entriesFor(Map<String, List<String>> query) {
        Instant since = Instant.parse(first(query, "since"));
        Instant until = Instant.parse(first(query, "until"));
        boolean overview = "true".equals(first(query, "is_overview"));
        return allEntries.stream().filter(e -> !overview || OVERVIEW.contains(e.get("type").asText()))
                .filter(e -> !created(e).isBefore(since) && created(e).isBefore(until)).toList();
    }

    private static Reply list(Map<String, List<String>> query, String envelope, List<? extends JsonNode> items) {
        int offset = Integer.parseInt(query.getOrDefault("offset", List.of("0")).getFirst());
        int limit = Integer.parseInt(query.getOrDefault("limit", List.of("25")).getFirst());
        if (limit > 100 || offset + limit > 10_000) {
            return error(400, "Invalid Input Provided", 2001, "Offset must be less than " + (10_000 - limit + 1) + ".");
        }
        if (first(query, "since") != null && first(query, "until") != null && !"all".equals(first(query, "date_range"))
                && Duration.between(Instant.parse(first(query, "since")), Instant.parse(first(query, "until")))
                        .compareTo(Duration.ofDays(184)) > 0) {
            return error(400, "Invalid Input Provided", 2001, "The maximum range is 6 months.");
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode array = page.putArray(envelope);
        items.stream().skip(offset).limit(limit).forEach(array::add);
        page.put("limit", limit).put("offset", offset).put("more", offset + limit < items.size()).putNull("total");
        return Reply.json(page.toString());
    }

    static Reply error(int status, String message, int code, String... errors) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("code", code);
        ArrayNode list = error.putArray("errors");
        for (String e : errors) {
            list.add(e);
        }
        return Reply.json(status, body.toString());
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }
}
