package io.devhealth.sync.provider.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import io.devhealth.sync.provider.http.ProviderStorm;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The PagerDuty provider inside the service (Flyway-migrated schema V1–V8, the sink's deduplicated RowBinary inserts)
 * against the real ClickHouse engine and a local server replaying the recorded PagerDuty incidents
 * ({@link RecordedPagerDuty}). Expected values are read from the recordings. Rate-limit waits run on a clock that
 * jumps ({@link FakeTime}). Each test uses its own org.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class PagerDutyProviderSyncTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final int PAGE = 2;

    @Inject
    HttpProviderConfig httpConfig;
    @Inject
    ClickHouseSink sink;
    @Inject
    FullRefreshTombstones tombstones;
    @Inject
    RepositoryLookup repositories;
    @Inject
    ClickHouseConfig clickhouse;

    ReplayServer server;
    RecordedPagerDuty pagerduty;
    FakeTime time;
    List<String> phases;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedPagerDuty.ORIGIN);
        pagerduty = new RecordedPagerDuty().install(server);
        time = new FakeTime(START);
        phases = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private PagerDutyProviderSync provider(int pageSize) {
        return new PagerDutyProviderSync(TestPagerDutyConfig.pagesOf(pageSize),
                new ApiClients(httpConfig, new CredentialGates(8), null, time), sink, tombstones, repositories);
    }

    private SyncOutcome sync(UUID org, Map<String, Object> cursor, Map<String, Object> settings)
            throws SyncFailedException {
        return sync(org, PAGE, Map.of("baseUrl", server.url()), cursor, settings);
    }

    private SyncOutcome sync(UUID org, int pageSize, Map<String, Object> options, Map<String, Object> cursor,
            Map<String, Object> settings) throws SyncFailedException {
        return provider(pageSize).run(new SyncContext(org, configuration(org), "pagerduty-test", options, settings,
                cursor, VERSIONS.incrementAndGet(), (phase, done, total) -> phases.add(phase), null, null, null, null));
    }

    private static UUID configuration(UUID org) {
        return UUID.nameUUIDFromBytes(org.toString().getBytes());
    }

    private String query(UUID org, String sql) {
        return query(org, sql, Map.of());
    }

    private String query(UUID org, String sql, Map<String, String> params) {
        Map<String, String> all = new java.util.HashMap<>(params);
        all.put("org", org.toString());
        return Engines.clickhouse().queryWithParams(clickhouse.database(), sql, all).strip();
    }

    private long count(UUID org, String table) {
        return Long.parseLong(query(org, "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}"));
    }

    @Test
    void aFullSyncWritesEveryIncidentWithWhatItsLogEntriesSay() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = sync(org, null, Map.of());
        List<ObjectNode> recorded = RecordedPagerDuty.recorded();

        assertThat(query(org, "SELECT groupArray(incident_id) FROM (SELECT incident_id FROM incidents FINAL "
                + "WHERE org_id = {org:UUID} AND provider = 'pagerduty' ORDER BY incident_id)"))
                .isEqualTo(recorded.stream().map(i -> "'" + i.get("id").asText() + "'").sorted()
                        .collect(Collectors.joining(",", "[", "]")));
        long entries = recorded.stream().mapToLong(i -> i.get("log_entries").size()).sum();
        assertThat(count(org, "incident_log_entries")).isEqualTo(entries);
        for (ObjectNode incident : recorded) {
            assertThat(query(org, "SELECT incident_number, title, status, urgency, service, service_id, "
                    + "escalation_policy_id, escalation_policy, toUnixTimestamp64Milli(created_at), "
                    + "toUnixTimestamp64Milli(updated_at), url, counts_as_incident, repo_id IS NULL, "
                    + "sync_configuration_id FROM incidents FINAL WHERE org_id = {org:UUID} AND incident_id = '"
                    + incident.get("id").asText() + "'"))
                    .isEqualTo(String.join("\t", incident.get("incident_number").asText(),
                            incident.get("title").asText(), incident.get("status").asText(),
                            incident.get("urgency").asText(), incident.get("service").get("summary").asText(),
                            incident.get("service").get("id").asText(),
                            incident.get("escalation_policy").get("id").asText(),
                            incident.get("escalation_policy").get("summary").asText(), millis(incident, "created_at"),
                            millis(incident, "last_status_change_at"), incident.get("html_url").asText(), "1", "1",
                            configuration(org).toString()));
            assertThat(query(org, "SELECT " + people("triggered") + ", " + people("acknowledged") + ", "
                    + people("resolved") + ", toUnixTimestamp64Milli(acknowledged_at), "
                    + "toUnixTimestamp64Milli(resolved_at) FROM incidents FINAL WHERE org_id = {org:UUID} "
                    + "AND incident_id = '" + incident.get("id").asText() + "'"))
                    .as(incident.get("id").asText()).isEqualTo(expectedPeople(incident));
        }
        // One log entry as stored, its agent a PagerDuty user.
        JsonNode entry = recorded.getFirst().get("log_entries").get(2);
        assertThat(query(org, "SELECT type, toUnixTimestamp64Milli(created_at), agent_id, agent_type, agent_name, "
                + "channel_type, summary FROM incident_log_entries FINAL WHERE org_id = {org:UUID} AND log_entry_id = '"
                + entry.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", entry.get("type").asText(), millis(entry, "created_at"),
                        entry.get("agent").get("id").asText(), entry.get("agent").get("type").asText(),
                        entry.get("agent").get("summary").asText(), entry.get("channel").get("type").asText(),
                        entry.get("summary").asText()));

        // Every page: the incident list (date_range=all on a first run) and each incident's log, page by page.
        List<String> requested = server.requests().stream().map(ReplayServer.Request::pathAndQuery).toList();
        assertThat(requested.stream().filter(p -> p.startsWith("/incidents?")))
                .hasSize((recorded.size() + PAGE - 1) / PAGE)
                .allSatisfy(p -> assertThat(p).contains("date_range=all").contains("sort_by=created_at:asc"));
        for (ObjectNode incident : recorded) {
            int pages = Math.max(1, (incident.get("log_entries").size() + PAGE - 1) / PAGE);
            assertThat(requested.stream().filter(p -> p.startsWith("/incidents/" + incident.get("id").asText()
                    + "/log_entries?"))).hasSize(pages);
        }
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Accept"))
                .isEqualTo("application/vnd.pagerduty+json;version=2"));
        assertThat(outcome.counts()).containsEntry("incidents", (long) recorded.size())
                .containsEntry("incident_log_entries", entries).containsEntry("fullRefresh", 1L)
                .containsEntry("rateLimitWaits", 0L);
        assertThat(phases).contains("incidents 127.0.0.1");
        assertThat(outcome.cursor()).containsEntry("baseUrl", server.url());
    }

    @Test
    void anIncrementalRunReadsNewIncidentsAndTheResolutionOfAnOldOne() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, null, Map.of());
        // The recorded incident still triggered is resolved years after it began, and a new incident is created.
        ObjectNode open = RecordedPagerDuty.recorded().stream().filter(i -> i.get("status").asText().equals("triggered"))
                .findFirst().orElseThrow();
        JsonNode resolver = open.get("assignments").get(1).get("assignee");
        Instant resolvedAt = START.plus(Duration.ofMinutes(30));
        ObjectNode resolved = open.deepCopy();
        resolved.put("status", "resolved").put("last_status_change_at", resolvedAt.toString())
                .set("last_status_change_by", resolver);
        ObjectNode resolveEntry = ((ObjectNode) open.get("log_entries").get(0)).deepCopy();
        resolveEntry.put("id", "RRESOLVED0001").put("type", "resolve_log_entry")
                .put("summary", "Resolved by " + resolver.get("summary").asText())
                .put("created_at", resolvedAt.toString()).set("agent", resolver);
        ((com.fasterxml.jackson.databind.node.ArrayNode) resolved.get("log_entries")).insert(0, resolveEntry);
        pagerduty.put(resolved);
        ObjectNode fresh = RecordedPagerDuty.copy(RecordedPagerDuty.recorded().get(1), "QNEW000000001", 99,
                START.plus(Duration.ofMinutes(40)), open.get("service").get("id").asText());
        String text = "Errors since deploy 1a2b3c4 of acme/api (#42). " + "Stack trace line. ".repeat(300);
        fresh.put("description", text);
        pagerduty.put(fresh);
        time.sleepUntil(START.plus(Duration.ofHours(1)));
        server.clearRequests();

        SyncOutcome second = sync(org, first.cursor(), Map.of());

        Instant since = START.minus(httpConfig.cursorOverlap());
        List<String> requested = server.requests().stream().map(ReplayServer.Request::pathAndQuery).toList();
        assertThat(requested.stream().filter(p -> p.startsWith("/incidents?"))).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("since=" + since).doesNotContain("date_range=all"));
        assertThat(requested.stream().filter(p -> p.startsWith("/log_entries?"))).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("since=" + since).contains("is_overview=true"));
        assertThat(requested).contains("/incidents/" + open.get("id").asText())
                .noneMatch(p -> p.startsWith("/incidents/" + RecordedPagerDuty.recorded().get(2).get("id").asText()));
        assertThat(second.counts()).containsEntry("incidents", 2L).doesNotContainKey("fullRefresh");
        assertThat(count(org, "incidents")).isEqualTo(RecordedPagerDuty.recorded().size() + 1);
        assertThat(query(org, "SELECT status, toUnixTimestamp64Milli(resolved_at), resolved_by_id, resolved_by_type, "
                + "resolved_by_name FROM incidents FINAL WHERE org_id = {org:UUID} AND incident_id = '"
                + open.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", "resolved", Long.toString(resolvedAt.toEpochMilli()),
                        resolver.get("id").asText(), resolver.get("type").asText(), resolver.get("summary").asText()));
        assertThat(query(org, "SELECT incident_number, description = substring({text:String}, 1, "
                + PagerDutyRows.MAX_DESCRIPTION + ") FROM incidents FINAL WHERE org_id = {org:UUID} "
                + "AND incident_id = 'QNEW000000001'", Map.of("text", text))).isEqualTo("99\t1");
        assertThat(count(org, "incident_log_entries")).isEqualTo(pagerduty.logEntryCount());
    }

    @Test
    void aWindowHoldingMoreThanPagerDutyCanPageIsReadInPieces() throws Exception {
        ObjectNode template = RecordedPagerDuty.recorded().get(1);
        List<ObjectNode> many = new ArrayList<>();
        Instant base = Instant.parse("2025-06-01T00:00:00Z");
        int extra = PagerDutyApi.MAX_OFFSET + 150;
        for (int i = 0; i < extra; i++) {
            many.add(RecordedPagerDuty.copy(template, String.format("QCAP%08d", i), 1000 + i,
                    base.plusSeconds(60L * i), template.get("service").get("id").asText()));
        }
        pagerduty.putAll(many);
        UUID org = UUID.randomUUID();

        SyncOutcome outcome = sync(org, 100, Map.of("baseUrl", server.url()), null, Map.of());

        assertThat(count(org, "incidents")).isEqualTo(pagerduty.size());
        assertThat(outcome.counts()).containsEntry("incidents", (long) pagerduty.size());
        assertThat(outcome.counts().get("windowSplits")).isPositive();
        assertThat(count(org, "incident_log_entries")).isEqualTo(pagerduty.logEntryCount());
        // The rest of the capped list was asked for as a window starting at the last incident read, never past 10,000.
        List<String> lists = server.requests().stream().map(ReplayServer.Request::pathAndQuery)
                .filter(p -> p.startsWith("/incidents?")).toList();
        Instant lastOfFirstList = RecordedPagerDuty.created(pagerduty.byCreation().get(PagerDutyApi.MAX_OFFSET - 1));
        assertThat(lists).anySatisfy(p -> assertThat(p).contains("since=" + lastOfFirstList + "&"));
        assertThat(lists).noneMatch(p -> p.contains("offset=" + PagerDutyApi.MAX_OFFSET));
    }

    @Test
    void aFullRefreshTombstonesIncidentsPagerDutyNoLongerLists() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, null, Map.of());
        ObjectNode gone = RecordedPagerDuty.recorded().get(2);
        pagerduty.remove(gone.get("id").asText());
        time.sleepUntil(START.plus(httpConfig.fullRefreshInterval()).plusSeconds(1));

        SyncOutcome refresh = sync(org, first.cursor(), Map.of());

        assertThat(refresh.counts()).containsEntry("fullRefresh", 1L).containsEntry("tombstoned.incidents", 1L)
                .containsEntry("tombstoned.incident_log_entries", (long) gone.get("log_entries").size());
        assertThat(count(org, "incidents")).isEqualTo(RecordedPagerDuty.recorded().size() - 1);
        assertThat(query(org, "SELECT count() FROM incident_log_entries FINAL WHERE org_id = {org:UUID} "
                + "AND incident_id = '" + gone.get("id").asText() + "'")).isEqualTo("0");
        // Another configuration's incidents of the same organization are not this refresh's to delete.
        UUID otherConfiguration = UUID.randomUUID();
        Engines.clickhouse().queryWithParams(clickhouse.database(), "INSERT INTO incidents (org_id, provider, "
                + "incident_id, title, status, urgency, service, deployment_id, created_at, url, "
                + "sync_configuration_id, version) VALUES ({org:UUID}, 'pagerduty', 'QELSEWHERE', 'x', 'triggered', "
                + "'high', '', '', now64(3), '', {config:UUID}, 1)", Map.of("org", org.toString(), "config",
                        otherConfiguration.toString()));
        time.sleepUntil(START.plus(httpConfig.fullRefreshInterval().multipliedBy(2)).plusSeconds(2));
        assertThat(sync(org, refresh.cursor(), Map.of()).counts()).containsEntry("fullRefresh", 1L)
                .doesNotContainKey("tombstoned.incidents");
        assertThat(query(org, "SELECT count() FROM incidents FINAL WHERE org_id = {org:UUID} "
                + "AND incident_id = 'QELSEWHERE'")).isEqualTo("1");
    }

    @Test
    void servicesMapToRepositoriesAndTeamsAndTheRulesSayWhatCounts() throws Exception {
        UUID org = UUID.randomUUID();
        String serviceId = RecordedPagerDuty.recorded().getFirst().get("service").get("id").asText();
        UUID api = UUID.randomUUID();
        UUID mirror = UUID.randomUUID();
        for (var repo : Map.of(api, "github", mirror, "gitlab").entrySet()) {
            Engines.clickhouse().queryWithParams(clickhouse.database(), "INSERT INTO repos (org_id, repo_id, provider, "
                    + "full_name, url, default_branch, synced_at, version) VALUES ({org:UUID}, {repo:UUID}, "
                    + "{provider:String}, 'Acme/API', '', 'main', now64(3), 1)",
                    Map.of("org", org.toString(), "repo", repo.getKey().toString(), "provider", repo.getValue()));
        }
        ObjectNode elsewhere = RecordedPagerDuty.copy(RecordedPagerDuty.recorded().get(2), "QOTHER0000001", 7,
                Instant.parse("2024-01-01T00:00:00Z"), "POTHER1");
        pagerduty.put(elsewhere);
        Map<String, Object> settings = Map.of(
                ServiceSettings.SERVICES, Map.of(serviceId, Map.of("repositories", List.of("acme/api", "acme/unknown"),
                        "teams", List.of("sre", "payments"))),
                ServiceSettings.RULES, Map.of("issueLabels", List.of(), "pagerDutyServiceIds", List.of(serviceId)));

        SyncOutcome outcome = sync(org, null, settings);

        List<UUID> expectedRepos = List.of(api, mirror).stream().sorted(Comparator.comparing((UUID id) ->
                id.equals(api) ? "github" : "gitlab")).toList();
        assertThat(query(org, "SELECT DISTINCT repo_id, repo_ids, team_keys, counts_as_incident FROM incidents FINAL "
                + "WHERE org_id = {org:UUID} AND service_id = '" + serviceId + "'"))
                .isEqualTo(expectedRepos.getFirst() + "\t" + expectedRepos.stream().map(id -> "'" + id + "'")
                        .collect(Collectors.joining(",", "[", "]")) + "\t['payments','sre']\t1");
        assertThat(query(org, "SELECT repo_id IS NULL, repo_ids, team_keys, counts_as_incident FROM incidents FINAL "
                + "WHERE org_id = {org:UUID} AND incident_id = 'QOTHER0000001'")).isEqualTo("1\t[]\t[]\t0");
        assertThat(outcome.warnings()).singleElement().asString().contains("acme/unknown");

        // Narrowed to services by option: only theirs are listed.
        UUID narrowed = UUID.randomUUID();
        server.clearRequests();
        sync(narrowed, PAGE, Map.of("baseUrl", server.url(), "serviceIds", List.of("POTHER1")), null, Map.of());
        assertThat(server.requests()).filteredOn(r -> r.pathAndQuery().startsWith("/incidents?"))
                .allSatisfy(r -> assertThat(r.pathAndQuery()).contains("service_ids%5B%5D=POTHER1"));
        assertThat(query(narrowed, "SELECT groupArray(incident_id) FROM incidents FINAL WHERE org_id = {org:UUID}"))
                .isEqualTo("['QOTHER0000001']");
    }

    @Test
    void refusedMissingAndForbiddenAnswersFailTheRunClearly() {
        server.routePath("/incidents", RecordedPagerDuty.error(401, "Authentication failed", 2006));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("answered 401 (the credential was refused): Authentication failed");
        server.routePath("/incidents", RecordedPagerDuty.error(403, "Access Denied", 2010));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("answered 403 (the credential may not read this): Access Denied");
        String id = RecordedPagerDuty.recorded().getFirst().get("id").asText();
        server.routePath("/incidents", pagerduty.reply("/incidents?date_range=all&limit=100&offset=0"));
        server.routePath("/incidents/" + id + "/log_entries", RecordedPagerDuty.error(404, "Not Found", 2100));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/incidents/" + id + "/log_entries?")
                .hasMessageContaining("answered 404 (not found, or not visible to the credential): Not Found");
    }

    @Test
    void aStormOfServerErrorsRateLimitsSlowAndCutBodiesChangesNothingInTheData() throws Exception {
        ProviderStorm.assertSyncSurvives(server, "pagerduty", clickhouse.database(), List.of(),
                org -> sync(org, null, Map.of()), "incidents");
    }

    @Test
    void rateLimitsMakeTheRunWaitThenSucceed() throws Exception {
        List<ObjectNode> recorded = RecordedPagerDuty.recorded();
        String first = "/incidents?sort_by=created_at:asc&time_zone=UTC&date_range=all&limit=" + PAGE + "&offset=0";
        Reply limited = RecordedPagerDuty.error(429, "Rate Limit Exceeded", 2020);
        server.route(first, limited.with("Retry-After", "30"), pagerduty.reply(first));
        String log = "/incidents/" + recorded.getLast().get("id").asText() + "/log_entries?time_zone=UTC&limit=" + PAGE
                + "&offset=0";
        server.route(log, limited.with("ratelimit-remaining", "0").with("ratelimit-reset", "45"), pagerduty.reply(log));
        UUID org = UUID.randomUUID();

        SyncOutcome outcome = sync(org, null, Map.of());

        assertThat(time.sleeps().getFirst()).isEqualTo(START.plusSeconds(30));
        assertThat(Duration.between(time.sleeps().getFirst(), time.sleeps().get(1))).isEqualTo(Duration.ofSeconds(45));
        assertThat(phases).contains("waiting until " + START.plusSeconds(30) + " (Retry-After)");
        assertThat(outcome.counts()).containsEntry("rateLimitWaits", 2L);
        assertThat(count(org, "incidents")).isEqualTo(recorded.size());
        assertThat(count(org, "incident_log_entries")).isEqualTo(pagerduty.logEntryCount());
    }

    @Test
    void truncatedOrMalformedBodiesFailTheRunClearly() {
        String first = "/incidents?sort_by=created_at:asc&time_zone=UTC&date_range=all&limit=" + PAGE + "&offset=0";
        server.route(first, pagerduty.reply(first).truncated());
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining(first + " failed after 4 attempts (connection failed or the response was cut short)");

        byte[] body = pagerduty.reply(first).body();
        server.route(first, new Reply(200, Map.of("Content-Type", "application/json"),
                java.util.Arrays.copyOf(body, body.length - 40), ReplayServer.Delivery.NORMAL));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining(first).hasMessageContaining("the response body is not valid JSON");
    }

    private static String people(String event) {
        return event + "_by_id, " + event + "_by_type, " + event + "_by_name";
    }

    /** Who triggered, first acknowledged and resolved the incident, and when, as its recorded log entries say. */
    private static String expectedPeople(ObjectNode incident) {
        JsonNode triggered = earliest(incident, "trigger_log_entry");
        JsonNode acknowledged = earliest(incident, "acknowledge_log_entry");
        JsonNode resolved = incident.get("status").asText().equals("resolved")
                ? latest(incident, "resolve_log_entry") : null;
        return String.join("\t", agent(triggered), agent(acknowledged), agent(resolved),
                acknowledged == null ? "\\N" : millis(acknowledged, "created_at"),
                resolved == null ? "\\N" : millis(resolved, "created_at"));
    }

    private static JsonNode earliest(ObjectNode incident, String type) {
        return entries(incident, type).min(Comparator.comparing(e -> RecordedPagerDuty.created(e))).orElse(null);
    }

    private static JsonNode latest(ObjectNode incident, String type) {
        return entries(incident, type).max(Comparator.comparing(e -> RecordedPagerDuty.created(e))).orElse(null);
    }

    private static java.util.stream.Stream<JsonNode> entries(ObjectNode incident, String type) {
        List<JsonNode> list = new ArrayList<>();
        incident.get("log_entries").forEach(list::add);
        return list.stream().filter(e -> e.get("type").asText().equals(type));
    }

    private static String agent(JsonNode entry) {
        return entry == null ? "\t\t" : String.join("\t", entry.get("agent").get("id").asText(),
                entry.get("agent").get("type").asText(), entry.get("agent").get("summary").asText());
    }

    private static String millis(JsonNode node, String field) {
        return Long.toString(java.time.OffsetDateTime.parse(node.get(field).asText()).toInstant().toEpochMilli());
    }
}
