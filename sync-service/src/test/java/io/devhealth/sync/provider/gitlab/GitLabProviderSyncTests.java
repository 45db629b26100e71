package io.devhealth.sync.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import io.devhealth.sync.provider.ProductionEnvironments;
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
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The GitLab provider inside the service (Flyway-migrated schema V1–V6, the sink's deduplicated RowBinary inserts)
 * against the real ClickHouse engine and a local server replaying GitLab's recorded responses
 * ({@link RecordedGitLab}: Gitea's recordings with their headers, DevLake's recorded items served as GitLab pages
 * them). Expected values are read from the recordings. Rate-limit waits run on a clock that jumps
 * ({@link FakeTime}). Each test uses its own org.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class GitLabProviderSyncTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final int PAGE = 4;
    /** GitLab deployment states → deployments.status (V1's vocabulary); anything else is not finished: queued. */
    private static final Map<String, String> DEPLOYMENT_STATUS = Map.of("success", "success", "failed", "failure",
            "canceled", "error", "skipped", "inactive", "running", "in_progress", "created", "queued", "blocked",
            "queued");

    @Inject
    HttpProviderConfig httpConfig;
    @Inject
    ClickHouseSink sink;
    @Inject
    FullRefreshTombstones tombstones;
    @Inject
    ClickHouseConfig clickhouse;

    ReplayServer server;
    RecordedGitLab gitlabData;
    FakeTime time;
    GitLabProviderSync gitlab;
    List<String> phases;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedGitLab.ORIGIN);
        gitlabData = new RecordedGitLab("");
        gitlabData.install(server);
        time = new FakeTime(START);
        gitlab = new GitLabProviderSync(TestGitLabConfig.pagesOf(PAGE),
                new ApiClients(httpConfig, new CredentialGates(8), null, time), sink, tombstones, null);
        phases = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private SyncOutcome sync(UUID org, Map<String, Object> options, Map<String, Object> cursor,
            Map<String, Object> settings) throws SyncFailedException {
        return gitlab.run(new SyncContext(org, UUID.nameUUIDFromBytes(org.toString().getBytes()), "gitlab-test",
                options, settings, cursor, VERSIONS.incrementAndGet(), (phase, done, total) -> phases.add(phase), null,
                null, null, null));
    }

    /** Project A by its path, group B (which lists B and A again). */
    private SyncOutcome syncBoth(UUID org, Map<String, Object> cursor) throws SyncFailedException {
        return sync(org, Map.of("projects", List.of(RecordedGitLab.pathA()), "groups", List.of(RecordedGitLab.groupB()),
                "baseUrl", gitlabData.apiUrl(server)), cursor, Map.of(ProductionEnvironments.SETTING, List.of("staging")));
    }

    private String query(UUID org, String sql) {
        return Engines.clickhouse().queryWithParams(clickhouse.database(), sql, Map.of("org", org.toString())).strip();
    }

    private long count(UUID org, String table) {
        return Long.parseLong(query(org, "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}"));
    }

    private String repo(UUID org, long projectId) {
        return "'" + GitLabProject.repoId(org, gitlabData.apiUrl(server), projectId) + "'";
    }

    @Test
    void aFullSyncWritesEveryReplayedItem() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = syncBoth(org, null);
        String a = repo(org, RecordedGitLab.idA());
        String b = repo(org, RecordedGitLab.idB());

        assertThat(query(org, "SELECT groupArray(full_name) FROM (SELECT full_name FROM repos FINAL "
                + "WHERE org_id = {org:UUID} AND provider = 'gitlab' ORDER BY full_name)"))
                .isEqualTo(List.of(RecordedGitLab.pathA(), RecordedGitLab.pathB()).stream().sorted()
                        .map(p -> "'" + p + "'").collect(Collectors.joining(",", "[", "]")));
        assertThat(numbers(org, "pull_requests", "number", a)).isEqualTo(iids(RecordedGitLab.mergeRequestsA()));
        assertThat(numbers(org, "pull_requests", "number", b)).isEqualTo(iids(gitlabData.list("merge_requests")));

        // Merge request 1 of B: the served detail, its approvals and notes.
        JsonNode mr = gitlabData.detailB(1);
        String author = mr.get("author").get("username").asText();
        List<JsonNode> reviewNotes = RecordedGitLab.notesB().stream().filter(n -> !n.get("system").asBoolean())
                .filter(n -> !n.get("author").get("username").asText().equals(author)).toList();
        JsonNode approval = RecordedGitLab.single("merge_requests/approvals").get("approved_by").get(0);
        long firstReview = reviewNotes.stream().mapToLong(n -> millis(n.get("created_at")))
                .min().orElseThrow();
        firstReview = Math.min(firstReview, millis(approval.get("approved_at")));
        assertThat(query(org, "SELECT provider, title, state, author_login, author_id, head_branch, base_branch, "
                + "head_sha, base_sha, merge_commit_sha, labels, merged_by_login, merged_by_id, comments_count, "
                + "review_comments_count, toUnixTimestamp64Milli(first_review_at), toUnixTimestamp64Milli(merged_at), "
                + "url FROM pull_requests FINAL WHERE org_id = {org:UUID} AND repo_id = " + b + " AND number = 1"))
                .isEqualTo(String.join("\t", "gitlab", mr.get("title").asText(), "merged", author,
                        mr.get("author").get("id").asText(), mr.get("source_branch").asText(),
                        mr.get("target_branch").asText(), mr.get("sha").asText(),
                        mr.get("diff_refs").get("base_sha").asText(), mr.get("merge_commit_sha").asText(),
                        labels(mr), mr.get("merge_user").get("username").asText(),
                        mr.get("merge_user").get("id").asText(), mr.get("user_notes_count").asText(), "1",
                        Long.toString(firstReview), Long.toString(millis(mr.get("merged_at"))),
                        mr.get("web_url").asText()));
        // Reviews: every approval (A's merge request 2, B's merge request 1) and the review notes by others.
        assertThat(count(org, "pull_request_reviews")).isEqualTo(2 + reviewNotes.stream()
                .filter(n -> !"DiffNote".equals(n.path("type").asText())).count());
        assertThat(query(org, "SELECT reviewer_login, reviewer_id, state, toUnixTimestamp64Milli(submitted_at) "
                + "FROM pull_request_reviews FINAL WHERE org_id = {org:UUID} AND repo_id = " + a + " AND pr_number = 2"))
                .isEqualTo(String.join("\t", approval.get("user").get("username").asText(),
                        approval.get("user").get("id").asText(), "APPROVED",
                        Long.toString(millis(approval.get("approved_at")))));
        JsonNode diffNote = RecordedGitLab.notesB().getLast();
        assertThat(query(org, "SELECT pr_number, comment_id, author_login, author_id, path, commit_sha "
                + "FROM pull_request_review_comments FINAL WHERE org_id = {org:UUID}"))
                .isEqualTo(String.join("\t", "1", diffNote.get("id").asText(),
                        diffNote.get("author").get("username").asText(), diffNote.get("author").get("id").asText(),
                        diffNote.get("position").get("new_path").asText(),
                        diffNote.get("position").get("head_sha").asText()));

        // Merge request commits (B's merge request 3) and the first commit time they give the merge request.
        List<JsonNode> commits = new ArrayList<>(RecordedGitLab.items("merge_requests/commits_mr2.items"));
        assertThat(query(org, "SELECT count(), uniqExact(sha), any(provider) FROM pull_request_commits FINAL "
                + "WHERE org_id = {org:UUID} AND repo_id = " + b + " AND pr_number = 3"))
                .isEqualTo(commits.size() + "\t" + commits.size() + "\tgitlab");
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(first_commit_at), commits_count FROM pull_requests FINAL "
                + "WHERE org_id = {org:UUID} AND repo_id = " + b + " AND number = 3"))
                .isEqualTo(commits.stream().mapToLong(c -> millis(c.get("authored_date"))).min().orElseThrow()
                        + "\t" + commits.size());
        JsonNode commit = commits.getFirst();
        assertThat(query(org, "SELECT author_name, author_email FROM pull_request_commits FINAL WHERE org_id = {org:UUID} "
                + "AND sha = '" + commit.get("id").asText() + "'"))
                .isEqualTo(commit.get("author_name").asText() + "\t" + commit.get("author_email").asText());

        // Issues: A's recorded page (and its empty last page), B's items over several X-Next-Page pages.
        List<JsonNode> issuesA = new ArrayList<>();
        Recordings.json("gitlab/issues/list.page1").forEach(issuesA::add);
        assertThat(count(org, "work_items")).isEqualTo(issuesA.size() + gitlabData.list("issues").size());
        JsonNode issue = issuesA.getFirst();
        assertThat(query(org, "SELECT provider, project_key, title, type, status, status_category, reporter, reporter_id, "
                + "labels, toUnixTimestamp64Milli(completed_at) FROM work_items FINAL WHERE org_id = {org:UUID} "
                + "AND work_item_id = '" + issue.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", "gitlab", RecordedGitLab.pathA(), issue.get("title").asText(), "bug",
                        issue.get("state").asText(), "done", issue.get("author").get("username").asText(),
                        issue.get("author").get("id").asText(), labels(issue),
                        Long.toString(millis(issue.get("closed_at")))));
        JsonNode assigned = gitlabData.list("issues").stream().filter(i -> i.hasNonNull("assignee")).findFirst()
                .orElseThrow();
        assertThat(query(org, "SELECT assignee, assignee_id FROM work_items FINAL WHERE org_id = {org:UUID} "
                + "AND work_item_id = '" + assigned.get("id").asText() + "'"))
                .isEqualTo(assigned.get("assignee").get("username").asText() + "\t"
                        + assigned.get("assignee").get("id").asText());

        // Pipelines with their detail and jobs.
        List<? extends JsonNode> pipelines = gitlabData.list("pipelines");
        assertThat(count(org, "ci_pipeline_runs")).isEqualTo(pipelines.size());
        assertThat(count(org, "ci_pipeline_jobs")).isEqualTo(pipelines.size() * 2L);
        JsonNode run = RecordedGitLab.single("pipelines/single");
        JsonNode job = RecordedGitLab.jobs(run.get("id").asLong()).getFirst();
        assertThat(query(org, "SELECT status, commit_sha, branch, event, actor_login, actor_id, commit_author_name, "
                + "commit_author_email, toUnixTimestamp64Milli(started_at), toUnixTimestamp64Milli(finished_at), url "
                + "FROM ci_pipeline_runs FINAL WHERE org_id = {org:UUID} AND run_id = '" + run.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", "success", run.get("sha").asText(), run.get("ref").asText(),
                        run.get("source").asText(), run.get("user").get("username").asText(),
                        run.get("user").get("id").asText(), job.get("commit").get("author_name").asText(),
                        job.get("commit").get("author_email").asText(), Long.toString(millis(run.get("started_at"))),
                        Long.toString(millis(run.get("finished_at"))), run.get("web_url").asText()));
        JsonNode running = pipelines.stream().filter(p -> p.get("status").asText().equals("running")).findFirst()
                .orElseThrow();
        assertThat(query(org, "SELECT status, finished_at IS NULL FROM ci_pipeline_runs FINAL WHERE org_id = {org:UUID} "
                + "AND run_id = '" + running.get("id").asText() + "'")).isEqualTo("running\t1");
        assertThat(query(org, "SELECT name, status, commit_sha, url FROM ci_pipeline_jobs FINAL WHERE org_id = {org:UUID} "
                + "AND run_id = '" + run.get("id").asText() + "' AND job_id = '" + job.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", job.get("name").asText(), "failure", job.get("commit").get("id").asText(),
                        job.get("web_url").asText()));

        // Deployments: status in the shared vocabulary, the tier decides production (the org setting names staging,
        // and is not asked: every environment has a tier), the pipeline that deployed.
        List<? extends JsonNode> deployments = gitlabData.list("deployments");
        StringBuilder expected = new StringBuilder();
        long states = 0;
        for (JsonNode d : deployments.stream().sorted((x, y) -> Long.compare(x.get("id").asLong(), y.get("id").asLong()))
                .toList()) {
            String environment = d.get("environment").get("name").asText();
            String status = d.get("status").asText();
            expected.append(String.join("\t", d.get("id").asText(), environment,
                    environment.equals("production") ? "production" : "staging",
                    environment.equals("production") ? "1" : "0", DEPLOYMENT_STATUS.getOrDefault(status, "queued"),
                    d.get("sha").asText(), d.get("deployable").get("pipeline").get("id").asText(),
                    d.get("user").get("username").asText())).append('\n');
            states += 1 + (d.get("deployable").hasNonNull("started_at") || status.equals("running") ? 1 : 0)
                    + (status.equals("created") || status.equals("running") ? 0 : 1);
        }
        assertThat(query(org, "SELECT deployment_id, environment, environment_tier, is_production, status, commit_sha, "
                + "pipeline_id, creator_login FROM deployments FINAL WHERE org_id = {org:UUID} ORDER BY toUInt64(deployment_id)"))
                .isEqualTo(expected.toString().strip());
        assertThat(count(org, "deployment_statuses")).isEqualTo(states);
        JsonNode succeeded = deployments.stream().filter(d -> d.get("status").asText().equals("success")).findFirst()
                .orElseThrow();
        assertThat(query(org, "SELECT toUnixTimestamp64Milli(finished_at), task, url FROM deployments FINAL "
                + "WHERE org_id = {org:UUID} AND deployment_id = '" + succeeded.get("id").asText() + "'"))
                .isEqualTo(String.join("\t", Long.toString(millis(succeeded.get("deployable").get("finished_at"))),
                        succeeded.get("deployable").get("name").asText(),
                        succeeded.get("deployable").get("web_url").asText()));

        // Every recorded page was requested: both recorded Link chains to their page 2, the recorded detail and
        // approvals; B's issue pages by X-Next-Page alone; A (listed twice) once; no CI request for A (disabled).
        List<String> requested = server.requests().stream().map(ReplayServer.Request::pathAndQuery).toList();
        assertThat(requested).contains(RecordedGitLab.nextPath("merge_requests/list.page1"),
                RecordedGitLab.nextPath("issues/list.page1"),
                Recordings.requestPath("gitlab/merge_requests/single"),
                "/api/v4/projects/" + RecordedGitLab.idA() + "/merge_requests/2/approvals");
        long issuePagesB = (gitlabData.list("issues").size() + PAGE - 1) / PAGE;
        assertThat(requested.stream().filter(p -> p.startsWith("/api/v4/projects/" + RecordedGitLab.idB() + "/issues?")))
                .hasSize((int) issuePagesB).last().asString().endsWith("&page=" + issuePagesB);
        assertThat(requested.stream().filter(p -> p.startsWith("/api/v4/projects/" + RecordedGitLab.idA()
                + "/merge_requests?scope=all"))).as("A is synced once").hasSize(1);
        assertThat(requested).noneMatch(p -> p.startsWith("/api/v4/projects/" + RecordedGitLab.idA() + "/pipelines"));

        assertThat(outcome.counts()).containsEntry("projects", 2L).containsEntry("rateLimitWaits", 0L)
                .containsEntry("fetched.merge_requests", (long) RecordedGitLab.mergeRequestsA().size()
                        + gitlabData.list("merge_requests").size());
        assertThat(phases).contains("merge_requests " + RecordedGitLab.pathA(), "pipelines " + RecordedGitLab.pathB());
        Map<String, Map<String, Map<String, Object>>> scopes = scopes(outcome);
        assertThat(scopes.get(Long.toString(RecordedGitLab.idA()))).containsOnlyKeys("merge_requests", "issues");
        assertThat(scopes.get(Long.toString(RecordedGitLab.idB())))
                .containsOnlyKeys("merge_requests", "issues", "pipelines", "deployments");
        assertThat(scopes.get(Long.toString(RecordedGitLab.idB())).get("pipelines").get("watermark"))
                .isEqualTo(newest(gitlabData.list("pipelines")).toString());
        assertThat(outcome.cursor()).containsEntry("baseUrl", gitlabData.apiUrl(server));
    }

    @Test
    void anIncrementalRunAsksOnlyForWhatChangedAndWritesNoDuplicates() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = syncBoth(org, null);
        Map<String, Long> before = finalCounts(org);
        Instant edited = newest(gitlabData.list("merge_requests")).plus(Duration.ofHours(5));
        gitlabData.touch("merge_requests", 2, edited, "Edited at the source");
        server.clearRequests();

        SyncOutcome second = syncBoth(org, first.cursor());

        Map<String, Map<String, Map<String, Object>>> scopes = scopes(first);
        String projectB = "/api/v4/projects/" + RecordedGitLab.idB();
        for (String stream : List.of("merge_requests", "issues", "pipelines", "deployments")) {
            Instant since = Instant.parse((String) scopes.get(Long.toString(RecordedGitLab.idB())).get(stream)
                    .get("watermark")).minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery)
                    .filteredOn(p -> p.startsWith(projectB + "/" + stream + "?"))
                    .isNotEmpty().allSatisfy(p -> assertThat(p).contains("&updated_after=" + since + "&")
                            .contains("order_by=updated_at&sort=desc"));
        }
        // Only the edited merge request, plus what falls within the overlap before each watermark.
        Instant sinceB = Instant.parse((String) scopes.get(Long.toString(RecordedGitLab.idB())).get("merge_requests")
                .get("watermark")).minus(Duration.ofMinutes(10));
        Instant sinceA = Instant.parse((String) scopes.get(Long.toString(RecordedGitLab.idA())).get("merge_requests")
                .get("watermark")).minus(Duration.ofMinutes(10));
        long changed = gitlabData.list("merge_requests").stream().filter(mr -> !RecordedGitLab.updatedAt(mr)
                .isBefore(sinceB)).count() + RecordedGitLab.mergeRequestsA().stream()
                        .filter(mr -> !RecordedGitLab.updatedAt(mr).isBefore(sinceA)).count();
        assertThat(second.counts().get("fetched.merge_requests")).isEqualTo(changed).isLessThan(
                (long) gitlabData.list("merge_requests").size());
        assertThat(finalCounts(org)).isEqualTo(before);
        long iid = gitlabData.list("merge_requests").get(2).get("iid").asLong();
        assertThat(query(org, "SELECT title, toUnixTimestamp64Milli(updated_at) FROM pull_requests FINAL "
                + "WHERE org_id = {org:UUID} AND repo_id = " + repo(org, RecordedGitLab.idB()) + " AND number = " + iid))
                .isEqualTo("Edited at the source\t" + edited.toEpochMilli());
        assertThat(scopes(second).get(Long.toString(RecordedGitLab.idB())).get("merge_requests").get("watermark"))
                .isEqualTo(edited.toString());
    }

    @Test
    void missingAndForbiddenProjectsFailOnlyTheirScope() throws Exception {
        String api = "/api/v4/projects/";
        server.route(api + GitLabApi.segment("acme/gone"), Reply.json(404, "{\"message\":\"404 Project Not Found\"}"));
        server.route(api + GitLabApi.segment("acme/private"), RecordedGitLab.json(RecordedGitLab.project(99, "acme/private",
                false)));
        server.routePath(api + "99/merge_requests", Reply.json(403, "{\"message\":\"403 Forbidden\"}"));
        UUID org = UUID.randomUUID();

        assertThatThrownBy(() -> sync(org, Map.of("projects", List.of("acme/gone", RecordedGitLab.pathA(), "acme/private"),
                "baseUrl", gitlabData.apiUrl(server)), null, Map.of()))
                .isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("project acme/gone: GET ")
                .hasMessageContaining(api + "acme%2Fgone answered 404 (not found, or not visible to the credential): "
                        + "404 Project Not Found")
                .hasMessageContaining("project acme/private: GET ")
                .hasMessageContaining(api + "99/merge_requests?")
                .hasMessageContaining("answered 403 (the credential may not read this): 403 Forbidden")
                .hasMessageContaining("1 other projects synced; the cursor stays unchanged");
        assertThat(query(org, "SELECT count() FROM pull_requests FINAL WHERE org_id = {org:UUID} AND repo_id = "
                + repo(org, RecordedGitLab.idA()))).as("the accessible project was synced")
                .isEqualTo(Integer.toString(RecordedGitLab.mergeRequestsA().size()));

        // A group that does not exist fails as a scope too.
        server.routePath("/api/v4/groups/acme/projects", Reply.json(404, "{\"message\":\"404 Group Not Found\"}"));
        assertThatThrownBy(() -> sync(UUID.randomUUID(), Map.of("groups", List.of("acme", RecordedGitLab.groupB()),
                "baseUrl", gitlabData.apiUrl(server)), null, Map.of()))
                .isInstanceOf(SyncFailedException.class).hasMessageContaining("group acme: GET ")
                .hasMessageContaining("404 Group Not Found").hasMessageContaining("2 other projects synced");
    }

    @Test
    void aTooManyRequestsAndASpentWindowMakeTheRunWaitThenResume() throws Exception {
        Map<String, String> limits = RecordedGitLab.rateLimitHeaders();
        Reply refused = new Reply(429, Map.of("Content-Type", "text/plain", "Retry-After", "30"),
                "Retry later\n".getBytes(), ReplayServer.Delivery.NORMAL);
        for (Map.Entry<String, String> header : limits.entrySet()) {
            refused = refused.with(header.getKey(), header.getKey().equalsIgnoreCase("RateLimit-Remaining") ? "0"
                    : header.getValue());
        }
        String a = "/api/v4/projects/" + RecordedGitLab.idA();
        server.routePath(a + "/merge_requests", refused, gitlabData.recorded("merge_requests/list.page1"));
        // The detail spends the window: the next request waits until its reset, a minute after the response's Date.
        Instant date = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        server.route(Recordings.requestPath("gitlab/merge_requests/single"),
                gitlabData.recorded("merge_requests/single").with("Ratelimit-Remaining", "0")
                        .with("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)))
                        .with("Ratelimit-Reset", Long.toString(date.getEpochSecond() + 60)));
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = syncBoth(org, null);

        assertThat(time.sleeps()).hasSize(2);
        assertThat(time.sleeps().getFirst()).isEqualTo(START.plusSeconds(30));
        assertThat(Duration.between(time.sleeps().getFirst(), time.sleeps().get(1)))
                .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
        assertThat(phases).contains("waiting until " + START.plusSeconds(30) + " (Retry-After)")
                .anySatisfy(phase -> assertThat(phase).startsWith("waiting until ").endsWith("(rate limit)"));
        assertThat(outcome.counts()).containsEntry("rateLimitWaits", 2L);
        assertThat(count(org, "pull_requests")).isEqualTo(RecordedGitLab.mergeRequestsA().size()
                + gitlabData.list("merge_requests").size());
    }

    @Test
    void aStormOfServerErrorsRateLimitsSlowAndCutBodiesChangesNothingInTheData() throws Exception {
        ProviderStorm.assertSyncSurvives(server, "gitlab", clickhouse.database(), List.of(), org -> syncBoth(org, null),
                "pull_requests", "ci_pipeline_runs");
    }

    @Test
    void truncatedOrMalformedBodiesFailTheRunClearly() {
        String page2 = RecordedGitLab.nextPath("merge_requests/list.page1");
        server.route(page2, gitlabData.recorded("merge_requests/list.page1").truncated());
        assertThatThrownBy(() -> syncBoth(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining(page2 + " failed after 4 attempts (connection failed or the response was cut short)");

        gitlabData.install(server);
        Recordings.Recording issues = Recordings.load("gitlab/issues/list.page1");
        server.routePath("/api/v4/projects/" + RecordedGitLab.idA() + "/issues", new Reply(200, issues.headers(),
                java.util.Arrays.copyOf(issues.body(), issues.body().length - 40), ReplayServer.Delivery.NORMAL));
        assertThatThrownBy(() -> syncBoth(UUID.randomUUID(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("/api/v4/projects/" + RecordedGitLab.idA() + "/issues?")
                .hasMessageContaining("the response body is not valid JSON");
    }

    @Test
    void aSelfManagedInstanceUnderAPathPrefixIsSyncedAlike() throws Exception {
        server.close();
        server = ReplayServer.start(RecordedGitLab.ORIGIN);
        gitlabData = new RecordedGitLab("/gitlab");
        gitlabData.install(server);
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = syncBoth(org, null);

        assertThat(server.requests()).isNotEmpty()
                .allSatisfy(request -> assertThat(request.pathAndQuery()).startsWith("/gitlab/api/v4/"));
        assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery)
                .contains("/gitlab" + RecordedGitLab.nextPath("merge_requests/list.page1"));
        assertThat(outcome.cursor()).containsEntry("baseUrl", server.url() + "/gitlab/api/v4");
        assertThat(count(org, "pull_requests")).isEqualTo(RecordedGitLab.mergeRequestsA().size()
                + gitlabData.list("merge_requests").size());
        assertThat(count(org, "deployments")).isEqualTo(gitlabData.list("deployments").size());
    }

    @Test
    void withoutReadableEnvironmentsTheOrganizationsProductionNamesDecide() throws Exception {
        server.routePath("/api/v4/projects/" + RecordedGitLab.idB() + "/environments",
                Reply.json(403, "{\"message\":\"403 Forbidden\"}"));
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = sync(org, Map.of("groups", List.of(RecordedGitLab.groupB()), "baseUrl",
                gitlabData.apiUrl(server)), null, Map.of(ProductionEnvironments.SETTING, List.of("STAG*")));

        assertThat(outcome.warnings()).singleElement().asString().contains("environments are not readable (HTTP 403)");
        Map<String, Long> byEnvironment = new TreeMap<>();
        gitlabData.list("deployments").forEach(d -> byEnvironment.merge(d.get("environment").get("name").asText(), 1L,
                Long::sum));
        assertThat(query(org, "SELECT environment, environment_tier, is_production, count() FROM deployments FINAL "
                + "WHERE org_id = {org:UUID} GROUP BY ALL ORDER BY environment"))
                .isEqualTo(byEnvironment.entrySet().stream().map(e -> e.getKey() + "\t\t"
                        + (e.getKey().startsWith("stag") ? "1" : "0") + "\t" + e.getValue())
                        .collect(Collectors.joining("\n")));
    }

    private Map<String, Long> finalCounts(UUID org) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : Set.of("pull_requests", "pull_request_reviews", "pull_request_review_comments",
                "pull_request_commits", "work_items", "ci_pipeline_runs", "ci_pipeline_jobs", "deployments",
                "deployment_statuses", "repos")) {
            counts.put(table, count(org, table));
        }
        return counts;
    }

    private String numbers(UUID org, String table, String column, String repo) {
        return query(org, "SELECT groupArray(" + column + ") FROM (SELECT " + column + " FROM " + table + " FINAL "
                + "WHERE org_id = {org:UUID} AND repo_id = " + repo + " ORDER BY " + column + ")");
    }

    private static String iids(List<? extends JsonNode> items) {
        return items.stream().map(i -> i.get("iid").asLong()).sorted().map(String::valueOf)
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Instant newest(List<? extends JsonNode> items) {
        return items.stream().map(RecordedGitLab::updatedAt).max(Instant::compareTo).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> scopes(SyncOutcome outcome) {
        return (Map<String, Map<String, Map<String, Object>>>) outcome.cursor().get("scopes");
    }

    private static long millis(JsonNode timestamp) {
        return OffsetDateTime.parse(timestamp.asText()).toInstant().toEpochMilli();
    }

    private static String labels(JsonNode item) {
        List<String> names = new ArrayList<>();
        item.get("labels").forEach(label -> names.add("'" + label.asText() + "'"));
        return "[" + String.join(",", names) + "]";
    }
}
