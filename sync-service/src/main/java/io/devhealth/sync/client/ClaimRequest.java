package io.devhealth.sync.client;

import java.util.UUID;

/**
 * Body of {@code POST /internal/v1/sync-runs}: start a run of a configuration and take its lease.
 *
 * @param trigger      {@code manual} or {@code schedule}
 * @param requestedBy  the user who asked for a manual run; {@code null} for scheduled runs
 * @param holder       this sync-service instance's holder id
 * @param leaseSeconds how long the lease lives without a heartbeat
 */
public record ClaimRequest(UUID syncConfigurationId, String trigger, UUID requestedBy, String holder, int leaseSeconds) {

    public static final String MANUAL = "manual";
    public static final String SCHEDULE = "schedule";
}
