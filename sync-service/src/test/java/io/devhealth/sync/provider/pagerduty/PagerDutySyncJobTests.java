package io.devhealth.sync.provider.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A pagerduty configuration end to end through the real sync job: the credential, the organization's
 * {@code pagerduty.services} and {@code incidents.rules} settings and the configuration are created with
 * identity-service's public API (the real jar on real PostgreSQL), the run is claimed and executed by
 * {@link RunExecutor}, which finds the PagerDuty provider in the registry, reads the secret through identity's audited
 * internal endpoint and syncs the replayed account ({@link RecordedPagerDuty}) into the real ClickHouse engine;
 * identity stores the cursor.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class PagerDutySyncJobTests {

    private static final String SECRET = "u+e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);

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
    RecordedPagerDuty pagerduty;
    final IdentityFixture identity = new IdentityFixture();
    String admin;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedPagerDuty.ORIGIN);
        pagerduty = new RecordedPagerDuty().install(server);
        admin = identity.adminToken();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aPagerdutyConfigurationSyncsThroughTheJobWithItsCredentialAndSettings() throws Exception {
        IdentityFixture.Org org = identity.createOrg(admin, "pd-e2e");
        List<ObjectNode> recorded = RecordedPagerDuty.recorded();
        String serviceId = recorded.getFirst().get("service").get("id").asText();
        identity.put("/api/v1/identity/orgs/" + org.slug() + "/settings/pagerduty.services", admin,
                Map.of("value", Map.of(serviceId, Map.of("teams", List.of("devservice"))))).require(200);
        identity.put("/api/v1/identity/orgs/" + org.slug() + "/settings/incidents.rules", admin,
                Map.of("value", Map.of("pagerDutyServiceIds", List.of("PNOTTHIS1")))).require(200);
        UUID credential = identity.createCredential(admin, org, "pagerduty", SECRET);
        UUID configurationId = identity.createConfiguration(admin, org, "pagerduty", Map.of("baseUrl", server.url(),
                "serviceIds", List.of(serviceId)), credential);

        RunOutcome first = runOnce(configurationId);

        assertThat(first.result()).as("error: %s", first.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(server.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.header("Authorization")).isEqualTo("Token token=" + SECRET));
        assertThat(identity.credentialReads(credential))
                .containsExactly(new IdentityFixture.CredentialRead(first.run().id(), "sync-service"));
        Map<String, Long> expected = Map.of("incidents", (long) recorded.size(),
                "incident_log_entries", (long) pagerduty.logEntryCount());
        assertThat(TableCounts.live(clickhouse.database(), org.id(), Set.copyOf(expected.keySet()))).isEqualTo(expected);
        assertThat(Engines.clickhouse().queryWithParams(clickhouse.database(), "SELECT DISTINCT team_keys, "
                + "counts_as_incident FROM incidents FINAL WHERE org_id = {org:UUID}", Map.of("org", org.id().toString()))
                .strip()).isEqualTo("['devservice']\t0");
        Map<String, Object> cursorAfterFirst = identityClient.findConfiguration(configurationId).orElseThrow().cursor();
        assertThat(cursorAfterFirst).containsEntry("baseUrl", server.url()).containsKey("scopes");

        // A rerun (incremental, from the stored cursor) writes no duplicate rows.
        RunOutcome second = runOnce(configurationId);
        assertThat(second.result()).as("error: %s", second.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), Set.copyOf(expected.keySet()))).isEqualTo(expected);
        Map<String, Object> cursorAfterSecond = identityClient.findConfiguration(configurationId).orElseThrow().cursor();

        // A malformed page fails the run with a clear reason; the stored cursor does not move.
        server.routePath("/log_entries", new Reply(200, Map.of("Content-Type", "application/json"),
                "{\"log_entries\": [{\"id\": \"R1\"".getBytes(), ReplayServer.Delivery.NORMAL));
        RunOutcome failed = runOnce(configurationId);
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(failed.error()).contains("/log_entries?").contains("the response body is not valid JSON")
                .doesNotContain(SECRET);
        assertThat(identityClient.findConfiguration(configurationId).orElseThrow().cursor()).isEqualTo(cursorAfterSecond);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), Set.copyOf(expected.keySet()))).isEqualTo(expected);
    }

    private RunOutcome runOnce(UUID configurationId) {
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("pagerduty").orElseThrow());
    }
}
