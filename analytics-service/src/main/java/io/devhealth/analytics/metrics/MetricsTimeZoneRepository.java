package io.devhealth.analytics.metrics;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.query.ClickHouseQueries;

/**
 * The time zone an organization's daily tables were computed in (ClickHouse {@code metrics_time_zones}, written by
 * sync-service from the organization's setting {@code timezone}); UTC when never recorded (tables computed before
 * time zones existed used UTC days). Each organization's zone is reused for
 * {@code devhealth.analytics.time-zone-cache-ttl}: every analytics request needs it, and a change of zone takes
 * sync-service a recomputation of the daily tables anyway.
 */
@ApplicationScoped
public class MetricsTimeZoneRepository {

    private static final String ZONE = "SELECT time_zone FROM metrics_time_zones WHERE org_id = ?";

    private final ClickHouseQueries queries;
    private final Cache<UUID, ZoneId> zones;

    MetricsTimeZoneRepository(ClickHouseQueries queries, AnalyticsConfig config) {
        this.queries = queries;
        this.zones = Caffeine.newBuilder().expireAfterWrite(config.timeZoneCacheTtl()).maximumSize(10_000).build();
    }

    /** The zone of the organization's daily buckets. */
    public ZoneId zone(UUID orgId) {
        return zones.get(orgId, this::read);
    }

    /** {@link #zone} when it is cached; null when reading it would take a ClickHouse read. Never blocks. */
    public ZoneId cachedZone(UUID orgId) {
        return zones.getIfPresent(orgId);
    }

    private ZoneId read(UUID orgId) {
        List<String> names = queries.list(ZONE, row -> row.getString("time_zone"), orgId);
        return names.isEmpty() || !ZoneId.getAvailableZoneIds().contains(names.getFirst()) ? ZoneId.of("UTC")
                : ZoneId.of(names.getFirst());
    }
}
