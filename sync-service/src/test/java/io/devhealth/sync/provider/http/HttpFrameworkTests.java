package io.devhealth.sync.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The provider-neutral plug-ins on their own: {@code Link} parsing, header rate limits (GitHub's and GitLab's header
 * names), cursors and progress phases. The HTTP behaviour itself is tested against replayed GitHub responses in
 * {@code GitHubApiClientTests}.
 */
class HttpFrameworkTests {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private static ApiResponse response(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new ApiResponse(URI.create("https://api.example.test/x?page=1"), status,
                HttpHeaders.of(multi, (a, b) -> true), body.getBytes());
    }

    @Test
    void linkHeaderFindsNextWhateverTheOrderQuotingAndSpacing() {
        assertThat(LinkHeaderPagination.rel("<https://a/p?page=2>; rel=\"next\", <https://a/p?page=9>; rel=\"last\"",
                "next")).contains("https://a/p?page=2");
        assertThat(LinkHeaderPagination.rel("<https://a/p?page=1>; rel=\"prev first\" ,<https://a/p?page=3>;rel=next",
                "next")).contains("https://a/p?page=3");
        assertThat(LinkHeaderPagination.rel("<https://a/p?page=1>; rel=\"prev\"", "next")).isEmpty();
        // GitLab keyset pagination puts the cursor in the URL; it is followed as given, relative ones resolved.
        ApiResponse page = response(200, Map.of("Link", "</x?cursor=abc%3D&per_page=20>; rel=\"next\""), "[]");
        assertThat(LinkHeaderPagination.INSTANCE.next(page)).contains(URI.create("https://api.example.test/x?cursor=abc%3D&per_page=20"));
        assertThat(LinkHeaderPagination.INSTANCE.next(response(200, Map.of(), "[]"))).isEmpty();
    }

    @Test
    void headerRateLimitsWorkWithGitLabNamesToo() {
        HeaderRateLimits gitlab = new HeaderRateLimits("RateLimit-Remaining", "RateLimit-Reset", r -> false);
        ApiResponse limited = response(429, Map.of("RateLimit-Remaining", "0", "RateLimit-Reset",
                Long.toString(NOW.getEpochSecond() + 42)), "Retry later");
        assertThat(gitlab.refused(limited, NOW, 0)).map(RateLimitPolicy.RateLimitWait::until)
                .contains(NOW.plusSeconds(42));
        ApiResponse spent = response(200, Map.of("RateLimit-Remaining", "0", "RateLimit-Reset",
                Long.toString(NOW.getEpochSecond() + 5)), "[]");
        assertThat(gitlab.exhausted(spent, NOW)).map(RateLimitPolicy.RateLimitWait::until).contains(NOW.plusSeconds(5));
        assertThat(gitlab.exhausted(response(200, Map.of("RateLimit-Remaining", "17"), "[]"), NOW)).isEmpty();
        // An HTTP-date Retry-After, read against the response's Date (a skewed local clock does not matter).
        ApiResponse dated = response(429, Map.of("Retry-After", "Wed, 02 Dec 2026 07:01:30 GMT",
                "Date", "Wed, 02 Dec 2026 07:00:00 GMT"), "");
        assertThat(gitlab.refused(dated, NOW, 0)).map(RateLimitPolicy.RateLimitWait::until).contains(NOW.plusSeconds(90));
        // A 403 without any rate-limit sign is a permission refusal, not a wait.
        assertThat(gitlab.refused(response(403, Map.of("RateLimit-Remaining", "100"), "{\"message\":\"403 Forbidden\"}"),
                NOW, 0)).isEmpty();
        // A bare 429 backs off, growing per consecutive refusal, capped at 15 minutes.
        assertThat(gitlab.refused(response(429, Map.of(), ""), NOW, 0)).map(RateLimitPolicy.RateLimitWait::until)
                .contains(NOW.plusSeconds(60));
        assertThat(gitlab.refused(response(429, Map.of(), ""), NOW, 9)).map(RateLimitPolicy.RateLimitWait::until)
                .contains(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void cursorsKeepEveryScopeAndStreamAndIgnoreOtherBaseUrls() {
        ProviderCursor cursor = ProviderCursor.from(null, "https://api.github.com");
        Instant watermark = Instant.parse("2026-12-01T10:00:00Z");
        URI first = URI.create("https://api.github.com/repos/a/b/pulls?state=all");
        cursor.put("a/b", "pull_requests", new StreamCursor(watermark, "W/\"e\"", first.toString()));
        cursor.put("a/c", "issues", new StreamCursor(watermark, null, null));
        Map<String, Object> stored = cursor.toMap();

        ProviderCursor again = ProviderCursor.from(stored, "https://api.github.com");
        StreamCursor pulls = again.stream("a/b", "pull_requests");
        assertThat(pulls.watermark()).isEqualTo(watermark);
        assertThat(pulls.etagFor(first)).isEqualTo("W/\"e\"");
        assertThat(pulls.etagFor(URI.create(first + "&since=x"))).as("another URL: no conditional request").isNull();
        assertThat(pulls.since(Duration.ofMinutes(10), null)).isEqualTo(watermark.minus(Duration.ofMinutes(10)));
        assertThat(again.stream("a/c", "pull_requests")).isEqualTo(StreamCursor.EMPTY);
        assertThat(again.toMap()).isEqualTo(stored);
        assertThat(StreamCursor.EMPTY.since(Duration.ofMinutes(10), NOW)).as("first run: the backfill start").isEqualTo(NOW);
        assertThat(ProviderCursor.from(stored, "https://ghe.example.test/api/v3").stream("a/b", "pull_requests"))
                .as("a cursor of another server is not this one's").isEqualTo(StreamCursor.EMPTY);
        Map<String, Object> damaged = new java.util.HashMap<>(stored);
        damaged.put("scopes", Map.of("a/b", Map.of("pull_requests", Map.of("watermark", "not a time"))));
        assertThat(ProviderCursor.from(damaged, "https://api.github.com").stream("a/b", "pull_requests").watermark())
                .as("a damaged watermark means a full read, never a skipped one").isNull();
    }

    @Test
    void progressPhasesFitIdentityAndCountOneSharedWaitOnce() {
        List<String> phases = new java.util.ArrayList<>();
        RunProgress progress = new RunProgress((phase, done, total) -> phases.add(phase + "@" + done), "github");
        progress.reading("pull_requests", "a-very-long-organization-name/" + "r".repeat(80));
        progress.written("pull_requests", 3);
        Instant until = Instant.parse("2026-12-02T09:00:00.500Z");
        progress.waiting(until, "rate limit");
        progress.waiting(until, "rate limit"); // a second request of the same credential waits for the same reset
        progress.resumed(Duration.ofSeconds(3600));
        assertThat(phases).allSatisfy(phase -> assertThat(phase.substring(0, phase.lastIndexOf('@'))).hasSizeLessThanOrEqualTo(64));
        assertThat(phases).contains("waiting until 2026-12-02T09:00:00Z (rate limit)@3");
        assertThat(progress.counts()).containsEntry("pull_requests", 3L).containsEntry("rateLimitWaits", 1L)
                .containsEntry("rateLimitWaitSeconds", 3600L);
        assertThat(Optional.of(phases.getLast())).get().asString().startsWith("pull_requests a-very-long");
    }
}
