package io.devhealth.sync.provider.jira;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;

/**
 * A Jira Cloud site made of the recordings in {@code ../shared/fixtures/providers/jira} (DevLake's recorded items of
 * a Jira Cloud site, origin read from manifest.json: only item arrays were recorded, no page envelopes, headers or field metadata), served by a
 * {@link ReplayServer} the way Jira Cloud answers:
 * <ul>
 * <li>{@code /rest/api/3/search/jql}: the recorded issues (six, two projects) filtered by the JQL's
 * {@code updated >= "yyyy/MM/dd HH:mm"} (read in the API user's time zone), ordered by updated then key, in pages of
 * {@code maxResults} wrapped in the enhanced search envelope {@code {issues, nextPageToken, isLast}};</li>
 * <li>one issue's embedded changelog cut to its first {@value #EMBEDDED} histories, its id replaced by 13491 and its
 * {@code /rest/api/3/issue/13491/changelog} the recorded changelog of issue 13491 in {@code startAt} pages with the
 * envelope {@code {self, nextPage, maxResults, startAt, total, isLast, values}};</li>
 * <li>{@code /rest/api/3/status} and {@code /rest/api/3/issuetype}: the recorded arrays;</li>
 * <li>{@code /rest/api/3/myself}: the recorded changelog author's account (its {@code timeZone});</li>
 * <li>{@code /rest/api/3/field}: NO RECORDING EXISTS. Built here with schema-true entries (as Jira Cloud describes its
 * system and Jira Software fields) for the ids the recorded issues carry: the team-managed story point estimate
 * ({@code jsw-story-points}), a company-managed "Story Points" number field, the sprint field (whose recorded values
 * the issues hold) and the epic-link field.</li>
 * </ul>
 * No recorded issue has story points: {@link #withStoryPoints} gives two of them values.
 */
final class RecordedJira {

    /** The recorded paged changelog: its site is the replayed origin, its issue the one whose changelog is paged. */
    private static final java.net.URI CHANGELOG_URL = Recordings.requestUrl("jira/issues/changelog_v3_issue13491.items");
    static final String ORIGIN = CHANGELOG_URL.getScheme() + "://" + CHANGELOG_URL.getAuthority();
    static final String ISSUE_13491 = CHANGELOG_URL.getPath().replaceAll(".*/issue/([^/]+)/changelog$", "$1");
    static final int EMBEDDED = 3;
    static final String STORY_POINT_ESTIMATE = "customfield_10016";
    static final String STORY_POINTS = "customfield_10028";
    static final String SPRINT = "customfield_10020";
    static final String EPIC_LINK = "customfield_10014";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern UPDATED = Pattern.compile("updated >= \"([0-9/: ]+)\"");
    static final Pattern BEFORE = Pattern.compile("updated < \"([0-9/: ]+)\"");
    private static final DateTimeFormatter JQL_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    /** The issues served, in recorded order (tests change or remove them). */
    final List<ObjectNode> issues = new CopyOnWriteArrayList<>();
    /** The JQL of every search request, in order. */
    final List<String> searches = new CopyOnWriteArrayList<>();
    /** The key of every issue served by a search page that asked for changelogs, in order. */
    final List<String> served = new CopyOnWriteArrayList<>();

    RecordedJira() {
        for (JsonNode issue : Recordings.json("jira/issues/board_issues_expand_changelog.items")) {
            issues.add((ObjectNode) issue.deepCopy());
        }
        // The issue whose embedded changelog is truncated: the recorded changelog of issue 13491 becomes its own.
        ObjectNode truncated = truncatedIssue();
        truncated.put("id", ISSUE_13491);
        ObjectNode changelog = (ObjectNode) truncated.get("changelog");
        ArrayNode histories = (ArrayNode) changelog.get("histories");
        while (histories.size() > EMBEDDED) {
            histories.remove(histories.size() - 1);
        }
        changelog.put("maxResults", EMBEDDED).put("total", changelog13491().size());
    }

