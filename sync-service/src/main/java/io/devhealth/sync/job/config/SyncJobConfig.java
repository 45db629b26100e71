package io.devhealth.sync.job.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How sync runs are scheduled, leased and reported ({@code devhealth.sync.*}; env {@code DEVHEALTH_SYNC_*}).
 */
@ConfigMapping(prefix = "devhealth.sync")
public interface SyncJobConfig {

    /**
     * Runs executing at once in this instance. Further manual runs wait (phase {@code queued}, lease kept
     * alive); the scheduler claims no more than the free slots so other replicas can take the rest.
     */
    @WithDefault("2")
    int maxConcurrentRuns();

    /** Cadence of lease renewals. The lease lasts three intervals, so two lost heartbeats are tolerated. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** Progress is pushed to identity at most this often (each push also renews the lease). */
    @WithDefault("1s")
    Duration progressInterval();

    /**
     * How often the scheduler asks identity for due configurations ({@code off} disables it). Read by
     * {@code @Scheduled} from the configuration; declared here for documentation and validation.
     */
    @WithDefault("30s")
    String pollInterval();

    /** Delay before the first poll after start-up. */
    @WithDefault("10s")
    String pollDelay();

    /**
     * On shutdown, how long to wait for interrupted runs to record their failure in identity before the
     * process exits (runs that miss it fail later, when their lease expires).
     */
    @WithDefault("10s")
    Duration shutdownGrace();

    /**
     * Prefix of this instance's lease-holder id; the pod/host name when absent. A random suffix per process
     * keeps a restarted pod from mistaking its predecessor's leases for its own.
     */
    Optional<String> holderName();

    /** Lease length in whole seconds: three heartbeat intervals. */
    default int leaseSeconds() {
        return (int) Math.max(1, Math.ceilDiv(heartbeatInterval().multipliedBy(3).toMillis(), 1000));
    }
}
