package io.devhealth.sync.provider.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.CredentialGates;
import io.devhealth.sync.provider.http.FakeTime;
import io.devhealth.sync.provider.http.FullRefreshTombstones;
import io.devhealth.sync.provider.http.HttpProviderConfig;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.ProviderStorm;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Jira provider inside the service (Flyway-migrated schema V1–V7, the sink's deduplicated RowBinary inserts)
 * against the real ClickHouse engine and a local server replaying Jira Cloud from the recordings
 * ({@link RecordedJira}). Expected values are read from the served recordings. Rate-limit waits run on a clock that
 * jumps ({@link FakeTime}). Each test uses its own org.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class JiraProviderSyncTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final int PAGE = 2;
    private static final int CHANGELOG_PAGE = 8;

    @Inject
    HttpProviderConfig httpConfig;
    @Inject
    ClickHouseSink sink;
    @Inject
    FullRefreshTombstones tombstones;
    @Inject
    ClickHouseConfig clickhouse;

    ReplayServer server;
    RecordedJira jira;
    FakeTime time;
    JiraProviderSync provider;
    List<String> phases;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedJira.ORIGIN);
        jira = new RecordedJira().withStoryPoints(5, 8);
        jira.install(server, PAGE, CHANGELOG_PAGE);
        time = new FakeTime(START);
        provider = new JiraProviderSync(new TestJiraConfig(PAGE, 1, CHANGELOG_PAGE),
                new ApiClients(httpConfig, new CredentialGates(8), null, time), sink, tombstones);
        phases = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private SyncOutcome sync(UUID org, Map<String, Object> cursor) throws SyncFailedException {
        return provider.run(new SyncContext(org, configuration(org), "jira-test", Map.of("siteUrl", server.url(),
                "projectKeys", projectKeys()), Map.of(), cursor, VERSIONS.incrementAndGet(),
                (phase, done, total) -> phases.add(phase), null, null, null, null));
    }

    private static UUID configuration(UUID org) {
        return UUID.nameUUIDFromBytes(org.toString().getBytes());
    }

    private List<String> projectKeys() {
        return jira.issues.stream().map(i -> i.get("fields").get("project").get("key").asText()).distinct().toList();
    }

    private String query(UUID org, String sql) {
        return Engines.clickhouse().queryWithParams(clickhouse.database(), sql, Map.of("org", org.toString())).strip();
    }

    private long count(UUID org, String table) {
        return Long.parseLong(query(org, "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}"));
    }

    private long transitions() {
        return jira.issues.stream().mapToLong(RecordedJira::statusChanges).sum();
    }

    @Test
    void aFullSyncWritesEveryIssueAndEveryStatusTransition() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = sync(org, null);

        // Every issue over every search page; every status change, the truncated changelog read page by page.
        assertThat(query(org, "SELECT groupArray(work_item_id) FROM (SELECT work_item_id FROM work_items FINAL "
                + "WHERE org_id = {org:UUID} ORDER BY work_item_id)")).isEqualTo(jira.issues.stream()
                        .map(i -> "'" + i.get("key").asText() + "'").sorted().collect(Collectors.joining(",", "[", "]")));
        assertThat(count(org, "work_item_transitions")).isEqualTo(transitions());
        int searchPages = (jira.issues.size() + PAGE - 1) / PAGE;
        assertThat(jira.searches).hasSize(searchPages);
        int changelogPages = (RecordedJira.changelog13491().size() + CHANGELOG_PAGE - 1) / CHANGELOG_PAGE;
        assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery)
                .filteredOn(p -> p.startsWith("/rest/api/3/issue/" + RecordedJira.ISSUE_13491 + "/changelog?"))
                .hasSize(changelogPages).last().asString().contains("startAt=" + (changelogPages - 1) * CHANGELOG_PAGE);
        assertThat(outcome.counts()).containsEntry("fetched.issues", (long) jira.issues.size())
                .containsEntry("fetched.changelog_pages", (long) changelogPages)
                .containsEntry("work_items", (long) jira.issues.size())
                .containsEntry("work_item_transitions", transitions()).containsEntry("fullRefresh", 1L);
        // The first search: the configured projects, no bound yet, Jira's order, the discovered fields, changelogs.
        assertThat(jira.searches.getFirst()).isEqualTo("(project in (" + projectKeys().stream()
                .map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")) + ")) ORDER BY updated ASC, key ASC");
        String firstSearch = server.requests().stream().map(ReplayServer.Request::pathAndQuery)
                .filter(p -> p.startsWith("/rest/api/3/search/jql?")).findFirst().orElseThrow();
        assertThat(RecordedJira.query(firstSearch)).containsEntry("expand", "changelog")
                .containsEntry("maxResults", Integer.toString(PAGE)).extractingByKey("fields").asString()
                .contains(RecordedJira.STORY_POINT_ESTIMATE, RecordedJira.STORY_POINTS, RecordedJira.SPRINT,
                        RecordedJira.EPIC_LINK, "status", "resolutiondate");

        // Story points from both discovered fields.
        assertThat(query(org, "SELECT story_points FROM work_items FINAL WHERE org_id = {org:UUID} AND work_item_id = '"
                + jira.issues.get(0).get("key").asText() + "'")).isEqualTo("5");
        assertThat(query(org, "SELECT story_points FROM work_items FINAL WHERE org_id = {org:UUID} AND work_item_id = '"
                + jira.issues.get(2).get("key").asText() + "'")).isEqualTo("8");

        // A sub-task in a sprint: its row as the recording gives it.
        JsonNode sub = jira.issues.stream().filter(i -> i.get("fields").get("issuetype").get("subtask").asBoolean())
                .findFirst().orElseThrow();
        JsonNode f = sub.get("fields");
        JsonNode sprint = f.get(RecordedJira.SPRINT).get(f.get(RecordedJira.SPRINT).size() - 1);
        assertThat(query(org, "SELECT provider_id, project_key, title, type, type_name, status, status_category, "
                + "priority, assignee, assignee_id, assignee_name, reporter_id, reporter_name, parent_id, sprint_id, "
                + "sprint_name, toUnixTimestamp64Milli(created_at), toUnixTimestamp64Milli(resolved_at), "
                + "toUnixTimestamp64Milli(completed_at), url, sync_configuration_id, repo_id IS NULL FROM work_items FINAL "
                + "WHERE org_id = {org:UUID} AND work_item_id = '" + sub.get("key").asText() + "'"))
                .isEqualTo(String.join("\t", sub.get("id").asText(), f.get("project").get("key").asText(),
                        f.get("summary").asText(), "task", f.get("issuetype").get("name").asText(),
                        f.get("status").get("name").asText(), "done", f.get("priority").get("name").asText(),
                        f.get("assignee").get("accountId").asText(), f.get("assignee").get("accountId").asText(),
                        f.get("assignee").get("displayName").asText(), f.get("reporter").get("accountId").asText(),
                        f.get("reporter").get("displayName").asText(), f.get("parent").get("key").asText(),
                        sprint.get("id").asText(), sprint.get("name").asText(), millis(f.get("created")),
                        millis(f.get("resolutiondate")), millis(f.get("resolutiondate")),
                        server.url() + "/browse/" + sub.get("key").asText(), configuration(org).toString(), "1"));
        // Types by hierarchy level and untranslated names (the site is in Chinese), labels, the epic link.
        for (JsonNode issue : jira.issues) {
            JsonNode type = issue.get("fields").get("issuetype");
            String untranslated = RecordedJira.issueTypes().stream()
                    .filter(t -> t.get("id").asText().equals(type.get("id").asText())).findFirst()
                    .map(t -> t.get("untranslatedName").asText()).orElse(type.get("name").asText());
            String expected = type.get("hierarchyLevel").asInt() == 1 ? "epic" : type.get("subtask").asBoolean()
                    ? "task" : switch (untranslated.toLowerCase()) {
                        case "story" -> "story";
                        case "bug" -> "bug";
                        case "task", "sub-task" -> "task";
                        default -> "other";
                    };
            assertThat(query(org, "SELECT type, labels FROM work_items FINAL WHERE org_id = {org:UUID} AND "
                    + "work_item_id = '" + issue.get("key").asText() + "'")).as(issue.get("key").asText())
                    .isEqualTo(expected + "\t" + labels(issue));
        }
        JsonNode linked = jira.issues.stream().filter(i -> i.get("fields").hasNonNull(RecordedJira.EPIC_LINK))
                .findFirst().orElseThrow();
        assertThat(query(org, "SELECT epic_key, sprint_name FROM work_items FINAL WHERE org_id = {org:UUID} AND "
                + "work_item_id = '" + linked.get("key").asText() + "'"))
                .isEqualTo(linked.get("fields").get(RecordedJira.EPIC_LINK).asText() + "\t"
                        + linked.get("fields").get("sprint").get("name").asText());

        // Transitions of an issue with its whole embedded changelog: time, statuses, categories, actor.
        JsonNode bug = jira.issues.get(2);
        StringBuilder expected = new StringBuilder();
        Map<String, String> categories = RecordedJira.statuses().stream().collect(Collectors.toMap(
                s -> s.get("id").asText(), s -> s.get("statusCategory").get("key").asText(), (a, b) -> a));
        List<String> lines = new ArrayList<>();
        for (JsonNode history : RecordedJira.histories(bug)) {
            for (JsonNode item : history.get("items")) {
                if (item.get("field").asText().equals("status")) {
                    lines.add(String.join("\t", millis(history.get("created")), item.get("fromString").asText(),
                            item.get("toString").asText(), category(categories.get(item.get("from").asText())),
                            category(categories.get(item.get("to").asText())),
                            history.get("author").get("accountId").asText(),
                            history.get("author").get("displayName").asText()));
                }
            }
        }
        lines.sort(null);
        lines.forEach(line -> expected.append(line).append('\n'));
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(transitioned_at), from_status, to_status, from_category, "
                + "to_category, actor, actor_name FROM work_item_transitions FINAL WHERE org_id = {org:UUID} AND "
                + "work_item_id = '" + bug.get("key").asText() + "' ORDER BY 1, 2"))
                .isEqualTo(expected.toString().strip());
        String firstInProgress = lines.stream().filter(l -> l.split("\t")[4].equals("in_progress")).map(l -> l.split("\t")[0])
                .min(String::compareTo).orElse("\\N");
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(started_at) FROM work_items FINAL WHERE org_id = {org:UUID} "
                + "AND work_item_id = '" + bug.get("key").asText() + "'")).isEqualTo(firstInProgress);

        // The cursor: the newest updated seen; phases name what is read.
        assertThat(scope(outcome).get("watermark")).isEqualTo(newest().toString());
        assertThat(outcome.cursor()).containsEntry("baseUrl", server.url());
        assertThat(phases).contains("issues " + String.join(",", projectKeys()));
    }

    @Test
    void aStormOfServerErrorsRateLimitsSlowAndCutBodiesChangesNothingInTheData() throws Exception {
        ProviderStorm.assertSyncSurvives(server, "jira", clickhouse.database(), List.of(), org -> sync(org, null),
                "work_items", "work_item_transitions");
    }

    @Test
    void anIncrementalRunSearchesFromTheWatermarkInTheUsersTimeZoneAndWritesNoDuplicates() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, null);
        long transitionsBefore = count(org, "work_item_transitions");
        ObjectNode edited = jira.issues.get(1);
        Instant editedAt = newest().plus(Duration.ofHours(3));
        ((ObjectNode) edited.get("fields")).put("summary", "Edited at the source").put("updated",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(editedAt.atZone(ZoneId.of("+08:00"))));
        jira.searches.clear();

        SyncOutcome second = sync(org, first.cursor());

        Instant since = Instant.parse((String) scope(first).get("watermark")).minus(Duration.ofMinutes(10));
        ZoneId zone = ZoneId.of(RecordedJira.myself().get("timeZone").asText());
        String bound = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").format(since.atZone(zone)
                .truncatedTo(ChronoUnit.MINUTES));
        assertThat(jira.searches).isNotEmpty().allSatisfy(jql -> assertThat(jql)
                .contains(" AND updated >= \"" + bound + "\" ORDER BY updated ASC, key ASC"));
        Instant boundInstant = since.truncatedTo(ChronoUnit.MINUTES);
        long changed = jira.issues.stream().filter(i -> !RecordedJira.updated(i).isBefore(boundInstant)).count();
        assertThat(second.counts()).containsEntry("fetched.issues", changed).doesNotContainKey("fullRefresh");
        assertThat(changed).isLessThan(jira.issues.size());
        assertThat(count(org, "work_items")).isEqualTo(jira.issues.size());
        assertThat(count(org, "work_item_transitions")).isEqualTo(transitionsBefore);
        assertThat(query(org, "SELECT title, toUnixTimestamp64Milli(updated_at) FROM work_items FINAL WHERE "
                + "org_id = {org:UUID} AND work_item_id = '" + edited.get("key").asText() + "'"))
                .isEqualTo("Edited at the source\t" + editedAt.toEpochMilli());
        assertThat(scope(second).get("watermark")).isEqualTo(editedAt.toString());
    }

    @Test
    void theScheduledFullRefreshTombstonesAVanishedIssueWithItsTransitions() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, null);
        ObjectNode vanished = jira.issues.get(2);
        jira.issues.remove(vanished);
        time.sleepUntil(START.plus(httpConfig.fullRefreshInterval()).plusSeconds(1));

        SyncOutcome refresh = sync(org, first.cursor());

        assertThat(refresh.counts()).containsEntry("fullRefresh", 1L).containsEntry("tombstoned.work_items", 1L)
                .containsEntry("tombstoned.work_item_transitions", RecordedJira.statusChanges(vanished));
        assertThat(count(org, "work_items")).isEqualTo(jira.issues.size());
        assertThat(count(org, "work_item_transitions")).isEqualTo(transitions());
        assertThat(query(org, "SELECT count() FROM work_item_transitions FINAL WHERE org_id = {org:UUID} AND "
                + "work_item_id = '" + vanished.get("key").asText() + "'")).isEqualTo("0");
        assertThat(jira.searches.getLast()).doesNotContain("updated >=");
    }

    @Test
    void refusedMissingAndForbiddenRequestsFailTheRunNamingTheRequest() {
        server.route("/rest/api/3/field", Reply.json(401, "{\"errorMessages\":[],\"message\":\"Client must be "
                + "authenticated to access this resource.\"}"));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("GET " + server.url() + "/rest/api/3/field answered 401 (the credential was refused)");

        jira.install(server, PAGE, CHANGELOG_PAGE);
        server.dynamic("/rest/api/3/search/jql", request -> Reply.json(403, "{\"errorMessages\":[\"You do not have "
                + "permission to browse these projects.\"]}"));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/rest/api/3/search/jql?").hasMessageContaining("answered 403");

        jira.install(server, PAGE, CHANGELOG_PAGE);
        server.dynamic("/rest/api/3/issue/" + RecordedJira.ISSUE_13491 + "/changelog", request -> Reply.json(404,
                "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}"));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/rest/api/3/issue/" + RecordedJira.ISSUE_13491 + "/changelog?startAt=0")
                .hasMessageContaining("answered 404 (not found, or not visible to the credential)")
                .hasMessageContaining("Issue does not exist");
    }

    @Test
    void aTooManyRequestsMakesTheRunWaitForRetryAfterThenSucceed() throws Exception {
        Reply refused = Reply.json(429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}").with("Retry-After", "30")
                .with("X-RateLimit-Remaining", "0").with("RateLimit-Reason", "jira-burst-based");
        server.route("/rest/api/3/status", refused, Reply.json(Recordings.json("jira/statuses.items").toString()));
        UUID org = UUID.randomUUID();

        SyncOutcome outcome = sync(org, null);

        assertThat(time.sleeps()).containsExactly(START.plusSeconds(30));
        assertThat(phases).anySatisfy(phase -> assertThat(phase)
                .startsWith("waiting until " + START.plusSeconds(30) + " (Retry-After: jira-burst"));
        assertThat(outcome.counts()).containsEntry("rateLimitWaits", 1L).containsEntry("rateLimitWaitSeconds", 30L);
        assertThat(count(org, "work_items")).isEqualTo(jira.issues.size());
    }

    @Test
    void aTruncatedOrMalformedBodyFailsTheRunClearly() {
        server.dynamic("/rest/api/3/search/jql", request -> Reply.json("{\"issues\":[" + jira.issues.getFirst()
                + "],\"isLast\":true}").truncated());
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/rest/api/3/search/jql?")
                .hasMessageContaining("failed after 4 attempts (connection failed or the response was cut short)");

        String page = "{\"issues\":[" + jira.issues.getFirst() + "],\"isLast\":true}";
        server.dynamic("/rest/api/3/search/jql", request -> Reply.json(page.substring(0, page.length() / 2)));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/rest/api/3/search/jql?").hasMessageContaining("the response body is not valid JSON");
    }

    @Test
    void aWideReadIsWalkedInDisjointUpdatedWindowsAtOnce() throws Exception {
        provider = new JiraProviderSync(new TestJiraConfig(PAGE, 3, CHANGELOG_PAGE),
                new ApiClients(httpConfig, new CredentialGates(8), null, time), sink, tombstones);
        UUID org = UUID.randomUUID();

        SyncOutcome outcome = sync(org, null);

        // Probes for the earliest and latest update, then three windows meeting at the same minutes, the last
        // open-ended.
        assertThat(jira.searches.subList(0, 2)).satisfiesExactly(
                jql -> assertThat(jql).endsWith("ORDER BY updated ASC, key ASC"),
                jql -> assertThat(jql).endsWith("ORDER BY updated DESC, key DESC"));
        List<String> windows = jira.searches.stream().skip(2).distinct().toList();
        assertThat(windows).hasSize(3);
        assertThat(windows).filteredOn(jql -> !jql.contains("updated >=")).singleElement().asString()
                .contains(" AND updated < \"");
        assertThat(windows).filteredOn(jql -> !jql.contains("updated <")).singleElement().asString()
                .contains(" AND updated >= \"");
        assertThat(jira.served).as("every issue served once").hasSize(jira.issues.size())
                .doesNotHaveDuplicates();
        assertThat(count(org, "work_items")).isEqualTo(jira.issues.size());
        assertThat(count(org, "work_item_transitions")).isEqualTo(transitions());
        assertThat(outcome.counts()).containsEntry("fetched.issues", (long) jira.issues.size());
        assertThat(scope(outcome).get("watermark")).isEqualTo(newest().toString());
    }

    private Instant newest() {
        return jira.issues.stream().map(RecordedJira::updated).max(Instant::compareTo).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> scope(SyncOutcome outcome) {
        Map<String, Map<String, Map<String, Object>>> scopes = (Map<String, Map<String, Map<String, Object>>>) outcome
                .cursor().get("scopes");
        return scopes.values().iterator().next().get(JiraIssues.STREAM);
    }

    private static String millis(JsonNode time) {
        return Long.toString(ProviderJson.parseTime(time.asText(), "time"));
    }

    private static String category(String key) {
        return key == null ? "" : JiraTypes.category(key);
    }

    private static String labels(JsonNode issue) {
        List<String> names = new ArrayList<>();
        issue.get("fields").get("labels").forEach(label -> names.add("'" + label.asText() + "'"));
        return "[" + String.join(",", names) + "]";
    }
}
