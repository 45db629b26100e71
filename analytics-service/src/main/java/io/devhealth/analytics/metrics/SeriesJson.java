package io.devhealth.analytics.metrics;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.analytics.query.JsonRows;

/**
 * The JSON of a daily series answer, {@code {"from", "to", "timeZone", "items"}} (as {@link RepoMetricsSeries} and
 * {@link TeamMetricsSeries} serialize; {@link UserMetricsSeries} adds {@code nextCursor}), with the items as
 * ClickHouse wrote them.
 */
final class SeriesJson {

    private SeriesJson() {
    }

    static byte[] of(ObjectMapper json, DayRange range, ZoneId zone, JsonRows items) {
        return items.asLastMemberOf(json, header(range, zone), "items");
    }

    /** @param nextCursor the next page's cursor, {@code null} (written as such) on the last page */
    static byte[] of(ObjectMapper json, DayRange range, ZoneId zone, JsonRows items, String nextCursor) {
        SequencedMap<String, Object> members = header(range, zone);
        members.put("nextCursor", nextCursor);
        return items.asLastMemberOf(json, members, "items");
    }

    private static SequencedMap<String, Object> header(DayRange range, ZoneId zone) {
        SequencedMap<String, Object> members = new LinkedHashMap<>();
        members.put("from", range.from());
        members.put("to", range.to());
        members.put("timeZone", zone.getId());
        return members;
    }
}