    /** The issue served with a truncated changelog: the one with the most recorded histories. */
    ObjectNode truncatedIssue() {
        return issues.stream().filter(i -> i.get("id").asText().equals(ISSUE_13491)).findFirst()
                .orElseGet(() -> issues.stream().max(Comparator.comparingInt(i -> i.get("changelog").get("histories")
                        .size())).orElseThrow());
    }

    static List<JsonNode> changelog13491() {
        List<JsonNode> values = new ArrayList<>();
        Recordings.json("jira/issues/changelog_v3_issue13491.items").forEach(values::add);
        return values;
    }

    static List<JsonNode> statuses() {
        List<JsonNode> values = new ArrayList<>();
        Recordings.json("jira/statuses.items").forEach(values::add);
        return values;
    }

    static List<JsonNode> issueTypes() {
        List<JsonNode> values = new ArrayList<>();
        Recordings.json("jira/issuetypes.items").forEach(values::add);
        return values;
    }

    /** Every changelog history the site holds for {@code issue} (the paged changelog for the truncated one). */
    static List<JsonNode> histories(JsonNode issue) {
        if (issue.get("id").asText().equals(ISSUE_13491)) {
            return changelog13491();
        }
        List<JsonNode> histories = new ArrayList<>();
        issue.get("changelog").get("histories").forEach(histories::add);
        return histories;
    }

    /** The status changes in {@code issue}'s histories. */
    static long statusChanges(JsonNode issue) {
        return histories(issue).stream().mapToLong(h -> {
            long n = 0;
            for (JsonNode item : h.get("items")) {
                n += item.get("field").asText().equals("status") ? 1 : 0;
            }
            return n;
        }).sum();
    }

    /** The API user: the recorded author of the first recorded changelog entry of issue 13491. */
    static JsonNode myself() {
        return changelog13491().getFirst().get("author");
    }

    ObjectNode issue(String key) {
        return issues.stream().filter(i -> i.get("key").asText().equals(key)).findFirst().orElseThrow();
    }

    /** Gives the first story a story point estimate and the first bug company-managed story points. */
    RecordedJira withStoryPoints(double estimate, double points) {
        ((ObjectNode) issues.get(0).get("fields")).put(STORY_POINT_ESTIMATE, estimate);
        ((ObjectNode) issues.get(2).get("fields")).put(STORY_POINTS, points);
        return this;
    }

    static Instant updated(JsonNode issue) {
        return Instant.ofEpochMilli(ProviderJson.parseTime(issue.get("fields").get("updated").asText(), "updated"));
    }

    void install(ReplayServer server, int pageSize, int changelogPageSize) {
        server.route("/rest/api/3/field", Reply.json(fields().toString()));
        server.route("/rest/api/3/status", Reply.json(Recordings.json("jira/statuses.items").toString()));
        server.route("/rest/api/3/issuetype", Reply.json(Recordings.json("jira/issuetypes.items").toString()));
        server.route("/rest/api/3/myself", Reply.json(myself().toString()));
        server.dynamic("/rest/api/3/search/jql", request -> search(request, pageSize));
        server.dynamic("/rest/api/3/issue/" + ISSUE_13491 + "/changelog",
                request -> changelog(server, request, changelogPageSize));
    }

    /** The field metadata Jira Cloud would answer for the recorded site (no recording exists; schema-true entries). */
    static ArrayNode fields() {
        ArrayNode fields = JSON.createArrayNode();
        fields.add(system("summary", "Summary", "string"));
        fields.add(system("updated", "Updated", "datetime"));
        fields.add(custom(STORY_POINT_ESTIMATE, "Story point estimate", "number", JiraSite.STORY_POINTS_TYPE));
        fields.add(custom(STORY_POINTS, "Story Points", "number",
                "com.atlassian.jira.plugin.system.customfieldtypes:float"));
        ObjectNode sprint = custom(SPRINT, "Sprint", "array", JiraSite.SPRINT_TYPE);
        ((ObjectNode) sprint.get("schema")).put("items", "json");
        fields.add(sprint);
        fields.add(custom(EPIC_LINK, "Epic Link", "any", JiraSite.EPIC_LINK_TYPE));
        fields.add(custom("customfield_10011", "Epic Name", "string", "com.pyxis.greenhopper.jira:gh-epic-label"));
        return fields;
    }

