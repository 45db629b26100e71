package io.devhealth.sync.provider.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings shared by every HTTP provider ({@code devhealth.provider.http.*}). */
@ConfigMapping(prefix = "devhealth.provider.http")
public interface HttpProviderConfig {

    /** TCP connect timeout. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * Upper bound for one request, headers and body; enforced within a twentieth of it, at most a second later
     * ({@link RequestDeadlines}).
     */
    @WithDefault("60s")
    Duration requestTimeout();

    /** Attempts per request on 5xx and I/O failures (truncated bodies included), with exponential back-off. */
    @WithDefault("4")
    int maxAttempts();

    /** First back-off after a 5xx or I/O failure; doubles per attempt. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Requests in flight at once per credential, across all runs of this instance. */
    @WithDefault("8")
    int maxConcurrencyPerCredential();

    /**
     * Incremental runs re-read this much before the last watermark: items written at the source with a slightly
     * older timestamp than one already seen (replication lag, clock skew) are not missed. Re-reading is harmless.
     */
    @WithDefault("10m")
    Duration cursorOverlap();

    /** Longest single rate-limit wait honoured as announced; a longer announcement is capped (and re-checked). */
    @WithDefault("1h")
    Duration maxRateLimitWait();

    /**
     * How often a configuration's run is a full refresh: every item of the backfill window (all history without one)
     * is read again, without watermarks or {@code ETag}s, and rows of the synced scopes that the source no longer
     * lists are tombstoned ({@code is_deleted = 1}). Incremental runs cannot see deletions.
     */
    @WithDefault("P7D")
    Duration fullRefreshInterval();
}
