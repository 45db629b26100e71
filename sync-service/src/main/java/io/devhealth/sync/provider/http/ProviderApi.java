package io.devhealth.sync.provider.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * A provider's HTTP conventions, the plug-ins of {@link ApiClient}: where its API lives, how a request is
 * authenticated, how the next page is found and how rate limits are announced.
 */
public interface ProviderApi {

    /** Provider key, e.g. {@code github}; used in messages and as part of the concurrency key. */
    String name();

    /** Base URL of the REST API without a trailing slash, e.g. {@code https://api.github.com}. */
    URI baseUrl();

    /** Headers every request carries (media type, API version); never credentials. */
    Map<String, String> defaultHeaders();

    /** Adds the credential to a request, e.g. {@code Authorization: Bearer <secret>}. Never logs it. */
    void authenticate(HttpRequest.Builder request, String secret);

    /** How the next page of a list is found. */
    Pagination pagination();

    /** How the provider says "slow down". */
    RateLimitPolicy rateLimits();

    /**
     * This API for a credential with {@code metadata} (its non-secret details, e.g. the account's email), for providers
     * whose authentication scheme depends on them (Jira: HTTP Basic {@code email:token} for an API token, Bearer
     * otherwise). The default ignores them.
     */
    default ProviderApi forCredential(Map<String, String> metadata) {
        return this;
    }

    /** {@code path} (starting with {@code /}, may carry a query) resolved against {@link #baseUrl()}. */
    default URI resolve(String path) {
        return URI.create(baseUrl().toString() + path);
    }
}
