package io.devhealth.sync.provider.github;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;

import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.HeaderRateLimits;
import io.devhealth.sync.provider.http.LinkHeaderPagination;
import io.devhealth.sync.provider.http.Pagination;
import io.devhealth.sync.provider.http.ProviderApi;
import io.devhealth.sync.provider.http.RateLimitPolicy;

/**
 * GitHub's REST API v3 conventions: {@code https://api.github.com} or a GitHub Enterprise Server's
 * {@code https://host/api/v3}; {@code Authorization: Bearer <token>} (personal access tokens, fine-grained tokens and
 * installation tokens alike); {@code Link} pagination; rate limits in {@code X-RateLimit-Remaining/Reset} and
 * {@code Retry-After}, and secondary limits (403/429 whose body says so) without either.
 */
public final class GitHubApi implements ProviderApi {

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

    private final URI baseUrl;

    /** @param baseUrl the API root without trailing slash; {@code null} or blank: {@value #PUBLIC_API} */
    public GitHubApi(String baseUrl) {
        String url = baseUrl == null || baseUrl.isBlank() ? PUBLIC_API : baseUrl.strip();
        this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    @Override
    public String name() {
        return PROVIDER;
    }

    @Override
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public Map<String, String> defaultHeaders() {
        return HEADERS;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, String secret) {
        request.header("Authorization", "Bearer " + secret);
    }

    @Override
    public Pagination pagination() {
        return LinkHeaderPagination.INSTANCE;
    }

    @Override
    public RateLimitPolicy rateLimits() {
        return RATE_LIMITS;
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
