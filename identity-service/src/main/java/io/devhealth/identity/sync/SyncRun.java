package io.devhealth.identity.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * One execution of a sync configuration ({@code sync_runs}). While running it holds a lease: the holder (a
 * sync-service instance) renews {@link #leaseExpiresAt} with heartbeats; once it has passed, another holder may
 * take the configuration over and this run is failed. The schema's CHECKs keep the states honest.
 */
@Entity
@Table(name = "sync_runs")
public class SyncRun extends TimestampedEntity {

    @Column(name = "sync_configuration_id", nullable = false, updatable = false)
    public UUID syncConfigurationId;

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public SyncTrigger trigger;

    @Column(name = "requested_by", updatable = false)
    public UUID requestedBy;

    @Column(nullable = false, columnDefinition = "text")
    public SyncRunStatus status;

    /** What the holder is doing now, free text of at most 64 characters (e.g. {@code extracting}). */
    @Column(nullable = false, columnDefinition = "text")
    public String phase;

    @Column(name = "lease_holder", columnDefinition = "text")
    public String leaseHolder;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "items_processed", nullable = false)
    public long itemsProcessed;

    @Column(name = "items_total")
    public Long itemsTotal;

    /** Rows written per table and other figures, e.g. {@code {"commits": 10, "commit_stats": 52}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> counts;

    /** Why the run failed; set exactly when it did. */
    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "started_at", nullable = false, updatable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** A new running run of {@code configuration} leased to {@code holder} until {@code now + lease}. */
    public static SyncRun start(SyncConfiguration configuration, SyncTrigger trigger, UUID requestedBy, String holder,
            Duration lease, Instant now) {
        SyncRun run = new SyncRun();
        run.syncConfigurationId = configuration.id;
        run.organizationId = configuration.organizationId;
        run.trigger = trigger;
        run.requestedBy = requestedBy;
        run.status = SyncRunStatus.RUNNING;
        run.phase = "starting";
        run.leaseHolder = holder;
        run.leaseExpiresAt = now.plus(lease);
        run.heartbeatAt = now;
        run.counts = Map.of();
        run.startedAt = now;
        return run;
    }

    public boolean isRunning() {
        return status == SyncRunStatus.RUNNING;
    }

    public boolean leaseExpired(Instant now) {
        return !leaseExpiresAt.isAfter(now);
    }

    /** Extends the lease to {@code now + lease} and records progress. */
    public void heartbeat(Duration lease, String phase, long itemsProcessed, Long itemsTotal, Instant now) {
        this.leaseExpiresAt = now.plus(lease);
        this.heartbeatAt = now;
        this.phase = phase;
        this.itemsProcessed = itemsProcessed;
        this.itemsTotal = itemsTotal;
    }

    /**
     * Ends the run; {@code error} is required for {@link SyncRunStatus#FAILED}. A failed run keeps its last phase,
     * which tells where it stopped.
     */
    public void finish(SyncRunStatus outcome, long itemsProcessed, Map<String, Object> counts, String error,
            Instant now) {
        this.status = outcome;
        if (outcome == SyncRunStatus.SUCCEEDED) {
            this.phase = "done";
        }
        this.itemsProcessed = itemsProcessed;
        this.counts = counts;
        this.error = error;
        this.finishedAt = now;
    }
}
