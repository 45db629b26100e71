package io.devhealth.sync.provider.http;

import java.time.Instant;
import java.util.Optional;

/** How a provider announces rate limits. {@link ApiClient} waits; a rate limit never fails a run. */
public interface RateLimitPolicy {

    /**
     * A response that was refused because of a rate limit: the time to retry it at.
     *
     * @param consecutive how many times in a row this request was refused for a rate limit before (0 on the first),
     *                    for limits that announce no reset time and call for a growing back-off
     * @return empty when the response is not a rate-limit refusal
     */
    Optional<RateLimitWait> refused(ApiResponse response, Instant now, int consecutive);

    /**
     * A response that was served but spent the last request of the window ({@code remaining = 0}): the time the next
     * request may be sent at. Empty when requests may go on.
     */
    Optional<RateLimitWait> exhausted(ApiResponse response, Instant now);

    /**
     * @param until  when to send the next request
     * @param reason what the provider said, for the run's progress and logs, e.g. {@code primary rate limit}
     */
    record RateLimitWait(Instant until, String reason) {
    }
}