    private static ObjectNode system(String id, String name, String type) {
        ObjectNode field = JSON.createObjectNode().put("id", id).put("key", id).put("name", name).put("custom", false)
                .put("orderable", true).put("navigable", true).put("searchable", true);
        field.putArray("clauseNames").add(id);
        field.putObject("schema").put("type", type).put("system", id);
        return field;
    }

    private static ObjectNode custom(String id, String name, String type, String customType) {
        String number = id.substring("customfield_".length());
        ObjectNode field = JSON.createObjectNode().put("id", id).put("key", id).put("name", name).put("untranslatedName",
                name).put("custom", true).put("orderable", true).put("navigable", true).put("searchable", true);
        field.putArray("clauseNames").add("cf[" + number + "]").add(name);
        field.putObject("schema").put("type", type).put("custom", customType).put("customId", Long.parseLong(number));
        return field;
    }

    private Reply search(ReplayServer.Request request, int pageSize) {
        Map<String, String> query = query(request.pathAndQuery());
        String jql = query.get("jql");
        searches.add(jql);
        Instant since = jqlTime(UPDATED.matcher(jql), Instant.EPOCH);
        Instant before = jqlTime(BEFORE.matcher(jql), Instant.MAX);
        List<ObjectNode> matching = issues.stream().filter(i -> !updated(i).isBefore(since))
                .filter(i -> updated(i).isBefore(before))
                .sorted(jql.contains("ORDER BY updated DESC")
                        ? Comparator.comparing(RecordedJira::updated).thenComparing(i -> i.get("key").asText()).reversed()
                        : Comparator.comparing(RecordedJira::updated).thenComparing(i -> i.get("key").asText()))
                .toList();
        int max = Math.min(pageSize, Integer.parseInt(query.getOrDefault("maxResults", "50")));
        int offset = query.containsKey("nextPageToken") ? Integer.parseInt(query.get("nextPageToken").substring(4)) : 0;
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("issues");
        matching.subList(offset, Math.min(matching.size(), offset + max)).forEach(list::add);
        if ("changelog".equals(query.get("expand"))) {
            list.forEach(issue -> served.add(issue.get("key").asText()));
        }
        boolean last = offset + max >= matching.size();
        if (!last) {
            page.put("nextPageToken", "page" + (offset + max));
        }
        page.put("isLast", last);
        return Reply.json(page.toString());
    }

    /** The JQL date {@code matcher} finds, read in the API user's zone; {@code otherwise} when there is none. */
    static Instant jqlTime(Matcher matcher, Instant otherwise) {
        return matcher.find() ? LocalDateTime.parse(matcher.group(1), JQL_DATE)
                .atZone(ZoneId.of(myself().get("timeZone").asText())).toInstant() : otherwise;
    }

    private static Reply changelog(ReplayServer server, ReplayServer.Request request, int pageSize) {
        Map<String, String> query = query(request.pathAndQuery());
        List<JsonNode> values = changelog13491();
        int startAt = Integer.parseInt(query.getOrDefault("startAt", "0"));
        int max = Math.min(pageSize, Integer.parseInt(query.getOrDefault("maxResults", "100")));
        int end = Math.min(values.size(), startAt + max);
        String self = server.url() + "/rest/api/3/issue/" + ISSUE_13491 + "/changelog";
        ObjectNode page = JSON.createObjectNode().put("self", self + "?maxResults=" + max + "&startAt=" + startAt);
        if (end < values.size()) {
            page.put("nextPage", self + "?maxResults=" + max + "&startAt=" + end);
        }
        page.put("maxResults", max).put("startAt", startAt).put("total", values.size())
                .put("isLast", end >= values.size());
        ArrayNode array = page.putArray("values");
        values.subList(Math.min(startAt, end), end).forEach(array::add);
        return Reply.json(page.toString());
    }

    static Map<String, String> query(String pathAndQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(pathAndQuery).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
