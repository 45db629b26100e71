package io.devhealth.sync.metrics.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.sync.metrics.repository.MetricsRecompute;

/** A metrics recomputation: its range, state and progress. */
@Schema(name = "MetricsRecompute", description = "A recomputation of an organization's daily metric tables for a range of days.")
public record MetricsRecomputeResponse(
        @Schema(description = "Recomputation id.", examples = "0f8c5a1e-3b7d-4c2a-9e61-2d4b8f0a7c13") UUID id,
        @Schema(description = "Organization id.", examples = "5b0e7a55-8f7d-4f56-8d1c-0c6a4a1d2e33") UUID orgId,
        @Schema(description = "First day recomputed (included), in timeZone.", examples = "2025-01-01") LocalDate from,
        @Schema(description = "Last day recomputed (included), in timeZone.", examples = "2025-03-31") LocalDate to,
        @Schema(description = "The organization's time zone (setting timezone) the days are computed in.",
                examples = "Europe/Berlin") String timeZone,
        @Schema(description = "queued, running, succeeded or failed (see failureReason).",
                enumeration = { "queued", "running", "succeeded", "failed" }, examples = "running") String state,
        @Schema(description = "Days in the range (count).", examples = "90") int daysTotal,
        @Schema(description = "Days recomputed so far (count); daysTotal once succeeded.", examples = "42") int daysDone,
        @Schema(description = "Why it failed; null unless state is failed. 'abandoned: …' when its sync-service "
                + "replica stopped before it finished.", nullable = true, examples = "null") String failureReason,
        @Schema(description = "When it was requested.", examples = "2025-04-01T08:00:00Z") Instant requestedAt,
        @Schema(description = "Last progress update (the heartbeat while it runs).",
                examples = "2025-04-01T08:00:12.345Z") Instant updatedAt) {

    static MetricsRecomputeResponse of(MetricsRecompute recompute) {
        return new MetricsRecomputeResponse(recompute.id(), recompute.orgId(), recompute.from(), recompute.to(),
                recompute.timeZone(), recompute.state(), recompute.daysTotal(), recompute.daysDone(),
                recompute.failureReason() == null || recompute.failureReason().isEmpty() ? null
                        : recompute.failureReason(),
                recompute.requestedAt(), recompute.updatedAt());
    }
}
