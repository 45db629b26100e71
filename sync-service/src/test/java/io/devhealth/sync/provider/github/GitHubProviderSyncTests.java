package io.devhealth.sync.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.WriteFence;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The GitHub provider inside the service (config, Flyway-migrated schema V1 + V3, the sink's deduplicated RowBinary
 * inserts) against the real ClickHouse engine and a local server replaying GitHub's recorded responses with their
 * recorded headers ({@link RecordedRepository}); volume and incremental runs against {@link SyntheticGitHub}, built
 * from the recorded shapes. Rate-limit waits run on a clock that jumps ({@link FakeTime}). Each test uses its own org.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class GitHubProviderSyncTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

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

    ReplayServer server;
    FakeTime time;
    GitHubProviderSync github;
    List<String> phases;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(GitHubApi.PUBLIC_API);
        time = new FakeTime(START);
        github = new GitHubProviderSync(config, new ApiClients(httpConfig, new CredentialGates(8), null, time), sink,
                tombstones, null);
        phases = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private SyncOutcome sync(UUID org, List<String> repos, Map<String, Object> cursor, Integer backfillDays)
            throws SyncFailedException {
        Map<String, Object> options = Map.of("owner", RecordedRepository.OWNER, "repos", repos, "apiUrl", server.url());
        return github.run(new SyncContext(org, UUID.nameUUIDFromBytes(org.toString().getBytes()), "github-test",
                options, Map.of(), cursor, VERSIONS.incrementAndGet(), (phase, done, total) -> phases.add(phase), null,
                null, null, backfillDays));
    }

    private SyncOutcome syncRecorded(UUID org, Map<String, Object> cursor) throws SyncFailedException {
        return sync(org, List.of(RecordedRepository.NAME), cursor, null);
    }

    private String query(UUID org, String sql) {
        return Engines.clickhouse().queryWithParams(clickhouse.database(), sql, Map.of("org", org.toString())).strip();
    }

    private long count(UUID org, String table) {
        return Long.parseLong(query(org, "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}"));
    }

    @Test
    void aFullSyncWritesEveryReplayedItem() throws Exception {
        RecordedRepository.install(server);
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = syncRecorded(org, null);

        Map<Long, JsonNode> pulls = RecordedRepository.pullRequests();
        assertThat(query(org, "SELECT groupArray(number) FROM (SELECT number FROM pull_requests FINAL "
                + "WHERE org_id = {org:UUID} ORDER BY number)"))
                .isEqualTo(new TreeSet<>(pulls.keySet()).stream().map(String::valueOf)
                        .collect(Collectors.joining(",", "[", "]")));
        JsonNode pr = pulls.get(1033L);
        JsonNode detail = RecordedRepository.detail(pr);
        assertThat(query(org, "SELECT title, state, is_draft, author_login, author_id, head_branch, head_sha, base_sha, "
                + "additions, deletions, changed_files, commits_count, labels, url FROM pull_requests FINAL "
                + "WHERE org_id = {org:UUID} AND number = 1033"))
                .isEqualTo(String.join("\t", pr.get("title").asText(), "open", pr.get("draft").asBoolean() ? "1" : "0",
                        pr.get("user").get("login").asText(), pr.get("user").get("id").asText(),
                        pr.get("head").get("ref").asText(), pr.get("head").get("sha").asText(),
                        pr.get("base").get("sha").asText(), detail.get("additions").asText(),
                        detail.get("deletions").asText(), detail.get("changed_files").asText(),
                        detail.get("commits").asText(), labels(pr), pr.get("html_url").asText()));
        for (long merged : List.of(411L, 410L, 4L, 13L)) {
            assertThat(query(org, "SELECT state, toUnixTimestamp64Milli(merged_at) FROM pull_requests FINAL "
                    + "WHERE org_id = {org:UUID} AND number = " + merged))
                    .isEqualTo("merged\t" + Instant.parse(pulls.get(merged).get("merged_at").asText()).toEpochMilli());
        }
        assertThat(query(org, "SELECT state FROM pull_requests FINAL WHERE org_id = {org:UUID} AND number = 400"))
                .isEqualTo("closed");

        // Reviews: the recorded ones (submitted only) with the reviewer's provider identity.
        long submitted1033 = RecordedRepository.reviews(1033).stream().filter(r -> r.hasNonNull("submitted_at")).count();
        long submitted4 = RecordedRepository.reviews(4).stream().filter(r -> r.hasNonNull("submitted_at")).count();
        assertThat(count(org, "pull_request_reviews")).isEqualTo(submitted1033 + submitted4);
        JsonNode review = RecordedRepository.reviews(1033).getFirst();
        assertThat(query(org, "SELECT reviewer_login, reviewer_id, state, commit_sha FROM pull_request_reviews FINAL "
                + "WHERE org_id = {org:UUID} AND pr_number = 1033 AND review_id = '" + review.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", review.get("user").get("login").asText(), review.get("user").get("id").asText(),
                        review.get("state").asText(), review.get("commit_id").asText()));
        assertThat(query(org, "SELECT pr_number, author_login, path FROM pull_request_review_comments FINAL "
                + "WHERE org_id = {org:UUID}")).isEqualTo("1033\t" + review.get("user").get("login").asText()
                        + "\tgithub3/repos/repo.py");

        // Commits of PR 1033: the recorded commits page, with git's author and the matched GitHub account.
        JsonNode commits = Recordings.json("github/commits/list.page1");
        assertThat(count(org, "pull_request_commits")).isEqualTo(commits.size());
        JsonNode commit = commits.get(0);
        assertThat(query(org, "SELECT author_name, author_email, author_login, author_id, toUnixTimestamp64Milli(authored_at)"
                + " FROM pull_request_commits FINAL WHERE org_id = {org:UUID} AND pr_number = 1033 AND sha = '"
                + commit.get("sha").asText() + "'"))
                .isEqualTo(String.join("\t", commit.get("commit").get("author").get("name").asText(),
                        commit.get("commit").get("author").get("email").asText(), commit.get("author").get("login").asText(),
                        commit.get("author").get("id").asText(),
                        Long.toString(Instant.parse(commit.get("commit").get("author").get("date").asText()).toEpochMilli())));
        long earliest = java.util.stream.StreamSupport.stream(commits.spliterator(), false)
                .mapToLong(c -> Instant.parse(c.get("commit").get("author").get("date").asText()).toEpochMilli()).min()
                .orElseThrow();
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(first_commit_at) FROM pull_requests FINAL"
                + " WHERE org_id = {org:UUID} AND number = 1033")).isEqualTo(Long.toString(earliest));

        // Issues: every recorded page, with the reporter's identity.
        List<JsonNode> issues = RecordedRepository.issues();
        assertThat(count(org, "work_items")).isEqualTo(issues.size());
        JsonNode issue = issues.getFirst();
        assertThat(query(org, "SELECT project_key, title, status, status_category, reporter, reporter_id FROM work_items "
                + "FINAL WHERE org_id = {org:UUID} AND work_item_id = '" + issue.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", "sigmavirus24/github3.py", issue.get("title").asText(),
                        issue.get("state").asText(), "todo", issue.get("user").get("login").asText(),
                        issue.get("user").get("id").asText()));

        // Actions: three recorded runs, each with the recorded jobs.
        List<JsonNode> runs = RecordedRepository.workflowRuns();
        assertThat(query(org, "SELECT groupArray(run_id) FROM (SELECT run_id FROM ci_pipeline_runs FINAL "
                + "WHERE org_id = {org:UUID} ORDER BY run_id DESC)"))
                .isEqualTo(runs.stream().map(r -> "'" + r.get("id").asText() + "'").collect(Collectors.joining(",", "[", "]")));
        JsonNode run = runs.getFirst();
        assertThat(query(org, "SELECT status, commit_sha, branch, event, actor_login, actor_id, commit_author_email "
                + "FROM ci_pipeline_runs FINAL WHERE org_id = {org:UUID} AND run_id = '" + run.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", "success", run.get("head_sha").asText(), run.get("head_branch").asText(),
                        run.get("event").asText(), run.get("actor").get("login").asText(),
                        run.get("actor").get("id").asText(), run.get("head_commit").get("author").get("email").asText()));
        int jobsPerRun = RecordedRepository.jobs(1).get("jobs").size();
        assertThat(count(org, "ci_pipeline_jobs")).isEqualTo((long) runs.size() * jobsPerRun);

        // Deployments: 801 with its five recorded statuses (success), 797 without any (still queued).
        assertThat(query(org, "SELECT deployment_id, environment, is_production, status, creator_login FROM deployments "
                + "FINAL WHERE org_id = {org:UUID} ORDER BY deployment_id"))
                .isEqualTo("797\tproduction\t1\tqueued\t" + creator(1) + "\n801\tproduction\t1\tsuccess\t" + creator(0));
        assertThat(count(org, "deployment_statuses")).isEqualTo(Recordings.json("github/deployments/statuses").size());
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(finished_at) FROM deployments FINAL "
                + "WHERE org_id = {org:UUID} AND deployment_id = '801'"))
                .as("finished with its first success").isEqualTo(Long.toString(Instant.parse("2014-02-25T02:57:29Z").toEpochMilli()));
        assertThat(count(org, "releases")).isEqualTo(Recordings.json("github/releases/list").size());
        assertThat(query(org, "SELECT full_name, provider, default_branch FROM repos FINAL WHERE org_id = {org:UUID}"))
                .isEqualTo("sigmavirus24/github3.py\tgithub\t"
                        + RecordedRepository.repository().get("default_branch").asText());

        assertThat(outcome.counts()).containsEntry("pull_requests", 18L) // PR 4 is listed twice, as recorded
                .containsEntry("work_items", (long) issues.size()).containsEntry("repositories", 1L)
                .containsEntry("rateLimitWaits", 0L);
        assertThat(phases).contains("pull_requests sigmavirus24/github3.py", "workflow_runs sigmavirus24/github3.py");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> streams = (Map<String, Map<String, Object>>) ((Map<String, Object>) outcome
                .cursor().get("scopes")).get("sigmavirus24/github3.py");
        assertThat(streams).containsKeys("pull_requests", "review_comments", "issues", "workflow_runs", "deployments",
                "releases");
        assertThat(streams.get("pull_requests").get("watermark")).isEqualTo("2021-09-22T01:03:17Z");
        assertThat(streams.get("deployments").get("watermark")).as("held at the deployment without a final status")
                .isEqualTo("2014-02-23T20:06:10Z");
    }

    @Test
    void aRerunWritesNoDuplicatesAndAsksWithTheStoredEtags() throws Exception {
        RecordedRepository.install(server);
        UUID org = UUID.randomUUID();
        SyncOutcome first = syncRecorded(org, null);
        Map<String, Long> before = finalCounts(org);
        server.clearRequests();

        SyncOutcome second = syncRecorded(org, first.cursor());
        assertThat(finalCounts(org)).isEqualTo(before);
        assertThat(server.requests()).filteredOn(r -> r.header("If-None-Match") != null)
                .extracting(ReplayServer.Request::pathAndQuery)
                .anySatisfy(path -> assertThat(path).startsWith(RecordedRepository.PATH + "/pulls?"))
                .anySatisfy(path -> assertThat(path).startsWith(RecordedRepository.PATH + "/releases?"));
        assertThat(second.counts()).doesNotContainKey("pull_requests").doesNotContainKey("releases");

        // From the second run on, the since/created URLs are stable too: issues and runs answer 304 as well.
        SyncOutcome third = syncRecorded(org, second.cursor());
        assertThat(finalCounts(org)).isEqualTo(before);
        assertThat(third.counts().get("notModified")).isEqualTo(4L); // deployments is held by 797 (no final status)
        assertThat(third.counts()).doesNotContainKeys("pull_requests", "work_items", "ci_pipeline_runs", "releases");
        assertThat(third.cursor()).isEqualTo(second.cursor());
    }

    @Test
    void rateLimitsMakeTheRunWaitThenResume() throws Exception {
        RecordedRepository.install(server);
        // The first pull request page is refused by the recorded primary limit, the first detail by the recorded
        // secondary limit; both then answer.
        server.routePath(RecordedRepository.PATH + "/pulls", RecordedRepository.recorded("errors/403_rate_limit_exceeded"),
                RecordedRepository.recorded("pulls/list_open_sorted").with("Link", "<" + GitHubApi.PUBLIC_API
                        + "/repositories/3710711/pulls?state=all&page=2>; rel=\"next\""));
        JsonNode detail1033 = RecordedRepository.detail(RecordedRepository.pullRequests().get(1033L));
        server.routePath(RecordedRepository.PATH + "/pulls/1033", RecordedRepository.recorded("errors/403_secondary_rate_limit"),
                RecordedRepository.json(detail1033));
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = syncRecorded(org, null);

        assertThat(time.sleeps()).hasSize(2);
        assertThat(Duration.between(START, time.sleeps().get(0))).isBetween(Duration.ofSeconds(3024), Duration.ofSeconds(3026));
        assertThat(Duration.between(time.sleeps().get(0), time.sleeps().get(1))).isEqualTo(Duration.ofSeconds(60));
        assertThat(phases).anySatisfy(phase -> assertThat(phase).startsWith("waiting until ").endsWith("(rate limit)"))
                .anySatisfy(phase -> assertThat(phase).endsWith("(secondary rate limit)"));
        assertThat(outcome.counts()).containsEntry("rateLimitWaits", 2L);
        assertThat(count(org, "pull_requests")).isEqualTo(RecordedRepository.pullRequests().size());
        assertThat(query(org, "SELECT additions FROM pull_requests FINAL WHERE org_id = {org:UUID} AND number = 1033"))
                .isEqualTo(detail1033.get("additions").asText());
    }

    @Test
    void aRenamedRepositoryIsFollowed() throws Exception {
        String recordedPath = Recordings.requestPath("github/errors/301_repo_renamed");
        String old = recordedPath.substring(recordedPath.lastIndexOf('/') + 1);
        String moved = java.net.URI.create(Recordings.load("github/errors/301_repo_renamed").headers().get("Location"))
                .getPath();
        server.route("/repos/sigmavirus24/" + old, RecordedRepository.recorded("errors/301_repo_renamed"));
        JsonNode renamed = ((com.fasterxml.jackson.databind.node.ObjectNode) RecordedRepository.repository().deepCopy())
                .put("id", Long.parseLong(moved.substring(moved.lastIndexOf('/') + 1)))
                .put("full_name", "acme/renamed-repository")
                .put("html_url", "https://github.com/acme/renamed-repository");
        server.route(moved, RecordedRepository.json(renamed));
        server.dynamic("/repos/acme/renamed-repository/", request ->
                request.pathAndQuery().contains("/actions/runs") ? Reply.json("{\"total_count\":0,\"workflow_runs\":[]}")
                        : Reply.json("[]"));
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = sync(org, List.of(old), null, null);

        assertThat(outcome.warnings()).singleElement().asString().contains("sigmavirus24/" + old)
                .contains("is now acme/renamed-repository");
        assertThat(query(org, "SELECT full_name, url FROM repos FINAL WHERE org_id = {org:UUID}"))
                .isEqualTo("acme/renamed-repository\thttps://github.com/acme/renamed-repository");
        assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery)
                .anySatisfy(path -> assertThat(path).startsWith("/repos/acme/renamed-repository/pulls?"));
        assertThat(outcome.cursor().get("scopes")).asString().contains("sigmavirus24/" + old);
    }

    @Test
    void aMissingOrForbiddenRepositoryFailsTheRunNamingItAfterTheOthers() {
        RecordedRepository.install(server);
        server.route("/repos/sigmavirus24/gone", RecordedRepository.recorded("errors/404_repo_not_found"));
        server.route("/repos/sigmavirus24/private", RecordedRepository.json(((com.fasterxml.jackson.databind.node.ObjectNode)
                RecordedRepository.repository().deepCopy()).put("id", 99L).put("full_name", "sigmavirus24/private")));
        server.dynamic("/repos/sigmavirus24/private/", request ->
                Reply.of(Recordings.load("github/errors/403_resource_not_accessible")));
        UUID org = UUID.randomUUID();

        assertThatThrownBy(() -> sync(org, List.of("gone", RecordedRepository.NAME, "private"), null, null))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("repository sigmavirus24/gone: GET ")
                .hasMessageContaining("/repos/sigmavirus24/gone answered 404")
                .hasMessageContaining("repository sigmavirus24/private: GET ")
                .hasMessageContaining("answered 403 (the credential may not read this): Resource not accessible by integration")
                .hasMessageContaining("1 other repositories synced");
        assertThat(count(org, "pull_requests")).as("the accessible repository was synced")
                .isEqualTo(RecordedRepository.pullRequests().size());
    }

    @Test
    void truncatedOrMalformedBodiesFailTheRunClearly() {
        RecordedRepository.install(server);
        server.route("/repositories/3710711/pulls?state=all&page=2",
                RecordedRepository.recorded("pulls/list_state_closed.page1").truncated());
        UUID org = UUID.randomUUID();
        assertThatThrownBy(() -> syncRecorded(org, null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/repositories/3710711/pulls?state=all&page=2 failed after 4 attempts "
                        + "(connection failed or the response was cut short)");

        RecordedRepository.install(server);
        byte[] page = Recordings.load("github/issues/list.page3").body();
        String page3 = Recordings.requestPath("github/issues/list.page3");
        server.route(page3, new Reply(200, Map.of("Content-Type",
                "application/json"), java.util.Arrays.copyOf(page, page.length - 40), ReplayServer.Delivery.NORMAL));
        assertThatThrownBy(() -> syncRecorded(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining(page3 + ": the response body is not valid JSON");
    }

    @Test
    void aStormOfServerErrorsRateLimitsSlowAndCutBodiesChangesNothingInTheData() throws Exception {
        new SyntheticGitHub(RecordedRepository.OWNER, "stormy", new SyntheticGitHub.Size(60, 2, 20, 10, 2, 6, 2, 2), 20)
                .install(server);
        ProviderStorm.assertSyncSurvives(server, "github", clickhouse.database(),
                List.of(RecordedRepository.recorded("errors/403_secondary_rate_limit")),
                org -> sync(org, List.of("stormy"), null, null), "pull_requests", "pull_request_reviews", "ci_pipeline_runs",
                "deployments");
    }

    @Test
    void incrementalRunsReadOnlyWhatChangedAndBackfillLimitsTheFirstRun() throws Exception {
        SyntheticGitHub repo = new SyntheticGitHub(RecordedRepository.OWNER, "volume",
                new SyntheticGitHub.Size(1_000, 2, 300, 120, 3, 40, 2, 5), 100).install(server);
        UUID org = UUID.randomUUID();
        SyncOutcome full = sync(org, List.of("volume"), null, null);
        assertThat(full.counts()).containsEntry("pull_requests", 1_000L).containsEntry("pull_request_reviews", 2_000L)
                .containsEntry("pull_request_commits", repo.size().pullRequestCommits()).containsEntry("work_items", 300L).containsEntry("ci_pipeline_jobs", 360L)
                .containsEntry("deployment_statuses", 80L);
        assertThat(count(org, "pull_requests")).isEqualTo(1_000);
        // a request's first commit time is its earliest commit's author date
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(first_commit_at) FROM pull_requests FINAL"
                + " WHERE org_id = {org:UUID} AND number = 500"))
                .isEqualTo(String.valueOf(SyntheticGitHub.commitAuthored(500, 0).toEpochMilli()));
        assertThat(query(org, "SELECT count(), uniqExact(sha) FROM pull_request_commits FINAL"
                + " WHERE org_id = {org:UUID} AND pr_number = 500"))
                .isEqualTo(SyntheticGitHub.commitsOf(500) + "\t" + SyntheticGitHub.commitsOf(500));
        long rows = full.counts().entrySet().stream().filter(e -> !e.getKey().contains(".") && !e.getKey().startsWith("rate")
                && !Set.of("notModified", "repositories", "fullRefresh").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(rows).isEqualTo(repo.size().rows());

        Instant later = SyntheticGitHub.pullCreated(5_000);
        for (long n : List.of(3L, 500L, 998L)) {
            repo.touch(n, later.plus(Duration.ofMinutes(n)), "Edited " + n);
        }
        SyncOutcome incremental = sync(org, List.of("volume"), full.cursor(), null);
        // the three edited ones, and PR 1000: updated within the 10-minute overlap before the watermark
        assertThat(incremental.counts()).containsEntry("fetched.pull_requests", 4L);
        assertThat(count(org, "pull_requests")).isEqualTo(1_000);
        assertThat(query(org, "SELECT title FROM pull_requests FINAL WHERE org_id = {org:UUID} AND number = 500"))
                .isEqualTo("Edited 500");
        assertThat(finalCounts(org).get("pull_request_reviews")).isEqualTo(2_000L);

        // A first run with a 30-day backfill window (the clock is SyntheticGitHub.BASE + 1,000 h + 31 days).
        time = new FakeTime(SyntheticGitHub.pullCreated(1_000).plus(Duration.ofDays(31)));
        github = new GitHubProviderSync(config, new ApiClients(httpConfig, new CredentialGates(8), null, time), sink,
                tombstones, null);
        UUID fresh = UUID.randomUUID();
        SyncOutcome windowed = sync(fresh, List.of("volume"), null, 30);
        Instant since = time.now().minus(Duration.ofDays(30));
        long inWindow = java.util.stream.LongStream.rangeClosed(1, 1_000)
                .filter(n -> !repo.pullUpdated(n).isBefore(since)).count();
        assertThat(windowed.counts().get("fetched.pull_requests")).isEqualTo(inWindow).isLessThan(1_000L);
        assertThat(count(fresh, "pull_requests")).isEqualTo(inWindow);
    }

    @Test
    void aScheduledFullRefreshTombstonesWhatTheSourceNoLongerLists() throws Exception {
        SyntheticGitHub repo = new SyntheticGitHub(RecordedRepository.OWNER, "refreshed",
                new SyntheticGitHub.Size(120, 2, 10, 6, 2, 4, 2, 2), 50).install(server);
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, List.of("refreshed"), null, null);
        assertThat(first.counts()).containsEntry("fullRefresh", 1L).doesNotContainKey("tombstoned.pull_requests");
        assertThat(first.cursor()).containsKey("fullRefreshAt");

        repo.remove(7);
        time.sleepUntil(time.now().plus(Duration.ofHours(1)));
        SyncOutcome incremental = sync(org, List.of("refreshed"), first.cursor(), null);
        assertThat(incremental.counts()).as("an incremental run cannot see a deletion")
                .doesNotContainKeys("fullRefresh", "tombstoned.pull_requests");
        assertThat(count(org, "pull_requests")).isEqualTo(120);

        time.sleepUntil(time.now().plus(httpConfig.fullRefreshInterval()));
        SyncOutcome refresh = sync(org, List.of("refreshed"), incremental.cursor(), null);
        assertThat(count(org, "pull_requests")).isEqualTo(119);
        assertThat(refresh.counts()).containsEntry("fullRefresh", 1L).containsEntry("tombstoned.pull_requests", 1L)
                .containsEntry("tombstoned.pull_request_reviews", 2L)
                .containsEntry("tombstoned.pull_request_commits", SyntheticGitHub.commitsOf(7))
                .doesNotContainKeys("tombstoned.work_items", "tombstoned.ci_pipeline_runs", "tombstoned.deployments");
        assertThat(count(org, "pull_requests")).isEqualTo(119);
        assertThat(query(org, "SELECT count() FROM pull_requests FINAL WHERE org_id = {org:UUID} AND number = 7"))
                .isEqualTo("0");
        assertThat(query(org, "SELECT count() FROM pull_request_reviews FINAL WHERE org_id = {org:UUID}"
                + " AND pr_number = 7")).isEqualTo("0");
        assertThat(finalCounts(org).get("pull_request_reviews")).isEqualTo(119 * 2L);
        assertThat(refresh.cursor().get("fullRefreshAt")).isEqualTo(time.now().toString());
    }

    private Map<String, Long> finalCounts(UUID org) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : Set.of("pull_requests", "pull_request_reviews", "pull_request_review_comments", "work_items",
                "ci_pipeline_runs", "ci_pipeline_jobs", "deployments", "deployment_statuses", "releases", "repos")) {
            counts.put(table, count(org, table));
        }
        return counts;
    }

    private static String labels(JsonNode pr) {
        List<String> names = new java.util.ArrayList<>();
        pr.get("labels").forEach(label -> names.add("'" + label.get("name").asText() + "'"));
        return "[" + String.join(",", names) + "]";
    }

    @Test
    void aClosedWriteFenceStopsTheRunsInserts() {
        RecordedRepository.install(server);
        UUID org = UUID.randomUUID();
        WriteFence leaseLost = () -> {
            throw new WriteFence.FencedWriteException("stopped writing: the lease of sync run (test) was lost");
        };
        Map<String, Object> options = Map.of("owner", RecordedRepository.OWNER, "repos",
                List.of(RecordedRepository.NAME), "apiUrl", server.url());

        assertThatThrownBy(() -> github.run(new SyncContext(org, UUID.randomUUID(), "github-fenced", options, Map.of(),
                null, VERSIONS.incrementAndGet(), null, leaseLost, null, null, null)))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("stopped writing: the lease of sync run (test) was lost");
        for (String table : List.of("repos", "pull_requests", "work_items", "ci_pipeline_runs", "deployments", "releases")) {
            assertThat(count(org, table)).as(table).isZero();
        }
    }

    private static String creator(int index) {
        return Recordings.json("github/deployments/list").get(index).get("creator").get("login").asText();
    }
}
