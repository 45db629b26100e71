package io.devhealth.sync.provider.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.CredentialGates;
import io.devhealth.sync.provider.http.FakeTime;
import io.devhealth.sync.provider.http.Recordings;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.TestHttpConfig;

/**
 * The HTTP framework ({@link ApiClient}) with GitHub's plug-ins against a local server replaying GitHub's recorded
 * responses with their recorded headers: Link pagination over every recorded page, 301, 404, 403, primary and
 * secondary rate limits (the client waits — on a clock that jumps — and resumes), truncated and malformed bodies,
 * conditional requests, where the token goes, and the per-credential concurrency bound.
 */
class GitHubApiClientTests {

    private static final String TOKEN = "ghp_test-secret-never-shown";
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

    ReplayServer server;
    FakeTime time;
    List<String> phases;
    RunProgress progress;

    @BeforeEach
    void setUp() {
        server = ReplayServer.start(GitHubApi.PUBLIC_API);
        time = new FakeTime(START);
        phases = new CopyOnWriteArrayList<>();
        progress = new RunProgress((phase, done, total) -> phases.add(phase), "github");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private ApiClient client(int concurrency) {
        ApiClients clients = new ApiClients(new TestHttpConfig(3, concurrency), new CredentialGates(concurrency), null,
                time);
        return clients.open(new GitHubApi(server.url()), TOKEN, "test-" + System.nanoTime(), progress);
    }

    private static Reply recorded(String name) {
        return Reply.of(Recordings.load("github/" + name));
    }

    @Test
    void followsTheRecordedLinkChainThroughEveryPageWithTheToken() throws Exception {
        server.route("/repos/acme/widgets/issues?per_page=3", recorded("issues/list.page1"));
        for (int page = 2; page <= 5; page++) {
            server.route(Recordings.requestPath("github/issues/list.page" + page), recorded("issues/list.page" + page));
        }
        List<Long> numbers = new ArrayList<>();
        ApiClient.Walk walk = client(4).pages(URI.create(server.url() + "/repos/acme/widgets/issues?per_page=3"), null,
                page -> {
                    ApiClient.array(page, null).forEach(issue -> numbers.add(issue.get("number").asLong()));
                    return true;
                });

        assertThat(walk.pages()).isEqualTo(5);
        assertThat(numbers).containsExactly(13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(walk.etag()).isEqualTo(Recordings.load("github/issues/list.page1").headers().get("ETag"));
        assertThat(server.requests()).hasSize(5).allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(request.header("X-GitHub-Api-Version")).isEqualTo(GitHubApi.API_VERSION);
        });
        assertThat(time.sleeps()).as("no waits").isEmpty();
    }

