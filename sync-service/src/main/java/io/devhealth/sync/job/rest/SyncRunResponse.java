package io.devhealth.sync.job.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.sync.client.SyncRun;

/**
 * A sync run as sync-service's API shows it: state, live progress and outcome. identity-service stores the
 * run; sync-service's heartbeats write the progress into it while the run executes.
 */
@Schema(name = "SyncRun", description = "A sync run: its state, live progress while running, and its outcome.")
public record SyncRunResponse(
        @Schema(description = "Run id") UUID id,
        @Schema(description = "The sync configuration this run executes") UUID syncConfigurationId,
        @Schema(description = "Organization id") UUID orgId,
        @Schema(description = "What started the run", enumeration = { "manual", "schedule" }) String trigger,
        @Schema(description = "running until the run ends; a failed run carries its reason in error",
                enumeration = { "running", "succeeded", "failed" }) String status,
        @Schema(description = """
                What the run is doing: starting, queued (waiting for a free slot in sync-service), then the \
                provider's phases. git: listing (finding the commits to sync), extracting (reading commits and \
                their diffs with git), writing (flushing rows to ClickHouse), metrics (recomputing the daily \
                metrics of the days the sync touched); done once succeeded. A failed run keeps the phase it \
                stopped in.""", examples = "extracting") String phase,
        @Schema(description = """
                Items done in the current phase. git: commits while listing and extracting, rows while writing, \
                days while computing metrics. Updated at most once a second.""") long itemsProcessed,
        @Schema(description = "Items the current phase will process, in the same unit; null while unknown",
                nullable = true) Long itemsTotal,
        @Schema(description = """
                Rows written per ClickHouse table and other figures once the run ended, e.g. \
                {"commits": 120, "commit_stats": 480, "repos": 1, "missingObjects": 0}. A run that found nothing \
                new writes 0 rows.""", type = SchemaType.OBJECT) Map<String, Object> counts,
        @Schema(description = "Why the run failed (null unless status is failed)", nullable = true) String error,
        @Schema(description = "The sync-service instance holding the run's lease") String leaseHolder,
        @Schema(description = "When the lease expires unless renewed; a run whose holder stops heartbeating "
                + "fails after this", nullable = true) Instant leaseExpiresAt,
        @Schema(description = "Last heartbeat (progress update) from the holder", nullable = true) Instant heartbeatAt,
        @Schema(description = "When the run was claimed") Instant startedAt,
        @Schema(description = "When the run ended (null while running)", nullable = true) Instant finishedAt) {

    static SyncRunResponse of(SyncRun run) {
        return new SyncRunResponse(run.id(), run.syncConfigurationId(), run.orgId(), run.trigger(), run.status(),
                run.phase(), run.itemsProcessed(), run.itemsTotal(), run.counts() == null ? Map.of() : run.counts(),
                run.error(), run.leaseHolder(), run.leaseExpiresAt(), run.heartbeatAt(), run.startedAt(),
                run.finishedAt());
    }
}
