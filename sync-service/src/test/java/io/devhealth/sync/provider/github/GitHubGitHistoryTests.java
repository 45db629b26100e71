package io.devhealth.sync.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.git.GitCredential;
import io.devhealth.sync.provider.git.GitFixture;
import io.devhealth.sync.provider.git.GitHttpServer;
import io.devhealth.sync.provider.git.HistoryOracle;
import io.devhealth.sync.provider.git.SampleRepos;
import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.CredentialGates;
import io.devhealth.sync.provider.http.FakeTime;
import io.devhealth.sync.provider.http.FullRefreshTombstones;
import io.devhealth.sync.provider.http.HostedHistory;
import io.devhealth.sync.provider.http.HttpProviderConfig;
import io.devhealth.sync.provider.http.ProviderApi;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The GitHub provider's git history end to end: the recorded repository served by a {@link ReplayServer} with its
 * {@code clone_url} pointing at a local smart-HTTP git server that requires the run's token as
 * {@code x-access-token} ({@link GitHttpServer}); the commits land in the real ClickHouse engine under the GitHub
 * repository's {@code repo_id} and equal {@code git log --numstat} of the served repository ({@link HistoryOracle}).
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class GitHubGitHistoryTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final String SCOPE = (RecordedRepository.OWNER + "/" + RecordedRepository.NAME).toLowerCase();

    @Inject
    GitHubConfig config;
    @Inject
    HttpProviderConfig httpConfig;
    @Inject
    ClickHouseSink sink;
    @Inject
    FullRefreshTombstones tombstones;
    @Inject
    ClickHouseConfig clickhouse;
    @Inject
    HostedHistory gitHistory;

    @TempDir
    Path served;
    String token;
    ReplayServer api;
    GitHttpServer git;
    GitFixture origin;

    @BeforeEach
    void setUp() {
        token = "ghs_" + UUID.randomUUID().toString().replace("-", "");
        api = ReplayServer.start(GitHubApi.PUBLIC_API);
        RecordedRepository.install(api);
        git = GitHttpServer.start(served, GitCredential.GITHUB_USER, token);
        origin = SampleRepos.origin(served.resolve(RecordedRepository.NAME));
        RecordedRepository.serveCloneUrl(api, git.url(RecordedRepository.NAME));
    }

    @AfterEach
    void tearDown() {
        git.close();
        api.close();
    }

    /** The provider with the CDI clone cache, its runs authenticated with {@code secret} (as identity would hand it). */
    private GitHubProviderSync github(String secret) {
        ApiClients clients = new ApiClients(httpConfig, new CredentialGates(8), null, new FakeTime(java.time.Instant.now())) {
            @Override
            public ApiClient open(ProviderApi providerApi, SyncContext context, RunProgress progress) {
                return open(providerApi, secret, "test:" + secret.hashCode(), progress);
            }
        };
        return new GitHubProviderSync(config, clients, sink, tombstones, gitHistory);
    }

    private SyncOutcome sync(String secret, UUID org, Map<String, Object> cursor, Map<String, Object> extraOptions)
            throws SyncFailedException {
        Map<String, Object> options = new java.util.HashMap<>(Map.of("owner", RecordedRepository.OWNER,
                "repos", List.of(RecordedRepository.NAME), "apiUrl", api.url()));
        options.putAll(extraOptions);
        return github(secret).run(new SyncContext(org, UUID.nameUUIDFromBytes(org.toString().getBytes()), "gh-git",
                options, Map.of(), cursor, VERSIONS.incrementAndGet(), null, null, null, null, null));
    }

    private List<String[]> query(String sql, UUID org) {
        return HistoryOracle.clickhouse(clickhouse.database()).apply(sql, org);
    }

    private long count(String sql, UUID org) {
        return Long.parseLong(query(sql, org).getFirst()[0]);
    }

    @Test
    void commitsLandUnderTheGitHubRepositoryAndMatchGitLog() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(token, org, null, Map.of());

        UUID repoId = GitHubRepository.repoId(org, api.url(), RecordedRepository.repository().get("id").asLong());
        int commits = origin.revList().size();
        assertThat(first.counts()).containsEntry("commits", (long) commits).containsKey("commit_stats")
                .containsEntry("tombstonedCommits", 0L).containsEntry("repositories", 1L)
                .containsEntry("pull_requests", 18L);
        HistoryOracle.assertHistoryMatches(origin, org, this::query);
        assertThat(query("SELECT DISTINCT toString(repo_id) FROM commits FINAL WHERE org_id = {org:UUID}", org))
                .singleElement().satisfies(row -> assertThat(row[0]).isEqualTo(repoId.toString()));
        // The same id as the API rows: commits join pull requests and the repository.
        assertThat(count("SELECT count() FROM repos FINAL WHERE org_id = {org:UUID} AND repo_id IN "
                + "(SELECT repo_id FROM commits WHERE org_id = {org:UUID})", org)).isEqualTo(1);
        assertThat(count("SELECT count() FROM pull_requests FINAL WHERE org_id = {org:UUID} AND repo_id IN "
                + "(SELECT repo_id FROM commits WHERE org_id = {org:UUID})", org)).isEqualTo(RecordedRepository
                        .pullRequests().size());
        assertThat(count("SELECT count() FROM repos FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(1);
        assertThat(git.requests()).isNotEmpty().allSatisfy(request -> assertThat(request.authorized()).isTrue());
        assertThat(gitCursor(first)).containsKey("refs");

        // Next run: only the new commit, the git cursor moves with the provider's cursor.
        origin.write("next.txt", "next\n").commitAll("next change");
        SyncOutcome second = sync(token, org, first.cursor(), Map.of());
        assertThat(second.counts()).containsEntry("commits", 1L);
        assertThat(gitCursor(second)).isNotEqualTo(gitCursor(first));
        HistoryOracle.assertHistoryMatches(origin, org, this::query);

        // Unchanged: no commit written, the cursor stays.
        SyncOutcome third = sync(token, org, second.cursor(), Map.of());
        assertThat(third.counts()).containsEntry("commits", 0L);
        assertThat(gitCursor(third)).isEqualTo(gitCursor(second));
    }

    @Test
    void deploymentsAreLinkedToTheCommitsTheyShippedByGitAncestry() throws Exception {
        // The recorded deployments, pointed at commits of the served repository: 797 ships an older commit, 801 the
        // head; both reach success at the same recorded time (801's statuses), so 797 comes first (id order).
        String older = origin.run("rev-parse", "HEAD~3").strip();
        String head = origin.head();
        ArrayNode deployments = (ArrayNode) Recordings.json("github/deployments/list").deepCopy();
        for (JsonNode deployment : deployments) {
            ((ObjectNode) deployment).put("sha", deployment.get("id").asLong() == 797 ? older : head);
        }
        api.routePath(RecordedRepository.PATH + "/deployments", RecordedRepository.json(deployments));
        api.routePath(RecordedRepository.PATH + "/deployments/797/statuses",
                RecordedRepository.recorded("deployments/statuses"));
        long shipped = Long.parseLong(origin.run("rev-list", "--count", head, "^" + older).strip());

        UUID org = UUID.randomUUID();
        SyncOutcome outcome = sync(token, org, null, Map.of());

        assertThat(outcome.counts()).containsEntry("deployment_facts", 2L).containsEntry("change_facts", 1 + shipped)
                .containsEntry("unknownDeploymentCommits", 0L);
        assertThat(query("SELECT deployment_id, changes, failure_cause FROM deployment_facts FINAL"
                + " WHERE org_id = {org:UUID} ORDER BY deployment_id", org))
                .extracting(row -> String.join(" ", row))
                .containsExactly("797 1 ", "801 " + shipped + " ");
        assertThat(query("SELECT sha, link_method FROM change_facts FINAL WHERE org_id = {org:UUID}"
                + " AND deployment_id = '797'", org)).extracting(row -> String.join(" ", row))
                .containsExactly(older + " deployed-commit");
        assertThat(count("SELECT count() FROM change_facts FINAL WHERE org_id = {org:UUID} AND deployment_id = '801'"
                + " AND link_method = 'ancestry' AND sha IN (SELECT sha FROM commits WHERE org_id = {org:UUID})", org))
                .isEqualTo(shipped);
    }

    @Test
    void aRefusedTokenFailsTheRepositoryClearlyAndTheRunKeepsNoCursor() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(token, org, null, Map.of());
        origin.write("next.txt", "next\n").commitAll("next change");
        long commits = count("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org);

        String wrong = "ghs_revoked" + UUID.randomUUID().toString().replace("-", "");
        assertThatThrownBy(() -> sync(wrong, org, first.cursor(), Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("repository sigmavirus24/github3.py: git fetch of " + git.url(RecordedRepository.NAME)
                        + " was refused (HTTP 401): the credential is invalid or expired")
                .hasMessageContaining("the cursor stays unchanged")
                .hasMessageNotContaining(wrong);
        assertThat(count("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(commits);

        // The stored cursor (the first run's) still leads to the new commit.
        assertThat(sync(token, org, first.cursor(), Map.of()).counts()).containsEntry("commits", 1L);
    }

    @Test
    void gitHistoryCanBeTurnedOffAndACloneUrlOnAnotherHostGetsNoToken() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome apiOnly = sync(token, org, null, Map.of("gitHistory", false));
        assertThat(apiOnly.counts()).doesNotContainKey("commits").containsEntry("repositories", 1L);
        assertThat(apiOnly.cursor()).doesNotContainKey("git");
        assertThat(git.requests()).isEmpty();
        assertThat(count("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isZero();

        RecordedRepository.serveCloneUrl(api, git.url(RecordedRepository.NAME).replace("127.0.0.1", "localhost"));
        assertThatThrownBy(() -> sync(token, org, null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("clone_url is not on " + api.url() + "'s host; the credential is not sent there");
        assertThat(git.requests()).isEmpty();
        RecordedRepository.serveCloneUrl(api, "");
        assertThatThrownBy(() -> sync(token, org, null, Map.of())).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("the API gave no clone_url");
        assertThatThrownBy(() -> sync(token, org, null, Map.of("gitHistory", "yes")))
                .isInstanceOf(SyncFailedException.class).hasMessage("options.gitHistory must be true or false");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gitCursor(SyncOutcome outcome) {
        return (Map<String, Object>) ((Map<String, Object>) outcome.cursor().get("git")).get(SCOPE);
    }
}
