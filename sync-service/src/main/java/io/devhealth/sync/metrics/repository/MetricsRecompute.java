package io.devhealth.sync.metrics.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A metric recomputation as stored in {@code metrics_recomputes} (V11): the latest row of its id.
 *
 * @param state queued, running, succeeded or failed
 */
public record MetricsRecompute(UUID orgId, UUID id, LocalDate from, LocalDate to, String timeZone, String state,
        int daysTotal, int daysDone, String failureReason, String requestedBy, Instant requestedAt, Instant updatedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /** Whether the recomputation has not ended. */
    public boolean active() {
        return QUEUED.equals(state) || RUNNING.equals(state);
    }

    public MetricsRecompute running(int done, Instant now) {
        return new MetricsRecompute(orgId, id, from, to, timeZone, RUNNING, daysTotal, done, "", requestedBy,
                requestedAt, now);
    }

    public MetricsRecompute succeeded(Instant now) {
        return new MetricsRecompute(orgId, id, from, to, timeZone, SUCCEEDED, daysTotal, daysTotal, "", requestedBy,
                requestedAt, now);
    }

    public MetricsRecompute failed(String reason, Instant now) {
        return new MetricsRecompute(orgId, id, from, to, timeZone, FAILED, daysTotal, daysDone, reason, requestedBy,
                requestedAt, now);
    }
}
