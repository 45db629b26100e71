package io.devhealth.analytics;

import java.time.Duration;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * analytics-service's own settings, {@code devhealth.analytics.*} (environment: upper-snake, e.g.
 * {@code DEVHEALTH_ANALYTICS_QUERY_TIMEOUT}). The shared {@code devhealth.identity.url} and
 * {@code devhealth.clickhouse.*} are wired into the REST client, the JWT verifier and the JDBC datasource in
 * application.properties; a mapping of the whole {@code devhealth} namespace would reject the keys that belong to
 * other consumers.
 */
@ConfigMapping(prefix = "devhealth.analytics")
public interface AnalyticsConfig {

    /**
     * Longest a ClickHouse query may run, enforced by the server ({@code max_execution_time}) and by the driver's
     * wait; whole seconds, at least one.
     */
    @WithDefault("30s")
    Duration queryTimeout();

    /** Most days a daily series may span, {@code from} and {@code to} included. */
    @WithDefault("366")
    @WithConverter(PositiveInt.class)
    int maxRangeDays();

    /** How long identity-service's "this caller may see this org" is reused for the same token. */
    @WithDefault("60s")
    Duration orgAccessCacheTtl();

    /**
     * How long an organization's metrics time zone (written by sync-service when the setting changes, together
     * with a recomputation of the daily tables) is reused before it is read again; 0 reads it on every request.
     */
    @WithDefault("30s")
    Duration timeZoneCacheTtl();

    /**
     * A whole number of at least 1. A converter rather than a Bean Validation constraint: one constraint on a config
     * mapping makes Quarkus build a validator factory for the configuration at start (0.4 s of analytics-service's
     * start on two cores).
     */
    final class PositiveInt implements Converter<Integer> {

        @Override
        public Integer convert(String value) {
            int number = Integer.parseInt(value.strip());
            if (number < 1) {
                throw new IllegalArgumentException("must be at least 1, was " + number);
            }
            return number;
        }
    }
}
