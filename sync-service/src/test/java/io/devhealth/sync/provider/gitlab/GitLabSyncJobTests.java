package io.devhealth.sync.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.client.ClaimRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.completion.RunCompletion;
import io.devhealth.sync.job.completion.RunOutcome;
import io.devhealth.sync.job.execution.RunExecutor;
import io.devhealth.sync.provider.ProviderRegistry;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
    String identityUrl;
    String admin;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedGitLab.ORIGIN);
        gitlab = new RecordedGitLab("");
        gitlab.install(server);
        var config = ConfigProvider.getConfig();
        identityUrl = config.getValue("devhealth.identity.url", String.class);
        admin = (String) call("POST", "/api/v1/identity/auth/token", null, Map.of(
                "email", config.getValue("devhealth.test.identity.admin-email", String.class),
                "password", config.getValue("devhealth.test.identity.admin-password", String.class)), 200)
                .get("accessToken");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aGitlabConfigurationSyncsThroughTheJobWithItsCredential() throws Exception {
        String slug = "gl-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        UUID org = UUID.fromString((String) call("POST", "/api/v1/identity/orgs", admin,
                Map.of("slug", slug, "name", "GitLab e2e"), 201).get("id"));
        UUID credential = UUID.fromString((String) call("POST", "/api/v1/identity/orgs/" + slug + "/credentials", admin,
                Map.of("provider", "gitlab", "name", "replay", "secret", SECRET), 201).get("id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "gitlab projects");
        body.put("provider", "gitlab");
        body.put("options", Map.of("projects", List.of(RecordedGitLab.pathA()), "groups", List.of(RecordedGitLab.groupB()),
                "baseUrl", gitlab.apiUrl(server), "gitHistory", false)); // the recorded projects' git lives on gitlab.com
        body.put("credentialId", credential.toString());
        UUID configurationId = UUID.fromString((String) call("POST", "/api/v1/identity/orgs/" + slug
                + "/sync-configurations", admin, body, 201).get("id"));

        RunOutcome first = runOnce(configurationId);

        assertThat(first.result()).as("error: %s", first.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(server.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + SECRET));
        assertThat(credentialReads(credential)).containsExactly(first.run().id());
        List<com.fasterxml.jackson.databind.JsonNode> issuesA = new ArrayList<>();
        Recordings.json("gitlab/issues/list.page1").forEach(issuesA::add);
        Map<String, Long> expected = Map.of(
                "pull_requests", (long) RecordedGitLab.mergeRequestsA().size() + gitlab.list("merge_requests").size(),
                "work_items", (long) issuesA.size() + gitlab.list("issues").size(),
                "ci_pipeline_runs", (long) gitlab.list("pipelines").size(),
                "deployments", (long) gitlab.list("deployments").size(),
                "pull_request_commits", (long) RecordedGitLab.items("merge_requests/commits_mr2.items").size(),
                "repos", 2L);
        assertThat(finalCounts(org, expected.keySet())).isEqualTo(expected);
        assertThat(first.run().counts()).containsEntry("projects", 2);
        Map<String, Object> cursorAfterFirst = identityClient.findConfiguration(configurationId).orElseThrow().cursor();
        assertThat(cursorAfterFirst).containsEntry("baseUrl", gitlab.apiUrl(server)).containsKey("scopes");

        // A rerun (incremental, from the stored cursor) writes no duplicate rows.
        RunOutcome second = runOnce(configurationId);
        assertThat(second.result()).as("error: %s", second.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(finalCounts(org, expected.keySet())).isEqualTo(expected);
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
        assertThat(finalCounts(org, expected.keySet())).isEqualTo(expected);
    }

    private RunOutcome runOnce(UUID configurationId) {
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("gitlab").orElseThrow());
    }

    private Map<String, Long> finalCounts(UUID org, Set<String> tables) {
        Map<String, Long> counts = new HashMap<>();
        for (String table : tables) {
            counts.put(table, Long.parseLong(Engines.clickhouse().queryWithParams(clickhouse.database(),
                    "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}", Map.of("org", org.toString()))
                    .strip()));
        }
        return counts;
    }

    /** The run ids identity's audit recorded for reads of {@code credential}, oldest first. */
    private static List<UUID> credentialReads(UUID credential) throws SQLException {
        String database = ConfigProvider.getConfig().getValue("devhealth.test.identity.database", String.class);
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement select = connection.prepareStatement("SELECT sync_run_id, reader FROM credential_reads "
                        + "WHERE credential_id = ? ORDER BY created_at")) {
            select.setObject(1, credential);
            List<UUID> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getString(2)).isEqualTo("sync-service");
                    runs.add(rows.getObject(1, UUID.class));
                }
            }
            return runs;
        }
    }

    private Map<String, Object> call(String method, String path, String token, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(identityUrl + path))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
            return JSON.readValue(response.body(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
