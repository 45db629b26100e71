package io.devhealth.sync.client;

import java.util.Map;
import java.util.UUID;

/**
 * A sync configuration as identity-service's internal API returns it
 * ({@code GET /internal/v1/sync-configurations/{id}}). sync-service's own copy of identity's shape.
 *
 * @param options                 provider options, e.g. {@code {"repositoryPath": "/abs/path"}} for git
 * @param cursor                  the cursor committed by the last successful run; {@code null} before the first
 * @param scheduleIntervalSeconds seconds between scheduled runs; {@code null} = on demand only
 * @param orgSettings             the organization's settings, key → JSON value (every known key, set or default)
 * @param credentialId            the integration credential the provider authenticates with; {@code null}: none
 * @param backfillDays            how many days back a first (full) sync reaches; {@code null}: all history
 */
public record SyncConfiguration(
        UUID id,
        UUID orgId,
        String orgSlug,
        String name,
        String provider,
        Map<String, Object> options,
        Map<String, Object> cursor,
        Integer scheduleIntervalSeconds,
        boolean enabled,
        Map<String, Object> orgSettings,
        UUID credentialId,
        Integer backfillDays) {
}
