package io.devhealth.sync.provider.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.ProductionEnvironments;
import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.CredentialGates;
import io.devhealth.sync.provider.http.FakeTime;
import io.devhealth.sync.provider.http.NextPageHeaderPagination;
import io.devhealth.sync.provider.http.RateLimitPolicy;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.TestHttpConfig;

/**
 * GitLab's HTTP conventions ({@link GitLabApi}) with the framework's client against recorded GitLab pages (their
 * recorded {@code Link}, {@code X-Next-Page} and {@code RateLimit-*} headers), and the provider's pure rules: paths,
 * production environments, state vocabularies.
 */
class GitLabApiTests {

    private static final String TOKEN = "glpat-test-secret-never-shown";
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

    ReplayServer server;
    FakeTime time;
    List<String> phases;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(RecordedGitLab.ORIGIN);
        time = new FakeTime(START);
        phases = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private ApiClient client() {
        return new ApiClients(TestHttpConfig.defaults(), new CredentialGates(4), null, time)
                .open(new GitLabApi(server.url() + "/api/v4/"), TOKEN, "test-" + System.nanoTime(),
                        new RunProgress((phase, done, total) -> phases.add(phase), "gitlab"));
    }

    private static ApiResponse response(int status, Map<String, String> headers, String uri) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new ApiResponse(URI.create(uri), status, HttpHeaders.of(multi, (a, b) -> true), new byte[0]);
    }

    @Test
    void followsTheRecordedLinkThenXNextPageWithTheBearerToken() throws Exception {
        String first = Recordings.requestPath("gitlab/issues/list.page1");
        String second = RecordedGitLab.nextPath("issues/list.page1");
        server.route(first, Reply.of(Recordings.load("gitlab/issues/list.page1")));
        // Page 2 names page 3 by X-Next-Page only (no Link): the client sets page=3 on page 2's own URL.
        server.route(second, RecordedGitLab.json(Recordings.json("gitlab/merge_requests/list.page1")).with("X-Next-Page", "3"));
        String third = NextPageHeaderPagination.withPage(URI.create(second), "page", "3").toString();
        server.route(third, RecordedGitLab.json(new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode())
                .with("X-Next-Page", ""));
        List<Long> ids = new ArrayList<>();
        ApiClient.Walk walk = client().pages(URI.create(server.url() + first), null, page -> {
            ApiClient.array(page, null).forEach(item -> ids.add(item.get("id").asLong()));
            return true;
        });

        List<Long> expected = new ArrayList<>();
        Recordings.json("gitlab/issues/list.page1").forEach(item -> expected.add(item.get("id").asLong()));
        Recordings.json("gitlab/merge_requests/list.page1").forEach(item -> expected.add(item.get("id").asLong()));
        assertThat(ids).isEqualTo(expected);
        assertThat(walk.pages()).isEqualTo(3);
        assertThat(walk.etag()).isEqualTo(Recordings.load("gitlab/issues/list.page1").headers().get("Etag"));
        assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery).containsExactly(first, second, third);
        assertThat(server.requests()).allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("PRIVATE-TOKEN")).isNull();
        });
        assertThat(time.sleeps()).as("the recorded windows were far from spent").isEmpty();
    }

    @Test
    void nextPageHeaderPaginationPrefersLinkAndEndsOnAnEmptyNumber() {
        NextPageHeaderPagination pagination = new NextPageHeaderPagination("X-Next-Page", "page");
        String url = "https://gitlab.example.test/api/v4/projects/1/issues?state=all&page=2&per_page=20";
        assertThat(pagination.next(response(200, Map.of("X-Next-Page", "3"), url)))
                .contains(URI.create("https://gitlab.example.test/api/v4/projects/1/issues?state=all&page=3&per_page=20"));
        assertThat(pagination.next(response(200, Map.of("X-Next-Page", "2"),
                "https://gitlab.example.test/api/v4/projects/1/issues?state=all")))
                .as("page added when the first request had none")
                .contains(URI.create("https://gitlab.example.test/api/v4/projects/1/issues?state=all&page=2"));
        assertThat(pagination.next(response(200, Map.of("X-Next-Page", ""), url))).isEmpty();
        assertThat(pagination.next(response(200, Map.of("X-Next-Page", "3", "Link",
                "<https://gitlab.example.test/api/v4/projects?cursor=eyJpZCI6IjQyIn0%3D&pagination=keyset>; rel=\"next\""),
                url))).as("keyset: the cursor in the Link wins")
                .contains(URI.create("https://gitlab.example.test/api/v4/projects?cursor=eyJpZCI6IjQyIn0%3D&pagination=keyset"));
        assertThat(pagination.next(response(200, Map.of(), url))).isEmpty();
    }

    @Test
    void gitLabRateLimitHeadersAreRead() {
        RateLimitPolicy limits = new GitLabApi(null).rateLimits();
        // GitLab's documented 429: Retry-After with the RateLimit-* set, the window spent.
        ApiResponse refused = response(429, Map.of("Retry-After", "42", "RateLimit-Limit", "2000",
                "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(START.getEpochSecond() + 50)),
                "https://gitlab.com/api/v4/projects/1");
        assertThat(limits.refused(refused, START, 0)).map(RateLimitPolicy.RateLimitWait::until)
                .contains(START.plusSeconds(42));
        // A served page that spent the window: wait for its reset.
        ApiResponse spent = response(200, Map.of("RateLimit-Remaining", "0", "RateLimit-Reset",
                Long.toString(START.getEpochSecond() + 7)), "https://gitlab.com/api/v4/projects/1");
        assertThat(limits.exhausted(spent, START)).map(RateLimitPolicy.RateLimitWait::until)
                .contains(START.plusSeconds(7));
        // The recorded headers of a page: plenty left, no wait; a permission 403 is never a wait.
        Map<String, String> recorded = RecordedGitLab.rateLimitHeaders();
        assertThat(limits.exhausted(response(200, recorded, "https://gitlab.com/api/v4/x"), START)).isEmpty();
        assertThat(limits.refused(response(403, recorded, "https://gitlab.com/api/v4/x"), START, 0)).isEmpty();
    }

    @Test
    void projectsAndGroupsAreAddressedByIdOrEncodedPath() {
        assertThat(GitLabApi.segment("acme/platform/api")).isEqualTo("acme%2Fplatform%2Fapi");
        assertThat(GitLabApi.segment("12345678")).isEqualTo("12345678");
        assertThat(GitLabApi.segment("my group/sub.project")).isEqualTo("my%20group%2Fsub.project");
        assertThat(new GitLabApi(null).baseUrl()).isEqualTo(URI.create(GitLabApi.PUBLIC_API));
        assertThat(new GitLabApi("https://git.example.test/gitlab/api/v4/").resolve("/projects/1"))
                .isEqualTo(URI.create("https://git.example.test/gitlab/api/v4/projects/1"));
    }

    @Test
    void theTierDecidesProductionElseTheOrganizationsNames() {
        ProductionEnvironments defaults = ProductionEnvironments.from(Map.of());
        assertThat(defaults.production("Production", "")).isTrue();
        assertThat(defaults.production("prod", "")).isTrue();
        assertThat(defaults.production("production-eu", "")).isFalse();
        assertThat(defaults.production("staging", "production")).as("the tier wins over the name").isTrue();
        assertThat(defaults.production("production", "staging")).isFalse();
        ProductionEnvironments custom = ProductionEnvironments.from(Map.of(ProductionEnvironments.SETTING,
                List.of("prod-*", "*-live", "eu.prod")));
        assertThat(custom.production("PROD-eu", "")).isTrue();
        assertThat(custom.production("shop-live", "")).isTrue();
        assertThat(custom.production("euXprod", "")).as("a dot is a dot").isFalse();
        assertThat(custom.production("production", "")).isFalse();
    }

    @Test
    void statesMapToTheSharedVocabularies() {
        assertThat(List.of("opened", "closed", "merged", "locked").stream().map(GitLabStates::mergeRequest))
                .containsExactly("open", "closed", "merged", "open");
        assertThat(List.of("success", "failed", "canceled", "canceling", "skipped", "running", "pending", "created",
                "manual", "scheduled", "waiting_for_resource", "preparing").stream().map(GitLabStates::ci))
                .containsExactly("success", "failure", "canceled", "canceled", "skipped", "running", "queued",
                        "queued", "queued", "queued", "queued", "queued");
        assertThat(List.of("success", "failed", "canceled", "skipped", "running", "created", "blocked", "new-state")
                .stream().map(GitLabStates::deployment))
                .containsExactly("success", "failure", "error", "inactive", "in_progress", "queued", "queued", "queued");
        assertThat(GitLabStates.issueType("incident", List.of())).isEqualTo("incident");
        assertThat(GitLabStates.issueType("issue", List.of("type::Bug"))).isEqualTo("bug");
        assertThat(GitLabStates.issueType("TASK", List.of())).isEqualTo("task");
        assertThat(GitLabStates.issueType("epic", List.of("bug"))).isEqualTo("epic");
        assertThat(GitLabStates.issueType("issue", List.of("docs"))).isEqualTo("other");
    }

    @Test
    void aProjectsDisabledFeaturesAreSkipped() {
        JsonNode project = RecordedGitLab.project(7, "acme/docs", false).put("issues_access_level", "disabled");
        GitLabProject parsed = GitLabProject.from(java.util.UUID.randomUUID(), GitLabApi.PUBLIC_API, project);
        assertThat(parsed.features()).containsExactly(GitLabProject.MERGE_REQUESTS);
        assertThat(parsed.fullPath()).isEqualTo("acme/docs");
        assertThat(parsed.cloneUrl()).isEqualTo(RecordedGitLab.ORIGIN + "/acme/docs.git");
    }
}
