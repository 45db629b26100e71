package io.devhealth.sync.client;

/**
 * Body of {@code POST /internal/v1/sync-runs/{id}/heartbeat}: renew the lease for {@code leaseSeconds} and
 * record progress.
 *
 * @param itemsTotal {@code null} when the phase's total is unknown
 */
public record HeartbeatRequest(String holder, int leaseSeconds, String phase, long itemsProcessed, Long itemsTotal) {
}
