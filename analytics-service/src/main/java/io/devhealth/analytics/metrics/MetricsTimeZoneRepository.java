package io.devhealth.analytics.metrics;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.query.ClickHouseQueries;

/**
 * The time zone an organization's daily tables were computed in (ClickHouse {@code metrics_time_zones}, written by
 * sync-service from the organization's setting {@code timezone}); UTC when never recorded (tables computed before
 * time zones existed used UTC days).
 */
@ApplicationScoped
public class MetricsTimeZoneRepository {

    private static final String ZONE = "SELECT time_zone FROM metrics_time_zones WHERE org_id = ?";

    private final ClickHouseQueries queries;

    MetricsTimeZoneRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /** The zone of the organization's daily buckets. */
    public ZoneId zone(UUID orgId) {
        List<String> zones = queries.list(ZONE, row -> row.getString("time_zone"), orgId);
        return zones.isEmpty() || !ZoneId.getAvailableZoneIds().contains(zones.getFirst()) ? ZoneId.of("UTC")
                : ZoneId.of(zones.getFirst());
    }
}
