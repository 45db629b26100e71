package io.devhealth.sync.client;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A sync run as identity-service returns it (internal claim/heartbeat/complete and public GET). identity
 * holds the run's state, its lease and the progress sync-service reports with each heartbeat.
 *
 * @param trigger        {@code manual} or {@code schedule}
 * @param status         {@code running}, {@code succeeded} or {@code failed}
 * @param phase          the last reported phase ({@code starting} until the first heartbeat)
 * @param itemsProcessed items processed in the current phase (commits for git)
 * @param itemsTotal     items the current phase will process, {@code null} when unknown
 * @param counts         rows written per table and other figures, e.g. {@code {"commits": 10}}
 * @param error          why a failed run failed; {@code null} otherwise
 * @param leaseHolder    the sync-service instance that holds (or held) the run's lease
 */
public record SyncRun(
        UUID id,
        UUID syncConfigurationId,
        UUID orgId,
        String trigger,
        String status,
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

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public boolean running() {
        return RUNNING.equals(status);
    }
}
