package io.devhealth.sync.provider.github;

import java.util.Locale;
import java.util.Map;

import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.BearerTokenApi;
import io.devhealth.sync.provider.http.HeaderRateLimits;
import io.devhealth.sync.provider.http.LinkHeaderPagination;
import io.devhealth.sync.provider.http.RateLimitPolicy;

/**
 * GitHub's REST API v3 conventions: {@code https://api.github.com} or a GitHub Enterprise Server's
 * {@code https://host/api/v3}; {@code Authorization: Bearer <token>} (personal access tokens, fine-grained tokens and
 * installation tokens alike); {@code Link} pagination; rate limits in {@code X-RateLimit-Remaining/Reset} and
 * {@code Retry-After}, and secondary limits (403/429 whose body says so) without either.
 */
public final class GitHubApi extends BearerTokenApi {

    public static final String PROVIDER = "github";
    public static final String PUBLIC_API = "https://api.github.com";
    /** The REST API version the provider is written against. */
    static final String API_VERSION = "2022-11-28";

    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/vnd.github+json",
            "X-GitHub-Api-Version", API_VERSION,
            "User-Agent", "DevHealth-sync");
    private static final RateLimitPolicy RATE_LIMITS = new HeaderRateLimits("X-RateLimit-Remaining",
            "X-RateLimit-Reset", GitHubApi::secondaryLimit);

    /** @param baseUrl the API root without trailing slash; {@code null} or blank: {@value #PUBLIC_API} */
    public GitHubApi(String baseUrl) {
        super(PROVIDER, baseUrl, PUBLIC_API, HEADERS, LinkHeaderPagination.INSTANCE, RATE_LIMITS);
    }

    /**
     * GitHub's secondary (abuse) limits: 403 or 429 whose message mentions them, e.g. "You have exceeded a secondary
     * rate limit…" (older servers: "abuse detection mechanism").
     */
    static boolean secondaryLimit(ApiResponse response) {
        String body = response.text(2000).toLowerCase(Locale.ROOT);
        return body.contains("secondary rate limit") || body.contains("abuse detection");
    }
}
