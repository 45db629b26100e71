package io.devhealth.sync.metrics;

import java.time.ZoneId;
import java.util.Map;

/**
 * An organization's time zone (identity setting {@code timezone}, an IANA id; default {@code UTC}): its midnight
 * starts the days of every daily metric table. Passed to ClickHouse as a query parameter ({@code toDate(ts,
 * {tz:String})}), never spliced into SQL, and validated against the JDK's IANA ids first.
 */
public record OrgTimeZone(String id) {

    /** The setting's key in identity-service (identity {@code KnownSetting.TIMEZONE}). */
    public static final String SETTING = "timezone";
    public static final OrgTimeZone UTC = new OrgTimeZone("UTC");

    public OrgTimeZone {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            throw new IllegalArgumentException("not an IANA time zone id: " + id);
        }
    }

    /**
     * The zone of an organization's settings as identity hands them over; {@link #UTC} when absent. identity validates
     * the setting; a value this JDK does not know (a newer tz database) also falls back to UTC rather than failing
     * every sync of the organization.
     */
    public static OrgTimeZone from(Map<String, Object> orgSettings) {
        Object value = orgSettings == null ? null : orgSettings.get(SETTING);
        return value instanceof String zone && ZoneId.getAvailableZoneIds().contains(zone) ? new OrgTimeZone(zone)
                : UTC;
    }

    public ZoneId zoneId() {
        return ZoneId.of(id);
    }
}
