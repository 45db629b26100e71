package io.devhealth.sync.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A gitlab configuration end to end through the real sync job: the credential and the configuration are created with
 * identity-service's public API (the real jar on real PostgreSQL), the run is claimed and executed by
 * {@link RunExecutor}, which finds the GitLab provider in the registry, reads the secret through identity's audited
 * internal endpoint and syncs the replayed projects ({@link RecordedGitLab}) into the real ClickHouse engine; identity
 * stores the cursor.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class GitLabSyncJobTests {

    private static final String SECRET = "glpat-e2e-" + UUID.randomUUID();

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
    RecordedGitLab gitlab;
    final IdentityFixture identity = new IdentityFixture();
    String admin;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedGitLab.ORIGIN);
        gitlab = new RecordedGitLab("");
        gitlab.install(server);
        admin = identity.adminToken();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aGitlabConfigurationSyncsThroughTheJobWithItsCredential() throws Exception {
        IdentityFixture.Org org = identity.createOrg(admin, "gl-e2e");
        UUID credential = identity.createCredential(admin, org, "gitlab", SECRET);
        // API streams only: the recorded projects' git lives on gitlab.com
        UUID configurationId = identity.createConfiguration(admin, org, "gitlab", Map.of("projects",
                List.of(RecordedGitLab.pathA()), "groups", List.of(RecordedGitLab.groupB()), "baseUrl",
                gitlab.apiUrl(server), "gitHistory", false), credential);

        RunOutcome first = runOnce(configurationId);

        assertThat(first.result()).as("error: %s", first.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(server.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET));
        assertThat(identity.credentialReads(credential))
                .containsExactly(new IdentityFixture.CredentialRead(first.run().id(), "sync-service"));
        List<com.fasterxml.jackson.databind.JsonNode> issuesA = new ArrayList<>();
        Recordings.json("gitlab/issues/list.page1").forEach(issuesA::add);
        Map<String, Long> expected = Map.of(
                "pull_requests", (long) RecordedGitLab.mergeRequestsA().size() + gitlab.list("merge_requests").size(),
                "work_items", (long) issuesA.size() + gitlab.list("issues").size(),
                "ci_pipeline_runs", (long) gitlab.list("pipelines").size(),
                "deployments", (long) gitlab.list("deployments").size(),
                "pull_request_commits", (long) RecordedGitLab.items("merge_requests/commits_mr2.items").size(),
                "repos", 2L);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
        assertThat(first.run().counts()).containsEntry("projects", 2);
        Map<String, Object> cursorAfterFirst = identityClient.findConfiguration(configurationId).orElseThrow().cursor();
        assertThat(cursorAfterFirst).containsEntry("baseUrl", gitlab.apiUrl(server)).containsKey("scopes");

        // A rerun (incremental, from the stored cursor) writes no duplicate rows.
        RunOutcome second = runOnce(configurationId);
        assertThat(second.result()).as("error: %s", second.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
        Map<String, Object> cursorAfterSecond = identityClient.findConfiguration(configurationId).orElseThrow().cursor();

        // A malformed page fails the run with a clear reason; the stored cursor does not move.
        byte[] page = Recordings.load("gitlab/issues/list.page1").body();
        server.routePath("/api/v4/projects/" + RecordedGitLab.idA() + "/issues", new Reply(200,
                Map.of("Content-Type", "application/json"), java.util.Arrays.copyOf(page, 100), ReplayServer.Delivery.NORMAL));
        RunOutcome failed = runOnce(configurationId);
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(failed.error()).contains("/api/v4/projects/" + RecordedGitLab.idA() + "/issues?")
                .contains("the response body is not valid JSON").doesNotContain(SECRET);
        assertThat(identityClient.findConfiguration(configurationId).orElseThrow().cursor()).isEqualTo(cursorAfterSecond);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
    }

    private RunOutcome runOnce(UUID configurationId) {
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("gitlab").orElseThrow());
    }
}
