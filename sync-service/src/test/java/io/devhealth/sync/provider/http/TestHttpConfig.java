package io.devhealth.sync.provider.http;

import java.time.Duration;

/** {@link HttpProviderConfig} with the shipped defaults, for tests and benchmarks that build clients by hand. */
public record TestHttpConfig(int maxAttempts, int maxConcurrencyPerCredential) implements HttpProviderConfig {

    public static TestHttpConfig defaults() {
        return new TestHttpConfig(4, 8);
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Duration retryBackoff() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration cursorOverlap() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Duration maxRateLimitWait() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration fullRefreshInterval() {
        return Duration.ofDays(7);
    }
}
