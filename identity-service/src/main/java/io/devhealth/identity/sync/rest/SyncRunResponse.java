package io.devhealth.identity.sync.rest;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.SyncRun;

/** A sync run: status running|succeeded|failed, trigger manual|schedule, progress and lease. */
public record SyncRunResponse(
        UUID id,
        UUID syncConfigurationId,
        UUID orgId,
        @Schema(enumeration = {"manual", "schedule"}) String trigger,
        @Schema(enumeration = {"running", "succeeded", "failed"}) String status,
        String phase,
        long itemsProcessed,
        Long itemsTotal,
        Map<String, Object> counts,
        String error,
        String leaseHolder,
        Instant leaseExpiresAt,
        Instant heartbeatAt,
        Instant startedAt,
        Instant finishedAt) {

    static SyncRunResponse from(SyncRun run) {
        return new SyncRunResponse(run.id, run.syncConfigurationId, run.organizationId,
                run.trigger.name().toLowerCase(Locale.ROOT), run.status.name().toLowerCase(Locale.ROOT), run.phase,
                run.itemsProcessed, run.itemsTotal, run.counts, run.error, run.leaseHolder, run.leaseExpiresAt,
                run.heartbeatAt, run.startedAt, run.finishedAt);
    }
}
