package io.devhealth.identity.sync.service;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a caller asks to change. A null member is left as it is; for the members that may be cleared, an empty
 * {@link Optional} clears it.
 *
 * @param schedule the cron schedule ({@link ScheduleChange}); empty: remove it
 */
public record SyncConfigurationChanges(String name, Map<String, Object> options, Optional<ScheduleChange> schedule,
        Optional<Integer> scheduleIntervalSeconds, Optional<UUID> credentialId, Optional<Integer> backfillDays,
        Boolean enabled) {

    /** A new cron schedule; {@code timeZone} null: the organization's timezone setting. */
    public record ScheduleChange(String cron, String timeZone) {
    }
}
