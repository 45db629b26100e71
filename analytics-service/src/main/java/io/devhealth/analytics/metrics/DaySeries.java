package io.devhealth.analytics.metrics;

import java.time.ZoneId;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.analytics.query.JsonRows;

/** A daily series read on a worker: its days, their time zone and its items as ClickHouse wrote them. */
record DaySeries(DayRange range, ZoneId zone, JsonRows rows) {

    /** The REST answer's JSON (see {@link SeriesJson}). */
    byte[] json(ObjectMapper json) {
        return SeriesJson.of(json, range, zone, rows);
    }
}
