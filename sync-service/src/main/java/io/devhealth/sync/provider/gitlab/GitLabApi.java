package io.devhealth.sync.provider.gitlab;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.devhealth.sync.provider.http.BearerTokenApi;
import io.devhealth.sync.provider.http.HeaderRateLimits;
import io.devhealth.sync.provider.http.NextPageHeaderPagination;
import io.devhealth.sync.provider.http.Pagination;
import io.devhealth.sync.provider.http.RateLimitPolicy;

/**
 * GitLab's REST API v4 conventions: {@code https://gitlab.com/api/v4} or a self-managed instance's
 * {@code https://host[/prefix]/api/v4}; {@code Authorization: Bearer <token>} (personal, group and project access
 * tokens and OAuth tokens alike); pages by {@code Link} (offset and keyset) or {@code X-Next-Page}; rate limits in
 * {@code RateLimit-Remaining/Reset} ({@code RateLimit-Limit} is informational) and {@code Retry-After} on 429.
 * GitLab has no body-only secondary limits: a 403 is always a permission refusal.
 */
public final class GitLabApi extends BearerTokenApi {

    public static final String PROVIDER = "gitlab";
    public static final String PUBLIC_API = "https://gitlab.com/api/v4";

    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/json",
            "User-Agent", "DevHealth-sync");
    private static final RateLimitPolicy RATE_LIMITS = new HeaderRateLimits("RateLimit-Remaining",
            "RateLimit-Reset", response -> false);
    private static final Pagination PAGINATION = new NextPageHeaderPagination("X-Next-Page", "page");

    /** @param baseUrl the API root without trailing slash; {@code null} or blank: {@value #PUBLIC_API} */
    public GitLabApi(String baseUrl) {
        super(PROVIDER, baseUrl, PUBLIC_API, HEADERS, PAGINATION, RATE_LIMITS);
    }

    /**
     * A project or group reference as a path segment: a numeric id as is, a full path URL-encoded as GitLab wants
     * ({@code acme/platform/api} → {@code acme%2Fplatform%2Fapi}).
     */
    static String segment(String reference) {
        return URLEncoder.encode(reference, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
