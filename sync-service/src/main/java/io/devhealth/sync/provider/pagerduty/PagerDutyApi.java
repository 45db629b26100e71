package io.devhealth.sync.provider.pagerduty;

import java.util.Map;

import io.devhealth.sync.provider.http.BearerTokenApi;
import io.devhealth.sync.provider.http.HeaderRateLimits;
import io.devhealth.sync.provider.http.OffsetPagination;

/**
 * PagerDuty's REST API v2 conventions: {@code https://api.pagerduty.com} (EU service region:
 * {@code https://api.eu.pagerduty.com}); {@code Authorization: Token token=<api key>} (account or user REST API keys,
 * read-only ones suffice) and {@code Accept: application/vnd.pagerduty+json;version=2}; lists paged by
 * {@code offset}/{@code limit} with {@code more} in the body, at most {@value #MAX_OFFSET} deep; rate limits answered
 * with 429 and {@code ratelimit-remaining}/{@code ratelimit-reset} (seconds until the window resets), or
 * {@code Retry-After} where sent.
 */
public final class PagerDutyApi extends BearerTokenApi {

    public static final String PROVIDER = "pagerduty";
    public static final String PUBLIC_API = "https://api.pagerduty.com";
    /** PagerDuty answers 400 when {@code offset + limit} exceeds this: deeper lists need narrower queries. */
    public static final int MAX_OFFSET = 10_000;

    static final OffsetPagination PAGINATION = new OffsetPagination(MAX_OFFSET);
    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "application/vnd.pagerduty+json;version=2",
            "User-Agent", "DevHealth-sync");

    /** @param baseUrl the API root without trailing slash; {@code null} or blank: {@value #PUBLIC_API} */
    public PagerDutyApi(String baseUrl) {
        super(PROVIDER, baseUrl, PUBLIC_API, HEADERS, PAGINATION,
                HeaderRateLimits.resetInSeconds("ratelimit-remaining", "ratelimit-reset"), "Token token=");
    }
}
