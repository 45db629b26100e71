package io.devhealth.sync.metrics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Metric recomputations ({@code devhealth.metrics.*}; env {@code DEVHEALTH_METRICS_*}). */
@ConfigMapping(prefix = "devhealth.metrics")
public interface MetricsConfig {

    /** Recomputations requested through the API. */
    Recompute recompute();

    interface Recompute {

        /** The most days one recomputation may cover (from and to included). */
        @WithDefault("731")
        int maxDays();

        /** Days recomputed per step; progress advances and the heartbeat is written after each step. */
        @WithDefault("7")
        int chunkDays();

        /**
         * A queued or running recomputation whose replica has not written progress for this long is reported as
         * failed (abandoned: its replica stopped); a new request for the same range starts afresh.
         */
        @WithDefault("10m")
        Duration staleAfter();
    }
}
