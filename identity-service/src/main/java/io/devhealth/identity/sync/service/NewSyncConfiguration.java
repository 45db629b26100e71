package io.devhealth.identity.sync.service;

import java.util.Map;
import java.util.UUID;

/**
 * What a caller asks to create. {@code scheduleCron} null: no cron schedule ({@code scheduleTimeZone} null: the
 * organization's timezone setting); {@code scheduleIntervalSeconds} null: none; neither: on demand only.
 */
public record NewSyncConfiguration(String name, String provider, Map<String, Object> options, String scheduleCron,
        String scheduleTimeZone, Integer scheduleIntervalSeconds, UUID credentialId, Integer backfillDays,
        boolean enabled) {
}
