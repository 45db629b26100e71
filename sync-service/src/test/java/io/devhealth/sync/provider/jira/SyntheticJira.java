package io.devhealth.sync.provider.jira;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.provider.http.JsonTemplate;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;

/**
 * A large Jira Cloud project for benchmarks, made of the recorded shapes ({@link RecordedJira}): {@code issues} issues
 * {@code BENCH-1…}, each the recorded bug EE-23 as a search with the sync's {@code fields} list returns it (only those
 * fields) with its recorded embedded changelog, under its own id, key, summary and times (updated one second apart, so
 * the search order is the key order). Every {@value #TRUNCATED_EVERY}th issue's embedded changelog is truncated to
 * {@value RecordedJira#EMBEDDED} histories, its whole changelog (the recorded one of issue 13491) served by
 * {@code /rest/api/3/issue/{id}/changelog}. Pages are rendered per request, never held.
 */
final class SyntheticJira {

    static final int TRUNCATED_EVERY = 20;
    static final String PROJECT = "BENCH";
    private static final Instant FIRST_UPDATE = Instant.parse("2025-01-01T00:00:00Z");
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.ofHours(8));
    private static final long FIRST_ID = 100_000;

    private final int issues;
    private final JsonNode recorded;
    private final JsonTemplate full;
    private final JsonTemplate truncated;
    private final String changelog;

    SyntheticJira(int issues) {
        this.issues = issues;
        this.recorded = Recordings.json("jira/issues/board_issues_expand_changelog.items").get(2);
        ObjectNode shaped = shape(recorded, searchFields());
        Map<String, String> slots = Map.of("id", "/id", "key", "/key", "self", "/self", "summary", "/fields/summary",
                "created", "/fields/created", "updated", "/fields/updated");
        this.full = new JsonTemplate(shaped, slots);
        ObjectNode cut = shaped.deepCopy();
        ArrayNode histories = (ArrayNode) cut.get("changelog").get("histories");
        while (histories.size() > RecordedJira.EMBEDDED) {
            histories.remove(histories.size() - 1);
        }
        ((ObjectNode) cut.get("changelog")).put("maxResults", RecordedJira.EMBEDDED)
                .put("total", RecordedJira.changelog13491().size());
        this.truncated = new JsonTemplate(cut, slots);
        ObjectNode page = shaped.objectNode();
        page.put("maxResults", 100).put("startAt", 0).put("total", RecordedJira.changelog13491().size())
                .put("isLast", true);
        ArrayNode values = page.putArray("values");
        RecordedJira.changelog13491().forEach(values::add);
        this.changelog = page.toString();
    }

    /** The fields the sync asks for on the site {@link RecordedJira#fields()} describes. */
    static List<String> searchFields() {
        return new JiraSite(List.of(RecordedJira.STORY_POINT_ESTIMATE, RecordedJira.STORY_POINTS), RecordedJira.SPRINT,
                RecordedJira.EPIC_LINK, Map.of(), Map.of(), null).searchFields();
    }

    int issues() {
        return issues;
    }

    static long id(int n) {
        return FIRST_ID + n;
    }

    static boolean truncated(int n) {
        return n % TRUNCATED_EVERY == 0;
    }

    /** Rows a full sync writes: every issue, every status change of its (complete) changelog. */
    long rows() {
        long full = RecordedJira.statusChanges(recorded);
        long paged = RecordedJira.changelog13491().stream().mapToLong(h -> {
            long n = 0;
            for (JsonNode item : h.get("items")) {
                n += item.get("field").asText().equals("status") ? 1 : 0;
            }
            return n;
        }).sum();
        long truncatedIssues = issues / TRUNCATED_EVERY;
        return issues + (issues - truncatedIssues) * full + truncatedIssues * paged;
    }

    SyntheticJira install(ReplayServer server) {
        server.route("/rest/api/3/field", Reply.json(RecordedJira.fields().toString()));
        server.route("/rest/api/3/status", Reply.json(Recordings.json("jira/statuses.items").toString()));
        server.route("/rest/api/3/issuetype", Reply.json(Recordings.json("jira/issuetypes.items").toString()));
        server.route("/rest/api/3/myself", Reply.json(RecordedJira.myself().toString()));
        server.dynamic("/rest/api/3/search/jql", request -> search(server, request));
        server.dynamic("/rest/api/3/issue/", request -> Reply.json(changelog));
        return this;
    }

    private Reply search(ReplayServer server, ReplayServer.Request request) {
        Map<String, String> query = RecordedJira.query(request.pathAndQuery());
        int max = Math.min(100, Integer.parseInt(query.getOrDefault("maxResults", "50")));
        // Issue n is updated FIRST_UPDATE + n seconds: the JQL window is a range of n.
        String jql = query.getOrDefault("jql", "");
        Instant since = RecordedJira.jqlTime(RecordedJira.UPDATED.matcher(jql), FIRST_UPDATE);
        Instant before = RecordedJira.jqlTime(RecordedJira.BEFORE.matcher(jql), FIRST_UPDATE.plusSeconds(issues + 1L));
        int low = (int) Math.max(0, Math.min(issues, Duration.between(FIRST_UPDATE, since).toSeconds() - 1));
        int high = (int) Math.max(0, Math.min(issues, Duration.between(FIRST_UPDATE, before).toSeconds() - 1));
        int offset = query.containsKey("nextPageToken") ? Integer.parseInt(query.get("nextPageToken").substring(4))
                : low;
        int end = Math.min(high, offset + max);
        if (jql.contains("ORDER BY updated DESC")) { // the sync's probe for the latest update
            offset = Math.max(low, high - 1);
            end = high;
        }
        StringBuilder page = new StringBuilder(end > offset ? (end - offset) * 32_000 : 64).append("{\"issues\":[");
        Map<String, String> values = new HashMap<>();
        for (int n = offset + 1; n <= end; n++) {
            if (n > offset + 1) {
                page.append(',');
            }
            String id = Long.toString(id(n));
            values.put("id", JsonTemplate.string(id));
            values.put("key", JsonTemplate.string(PROJECT + "-" + n));
            values.put("self", JsonTemplate.string(server.url() + "/rest/api/3/issue/" + id));
            values.put("summary", JsonTemplate.string("Synthetic issue " + n));
            values.put("created", JsonTemplate.string(JIRA_TIME.format(FIRST_UPDATE.minusSeconds(86_400L + n))));
            values.put("updated", JsonTemplate.string(JIRA_TIME.format(FIRST_UPDATE.plusSeconds(n))));
            (truncated(n) ? truncated : full).render(page, values);
        }
        page.append(']');
        if (end < high) {
            page.append(",\"nextPageToken\":\"page").append(end).append('"');
        }
        page.append(",\"isLast\":").append(end >= high).append('}');
        return Reply.json(page.toString());
    }

    /** The recorded issue as the search returns it: the requested fields only, and its changelog. */
    private static ObjectNode shape(JsonNode recorded, List<String> fields) {
        ObjectNode issue = recorded.deepCopy();
        ObjectNode kept = issue.objectNode();
        for (String field : fields) {
            kept.set(field, recorded.get("fields").has(field) ? recorded.get("fields").get(field).deepCopy()
                    : issue.nullNode());
        }
        issue.set("fields", kept);
        issue.remove("expand");
        return issue;
    }

    /** Every URL a full sync requests, on {@code origin}. */
    List<String> urls(String origin, String jql) {
        List<String> urls = new ArrayList<>(List.of(origin + "/rest/api/3/field", origin + "/rest/api/3/status",
                origin + "/rest/api/3/issuetype", origin + "/rest/api/3/myself"));
        String search = origin + "/rest/api/3/search/jql?jql=" + encode(jql) + "&maxResults=100&fields="
                + encode(String.join(",", searchFields())) + "&expand=changelog";
        for (int offset = 0; offset < issues; offset += 100) {
            urls.add(offset == 0 ? search : search + "&nextPageToken=page" + offset);
        }
        for (int n = TRUNCATED_EVERY; n <= issues; n += TRUNCATED_EVERY) {
            urls.add(origin + "/rest/api/3/issue/" + id(n) + "/changelog?startAt=0&maxResults=100");
        }
        return urls;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
