package io.devhealth.support.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency histograms for every service's Prometheus endpoint ({@code /q/metrics}): the HTTP server's requests
 * ({@code http_server_requests_seconds_bucket}, per method, uri template, status) and DevHealth's own timers
 * ({@code devhealth.*}, e.g. analytics' ClickHouse queries) publish buckets from 5 ms to 30 s, so p50/p99 of any
 * window and any set of replicas come from {@code histogram_quantile} over summed buckets — client-side
 * percentiles could not be aggregated across pods.
 */
public class LatencyHistograms {

    private static final Duration MIN = Duration.ofMillis(5);
    private static final Duration MAX = Duration.ofSeconds(30);

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER
                        || !(id.getName().equals("http.server.requests") || id.getName().startsWith("devhealth."))) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) MIN.toNanos())
                        .maximumExpectedValue((double) MAX.toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
