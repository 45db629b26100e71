package io.devhealth.sync.provider.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import io.devhealth.sync.provider.git.GitCredential;
import io.devhealth.sync.provider.git.GitFixture;
import io.devhealth.sync.provider.git.GitHttpServer;
import io.devhealth.sync.provider.git.SampleRepos;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A github configuration end to end through the real sync job: the credential and the configuration are created with
 * identity-service's public API (the real jar on real PostgreSQL), the run is claimed and executed by
 * {@link RunExecutor}, which finds the GitHub provider in the registry like any other, reads the secret through identity's audited
 * internal endpoint and syncs the replayed repository into the real ClickHouse engine, its git history cloned with
 * that secret from a local smart-HTTP server that requires it; identity stores the cursor.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class GitHubSyncJobTests {

    private static final String SECRET = "github_pat_11TEST_e2e-" + UUID.randomUUID();

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
    GitHttpServer git;
    GitFixture origin;
    final IdentityFixture identity = new IdentityFixture();
    String admin;

    @BeforeEach
    void setUp(@TempDir Path served) {
        server = ReplayServer.start(GitHubApi.PUBLIC_API);
        RecordedRepository.install(server);
        // The repository's git history: served over smart HTTP, requiring the credential identity hands out.
        git = GitHttpServer.start(served, GitCredential.GITHUB_USER, SECRET);
        origin = SampleRepos.origin(served.resolve(RecordedRepository.NAME));
        RecordedRepository.serveCloneUrl(server, git.url(RecordedRepository.NAME));
        admin = identity.adminToken();
    }

    @AfterEach
    void tearDown() {
        git.close();
        server.close();
    }

    @Test
    void aGithubConfigurationSyncsThroughTheJobWithItsCredential() throws Exception {
        IdentityFixture.Org org = identity.createOrg(admin, "gh-e2e");
        UUID credential = identity.createCredential(admin, org, "github", SECRET);
        UUID configurationId = identity.createConfiguration(admin, org, "github", Map.of("owner",
                RecordedRepository.OWNER, "repos", List.of(RecordedRepository.NAME), "apiUrl", server.url()), credential);

        RunOutcome first = runOnce(configurationId);

        assertThat(first.result()).as("error: %s", first.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(server.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET));
        assertThat(identity.credentialReads(credential))
                .containsExactly(new IdentityFixture.CredentialRead(first.run().id(), "sync-service"));
        Map<String, Long> expected = Map.of("pull_requests", (long) RecordedRepository.pullRequests().size(),
                "work_items", (long) RecordedRepository.issues().size(),
                "ci_pipeline_runs", (long) RecordedRepository.workflowRuns().size(),
                "deployments", 2L, "releases", (long) Recordings.json("github/releases/list").size(), "repos", 1L,
                "commits", (long) origin.revList().size());
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
        assertThat(first.run().counts()).containsEntry("repositories", 1);
        assertThat(git.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.authorized()).isTrue());
        SyncConfiguration afterFirst = identityClient.findConfiguration(configurationId).orElseThrow();
        assertThat(afterFirst.cursor()).containsEntry("baseUrl", server.url());

        // A rerun writes no duplicate rows.
        RunOutcome second = runOnce(configurationId);
        assertThat(second.result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
        Map<String, Object> cursorAfterSecond = identityClient.findConfiguration(configurationId).orElseThrow().cursor();

        // A malformed page fails the run with a clear reason; the stored cursor does not move.
        byte[] page = Recordings.load("github/issues/list.page2").body();
        String page2 = Recordings.requestPath("github/issues/list.page2");
        server.route(page2, new Reply(200,
                Map.of("Content-Type", "application/json"), java.util.Arrays.copyOf(page, 100), ReplayServer.Delivery.NORMAL));
        server.routePath(RecordedRepository.PATH + "/issues", RecordedRepository.recorded("issues/list.page1")
                .with("ETag", null)); // no 304 this time: the broken page must be read
        RunOutcome failed = runOnce(configurationId);
        assertThat(failed.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(failed.error()).contains(page2)
                .contains("the response body is not valid JSON").doesNotContain(SECRET);
        assertThat(identityClient.findConfiguration(configurationId).orElseThrow().cursor()).isEqualTo(cursorAfterSecond);
        assertThat(TableCounts.live(clickhouse.database(), org.id(), expected.keySet())).isEqualTo(expected);
    }

    private RunOutcome runOnce(UUID configurationId) {
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("github").orElseThrow());
    }
}
