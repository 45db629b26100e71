package io.devhealth.sync.provider;

import java.util.Map;
import java.util.UUID;

import io.devhealth.sync.sink.WriteFence;

/**
 * Input of one sync run.
 *
 * @param orgId               the tenant every written row belongs to
 * @param syncConfigurationId the configuration being run
 * @param configurationName   its human name (for logs and messages)
 * @param options             provider options from the configuration, e.g. {@code {"repositoryPath": "/abs/path"}}
 * @param orgSettings         the organization's settings as identity-service hands them over with the configuration
 *                            (key → JSON value, every known key), e.g. {@code repositories.local-roots}
 * @param cursor              the cursor committed by the last successful run; {@code null} means a full sync
 * @param version             epoch milliseconds of the run start; written to the {@code version} column of source
 *                            rows (aggregates are versioned by their computation time instead)
 * @param progress            progress callback; may be called often (the job throttles)
 * @param fence               checked before every insert: closes when the run's lease can no longer be renewed
 *                            safely (pass it to {@code ClickHouseSink.open})
 * @param runId               the sync run (identity audits credential reads with it); {@code null} outside a run
 * @param credentialId        the configuration's integration credential; {@code null}: none configured
 * @param backfillDays        how many days back a first sync of a stream reaches; {@code null}: all history
 */
public record SyncContext(
        UUID orgId,
        UUID syncConfigurationId,
        String configurationName,
        Map<String, Object> options,
        Map<String, Object> orgSettings,
        Map<String, Object> cursor,
        long version,
        ProgressListener progress,
        WriteFence fence,
        UUID runId,
        UUID credentialId,
        Integer backfillDays) {

    public SyncContext {
        options = options == null ? Map.of() : options;
        orgSettings = orgSettings == null ? Map.of() : orgSettings;
        progress = progress == null ? ProgressListener.NONE : progress;
        fence = fence == null ? WriteFence.NONE : fence;
    }

    /**
     * A context without a lease, run, credential or backfill window (tools, tests, local providers): the fence
     * never closes.
     */
    public SyncContext(UUID orgId, UUID syncConfigurationId, String configurationName, Map<String, Object> options,
            Map<String, Object> orgSettings, Map<String, Object> cursor, long version, ProgressListener progress) {
        this(orgId, syncConfigurationId, configurationName, options, orgSettings, cursor, version, progress, null,
                null, null, null);
    }
}
