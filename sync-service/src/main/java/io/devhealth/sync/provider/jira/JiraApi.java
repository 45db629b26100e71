package io.devhealth.sync.provider.jira;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.devhealth.sync.provider.http.HeaderRateLimits;
import io.devhealth.sync.provider.http.Pagination;
import io.devhealth.sync.provider.http.ProviderApi;
import io.devhealth.sync.provider.http.RateLimitPolicy;

/**
 * Jira Cloud's REST API v3 conventions: the site's root ({@code https://acme.atlassian.net}) with paths under
 * {@code /rest/api/3}. Authentication: a credential whose metadata has {@code email} is a Jira Cloud API token, sent as
 * HTTP Basic {@code email:token}; any other is an OAuth 2.0 access token or personal access token, sent as
 * {@code Authorization: Bearer}. Lists are paged by tokens and offsets inside the body ({@code nextPageToken},
 * {@code startAt/isLast}), which {@link JiraIssues} follows itself: no header pagination. Rate limits: 429 with
 * {@code Retry-After}, {@code X-RateLimit-Remaining} and an ISO-8601 {@code X-RateLimit-Reset}, the limit's name in
 * {@code RateLimit-Reason} (shown in the run's wait phase).
 */
public final class JiraApi implements ProviderApi {

    public static final String PROVIDER = "jira";
    /** The credential metadata member that makes a token an API token of that Atlassian account. */
    public static final String EMAIL = "email";

    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/json",
            "User-Agent", "DevHealth-sync");
    private static final RateLimitPolicy RATE_LIMITS = new HeaderRateLimits("X-RateLimit-Remaining",
            "X-RateLimit-Reset", response -> false, "RateLimit-Reason");
    private static final Pagination IN_BODY = page -> Optional.empty();

    private final URI site;
    private final String email;

    /** @param siteUrl the site, e.g. {@code https://acme.atlassian.net} (a trailing slash is dropped) */
    public JiraApi(String siteUrl) {
        this(URI.create(siteUrl.strip().replaceAll("/+$", "")), null);
    }

    private JiraApi(URI site, String email) {
        this.site = site;
        this.email = email;
    }

    @Override
    public String name() {
        return PROVIDER;
    }

    @Override
    public URI baseUrl() {
        return site;
    }

    @Override
    public Map<String, String> defaultHeaders() {
        return HEADERS;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, String secret) {
        if (email != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((email + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        } else {
            request.header("Authorization", "Bearer " + secret);
        }
    }

    @Override
    public Pagination pagination() {
        return IN_BODY;
    }

    @Override
    public RateLimitPolicy rateLimits() {
        return RATE_LIMITS;
    }

    @Override
    public ProviderApi forCredential(Map<String, String> metadata) {
        String address = metadata.get(EMAIL);
        return address == null || address.isBlank() ? this : new JiraApi(site, address.strip());
    }
}
