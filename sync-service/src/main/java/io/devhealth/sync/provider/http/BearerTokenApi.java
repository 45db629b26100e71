package io.devhealth.sync.provider.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * A REST API authenticated with a token in the {@code Authorization} header at a configurable root: {@code Bearer
 * <token>} (GitHub, GitLab) or another scheme such as PagerDuty's {@code Token token=<token>}. The conventions a
 * provider only declares, the plumbing of {@link ProviderApi} in one place.
 */
public abstract class BearerTokenApi implements ProviderApi {

    private final String name;
    private final URI baseUrl;
    private final Map<String, String> headers;
    private final Pagination pagination;
    private final RateLimitPolicy rateLimits;
    private final String scheme;

    /**
     * @param baseUrl        the API root as configured (a trailing slash is dropped); {@code null} or blank:
     *                       {@code defaultBaseUrl}
     * @param defaultHeaders headers of every request (media type, API version, user agent); never credentials
     */
    protected BearerTokenApi(String name, String baseUrl, String defaultBaseUrl, Map<String, String> defaultHeaders,
            Pagination pagination, RateLimitPolicy rateLimits) {
        this(name, baseUrl, defaultBaseUrl, defaultHeaders, pagination, rateLimits, "Bearer ");
    }

    /** @param scheme what precedes the token in the {@code Authorization} header, e.g. {@code "Token token="} */
    protected BearerTokenApi(String name, String baseUrl, String defaultBaseUrl, Map<String, String> defaultHeaders,
            Pagination pagination, RateLimitPolicy rateLimits, String scheme) {
        String url = baseUrl == null || baseUrl.isBlank() ? defaultBaseUrl : baseUrl.strip();
        this.name = name;
        this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.headers = Map.copyOf(defaultHeaders);
        this.pagination = pagination;
        this.rateLimits = rateLimits;
        this.scheme = scheme;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final URI baseUrl() {
        return baseUrl;
    }

    @Override
    public final Map<String, String> defaultHeaders() {
        return headers;
    }

    @Override
    public final void authenticate(HttpRequest.Builder request, String secret) {
        request.header("Authorization", scheme + secret);
    }

    @Override
    public final Pagination pagination() {
        return pagination;
    }

    @Override
    public final RateLimitPolicy rateLimits() {
        return rateLimits;
    }
}
