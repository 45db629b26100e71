package io.devhealth.sync.provider.gitlab;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.devhealth.sync.provider.http.HeaderRateLimits;
import io.devhealth.sync.provider.http.NextPageHeaderPagination;
import io.devhealth.sync.provider.http.Pagination;
import io.devhealth.sync.provider.http.ProviderApi;
import io.devhealth.sync.provider.http.RateLimitPolicy;

/**
 * GitLab's REST API v4 conventions: {@code https://gitlab.com/api/v4} or a self-managed instance's
 * {@code https://host[/prefix]/api/v4}; {@code Authorization: Bearer <token>} (personal, group and project access
 * tokens and OAuth tokens alike); pages by {@code Link} (offset and keyset) or {@code X-Next-Page}; rate limits in
 * {@code RateLimit-Remaining/Reset} ({@code RateLimit-Limit} is informational) and {@code Retry-After} on 429.
 * GitLab has no body-only secondary limits: a 403 is always a permission refusal.
 */
public final class GitLabApi implements ProviderApi {

    public static final String PROVIDER = "gitlab";
    public static final String PUBLIC_API = "https://gitlab.com/api/v4";

    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/json",
            "User-Agent", "DevHealth-sync");
    private static final RateLimitPolicy RATE_LIMITS = new HeaderRateLimits("RateLimit-Remaining",
            "RateLimit-Reset", response -> false);
    private static final Pagination PAGINATION = new NextPageHeaderPagination("X-Next-Page", "page");

    private final URI baseUrl;

    /** @param baseUrl the API root without trailing slash; {@code null} or blank: {@value #PUBLIC_API} */
    public GitLabApi(String baseUrl) {
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
        return PAGINATION;
    }

    @Override
    public RateLimitPolicy rateLimits() {
        return RATE_LIMITS;
    }

    /**
     * A project or group reference as a path segment: a numeric id as is, a full path URL-encoded as GitLab wants
     * ({@code acme/platform/api} → {@code acme%2Fplatform%2Fapi}).
     */
    static String segment(String reference) {
        return URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