    @Test
    void stopsWhenTheHandlerHasSeenEnough() throws Exception {
        server.route("/repos/acme/widgets/issues?per_page=3", recorded("issues/list.page1"));
        ApiClient.Walk walk = client(4).pages(URI.create(server.url() + "/repos/acme/widgets/issues?per_page=3"), null,
                page -> false);
        assertThat(walk.pages()).isEqualTo(1);
        // page 2 was requested ahead while page 1 was handled, then abandoned; nothing beyond it
        assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery)
                .isSubsetOf("/repos/acme/widgets/issues?per_page=3", Recordings.requestPath("github/issues/list.page2"));
    }

    @Test
    void primaryRateLimitWaitsUntilTheResetThenResumes() throws Exception {
        // The recorded 403: x-ratelimit-remaining 0, reset 1377013266, Date Tue, 20 Aug 2013 14:50:41 GMT (1377010241).
        server.route("/repos/acme/widgets/issues?per_page=3", recorded("errors/403_rate_limit_exceeded"),
                recorded("issues/list.page5"));
        ApiResponse response = client(4).get(URI.create(server.url() + "/repos/acme/widgets/issues?per_page=3"), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ApiClient.array(response, null)).hasSize(1);
        // The recorded window: 3,025 s (± 1 s: the replayed Date is the server's current second).
        assertThat(time.sleeps()).singleElement().satisfies(until -> assertThat(Duration.between(START, until))
                .isBetween(Duration.ofSeconds(3024), Duration.ofSeconds(3026)));
        Instant until = time.sleeps().getFirst();
        assertThat(phases).contains("waiting until " + until + " (rate limit)");
        assertThat(progress.counts()).containsEntry("rateLimitWaits", 1L);
        assertThat(progress.counts().get("rateLimitWaitSeconds")).isBetween(3024L, 3026L);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void secondaryRateLimitBacksOffLongerEachTimeThenResumes() throws Exception {
        Reply secondary = recorded("errors/403_secondary_rate_limit");
        server.route("/repos/acme/widgets/pulls/1", secondary, secondary, recorded("pulls/single_merged"));
        ApiResponse response = client(4).get("/repos/acme/widgets/pulls/1");

        assertThat(ApiClient.json(response).get("number").asLong()).isEqualTo(546);
        assertThat(time.sleeps()).containsExactly(START.plusSeconds(60), START.plusSeconds(60 + 120));
        assertThat(progress.counts()).containsEntry("rateLimitWaits", 2L);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        Reply limited = recorded("errors/403_secondary_rate_limit").withStatus(429).with("Retry-After", "30");
        server.route("/repos/acme/widgets/pulls/1", limited, recorded("pulls/single_merged"));
        client(4).get("/repos/acme/widgets/pulls/1");
        assertThat(time.sleeps()).containsExactly(START.plusSeconds(30));
    }

    @Test
    void aSpentWindowPausesTheNextRequestUntilTheReset() throws Exception {
        Recordings.Recording page5 = Recordings.load("github/issues/list.page5");
        // The recorded window spent, and reset 10 minutes later than recorded: over an hour after the recorded Date.
        Reply last = recorded("issues/list.page5").with("X-RateLimit-Remaining", "0").with("X-RateLimit-Reset",
                Long.toString(Long.parseLong(page5.headers().get("X-RateLimit-Reset")) + 600));
        server.route("/a", last).route("/b", recorded("issues/list.page4"));
        ApiClient client = client(4);
        client.get("/a");
        assertThat(time.sleeps()).isEmpty();
        client.get("/b");
        // reset − Date is over the configured hour: the wait is capped at it
        assertThat(time.sleeps()).containsExactly(START.plus(Duration.ofHours(1)));
    }

    @Test
    void permissionRefusalIsAFailureNotAWait() {
        server.route("/repos/acme/widgets/actions/runs", recorded("errors/403_resource_not_accessible"));
        assertThatThrownBy(() -> client(4).get("/repos/acme/widgets/actions/runs"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ApiException.Kind.FORBIDDEN);
                    assertThat(e.status()).isEqualTo(403);
                })
                .hasMessageContaining("/repos/acme/widgets/actions/runs answered 403")
                .hasMessageContaining("Resource not accessible by integration")
                .hasMessageNotContaining(TOKEN);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void notFoundNamesTheRequest() {
        server.route("/repos/pengwynn/octokit", recorded("errors/404_repo_not_found"));
        assertThatThrownBy(() -> client(4).get("/repos/pengwynn/octokit"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.NOT_FOUND))
                .hasMessageContaining("/repos/pengwynn/octokit answered 404 (not found, or not visible to the credential): Not Found");
    }

    @Test
    void followsTheRecordedRenameRedirect() throws Exception {
        String old = Recordings.requestPath("github/errors/301_repo_renamed");
        String moved = URI.create(Recordings.load("github/errors/301_repo_renamed").headers().get("Location")).getPath();
        server.route(old, recorded("errors/301_repo_renamed"));
        server.route(moved, Reply.json("{\"full_name\": \"acme/renamed\"}"));
        ApiResponse response = client(4).get(old);
        assertThat(ApiClient.json(response).get("full_name").asText()).isEqualTo("acme/renamed");
        assertThat(response.uri().getPath()).isEqualTo(moved);
        assertThat(server.requests()).extracting(ReplayServer.Request::pathAndQuery).containsExactly(old, moved);
    }

    @Test
    void aRedirectToAnotherHostDoesNotCarryTheToken() throws Exception {
        try (ReplayServer other = ReplayServer.start(GitHubApi.PUBLIC_API)) {
            other.route("/elsewhere", Reply.json("{}"));
            server.route("/moved", Reply.json(302, "{}").with("Location", other.url() + "/elsewhere"));
            client(4).get("/moved");
            assertThat(server.requests().getFirst().header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(other.requests()).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isNull());
        }
    }

    @Test
    void aTruncatedBodyFailsAfterTheRetriesWithoutTheToken() {
        server.route("/repos/acme/widgets/pulls", recorded("pulls/list_open_sorted").truncated());
        assertThatThrownBy(() -> client(4).get("/repos/acme/widgets/pulls"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.UNAVAILABLE))
                .hasMessageContaining("failed after 3 attempts (connection failed or the response was cut short)")
                .hasMessageNotContaining(TOKEN);
        assertThat(server.requests()).hasSize(3);
        assertThat(time.sleeps()).as("back-off between attempts").containsExactly(START.plusSeconds(1), START.plusSeconds(3));
    }

    @Test
    void malformedJsonIsAClearFailure() throws Exception {
        byte[] body = Recordings.load("github/pulls/list_open_sorted").body();
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 3); // a complete response whose JSON stops halfway
        server.route("/repos/acme/widgets/pulls", new Reply(200, java.util.Map.of("Content-Type", "application/json"),
                cut, ReplayServer.Delivery.NORMAL));
        ApiResponse response = client(4).get("/repos/acme/widgets/pulls");
        assertThatThrownBy(() -> ApiClient.array(response, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.MALFORMED))
                .hasMessageContaining("the response body is not valid JSON");
        server.route("/repos/acme/widgets/object", Reply.json("{\"message\": \"not a list\"}"));
        assertThatThrownBy(() -> ApiClient.array(client(4).get("/repos/acme/widgets/object"), null))
                .hasMessageContaining("expected a JSON array, got object");
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() throws Exception {
        server.route("/flaky", Reply.json(502, "{\"message\":\"Server Error\"}"), recorded("issues/list.page5"));
        assertThat(client(4).get("/flaky").status()).isEqualTo(200);
        assertThat(time.sleeps()).containsExactly(START.plusSeconds(1));
    }

    @Test
    void conditionalRequestWithTheStoredEtagIsNotModified() throws Exception {
        Reply page = recorded("issues/list.page1");
        server.route("/repos/acme/widgets/issues", page);
        String etag = page.headers().get("ETag");
        ApiClient.Walk walk = client(4).pages(URI.create(server.url() + "/repos/acme/widgets/issues"), etag,
                p -> { throw new AssertionError("a 304 has no page"); });
        assertThat(walk.notModified()).isTrue();
        assertThat(server.requests().getFirst().header("If-None-Match")).isEqualTo(etag);
    }

    @Test
    void requestsOfOneCredentialStayWithinItsBound() throws Exception {
        CountDownLatch twoInFlight = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
        server.dynamic("/slow", request -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            twoInFlight.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return Reply.json("[]");
        });
        ApiClient client = client(2);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                calls.add(threads.submit(() -> client.get("/slow/" + n)));
            }
            assertThat(twoInFlight.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(inFlight.get()).as("the bound holds the others back").isEqualTo(2);
            release.countDown();
            for (Future<ApiResponse> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(maxInFlight.get()).isEqualTo(2);
            assertThat(server.requests()).hasSize(6);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void envelopePagesAreReadByTheirMember() throws Exception {
        server.route("/repos/acme/widgets/actions/runs", recorded("actions/workflow_runs.page1"));
        server.route("/repositories/540180744/actions/runs?per_page=1&page=2", recorded("actions/workflow_runs.page2"));
        server.route("/repositories/540180744/actions/runs?page=3&per_page=1", recorded("actions/workflow_runs.page3"));
        List<Long> ids = new ArrayList<>();
        client(4).pages(URI.create(server.url() + "/repos/acme/widgets/actions/runs"), null, page -> {
            for (JsonNode run : ApiClient.array(page, "workflow_runs")) {
                ids.add(run.get("id").asLong());
            }
            return true;
        });
        assertThat(ids).containsExactly(3109327341L, 3109327220L, 3109325726L);
    }
}
