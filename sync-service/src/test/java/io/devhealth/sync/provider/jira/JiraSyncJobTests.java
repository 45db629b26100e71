package io.devhealth.sync.provider.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.clickhouse.TableCounts;
import io.devhealth.sync.client.ClaimRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.completion.RunCompletion;
import io.devhealth.sync.job.completion.RunOutcome;
import io.devhealth.sync.job.execution.RunExecutor;
import io.devhealth.sync.provider.ProviderRegistry;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A jira configuration end to end through the real sync job: the credential (an API token with its account's email)
 * and the configuration are created with identity-service's public API (the real jar on real PostgreSQL), the run is
 * claimed and executed by {@link RunExecutor}, which finds the Jira provider in the registry, reads the secret through
 * identity's audited internal endpoint and syncs the replayed site ({@link RecordedJira}) into the real ClickHouse
 * engine; identity stores the cursor, and keeps it when a run fails.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class JiraSyncJobTests {

    private static final String SECRET = "ATATT3x-e2e-" + UUID.randomUUID();
    private static final String EMAIL = "sync-bot@example.com";

    @Inject
    RunExecutor executor;
    @Inject
    RunCompletion completion;
    @Inject
    ProviderRegistry providers;
    @Inject
    IdentityClient identityClient;
    @Inject
    ClickHouseConfig clickhouse;

    ReplayServer server;
    RecordedJira jira;
    final IdentityFixture identity = new IdentityFixture();
    String admin;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedJira.ORIGIN);
        jira = new RecordedJira();
        jira.install(server, 100, 100);
        admin = identity.adminToken();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aJiraConfigurationSyncsThroughTheJobWithItsApiToken() throws Exception {
        IdentityFixture.Org org = identity.createOrg(admin, "jira-e2e");
        UUID credential = identity.createCredential(admin, org, "jira", SECRET, Map.of("email", EMAIL));
        List<String> keys = jira.issues.stream().map(i -> i.get("fields").get("project").get("key").asText())
                .distinct().toList();
        UUID configurationId = identity.createConfiguration(admin, org, "jira", Map.of("siteUrl", server.url(),
                "projectKeys", keys), credential);

        RunOutcome first = runOnce(configurationId);

        assertThat(first.result()).as("error: %s", first.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        String basic = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(server.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.header("Authorization")).isEqualTo(basic));
        assertThat(identity.credentialReads(credential))
                .containsExactly(new IdentityFixture.CredentialRead(first.run().id(), "sync-service"));
        Map<String, Long> expected = Map.of("work_items", (long) jira.issues.size(), "work_item_transitions",
                jira.issues.stream().mapToLong(RecordedJira::statusChanges).sum());
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
        assertThat(first.run().counts()).containsEntry("work_items", jira.issues.size());
        Map<String, Object> cursorAfterFirst = identityClient.findConfiguration(configurationId).orElseThrow().cursor();
        assertThat(cursorAfterFirst).containsEntry("baseUrl", server.url()).containsKey("scopes");

        // A rerun (incremental, from the stored cursor) writes no duplicate rows.
        RunOutcome second = runOnce(configurationId);
        assertThat(second.result()).as("error: %s", second.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
        Map<String, Object> cursorAfterSecond = identityClient.findConfiguration(configurationId).orElseThrow().cursor();

        // A truncated search page fails the run with a clear reason; the stored cursor does not move.
        server.dynamic("/rest/api/3/search/jql", request -> Reply.json("{\"issues\":[" + jira.issues.getFirst()
                + "],\"isLast\":true}").truncated());
        RunOutcome failed = runOnce(configurationId);
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(failed.error()).contains("/rest/api/3/search/jql?").contains("the response was cut short")
                .doesNotContain(SECRET);
        assertThat(identityClient.findConfiguration(configurationId).orElseThrow().cursor()).isEqualTo(cursorAfterSecond);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
    }

    private RunOutcome runOnce(UUID configurationId) {
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("jira").orElseThrow());
    }
}
