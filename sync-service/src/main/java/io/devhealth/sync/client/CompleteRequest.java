package io.devhealth.sync.client;

import java.util.Map;

/**
 * Body of {@code POST /internal/v1/sync-runs/{id}/complete}: end a run and release its lease. On
 * {@code succeeded} identity stores {@code cursor} on the configuration in the same transaction; a failed run
 * never moves the cursor.
 *
 * @param status {@code succeeded} or {@code failed}
 * @param error  required when failed (at most 4,000 characters), {@code null} when succeeded
 */
public record CompleteRequest(
        String holder,
        String status,
        long itemsProcessed,
        Map<String, Long> counts,
        String error,
        Map<String, Object> cursor) {

    public static CompleteRequest succeeded(String holder, long itemsProcessed, Map<String, Long> counts,
            Map<String, Object> cursor) {
        return new CompleteRequest(holder, SyncRun.SUCCEEDED, itemsProcessed, counts, null, cursor);
    }

    public static CompleteRequest failed(String holder, long itemsProcessed, String error) {
        return new CompleteRequest(holder, SyncRun.FAILED, itemsProcessed, Map.of(), error, null);
    }
}
