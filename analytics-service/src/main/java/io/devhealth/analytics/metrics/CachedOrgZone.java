package io.devhealth.analytics.metrics;

import java.time.ZoneId;
import java.util.UUID;

import io.devhealth.analytics.org.OrgAccess;

/**
 * The organization a request names and its time zone, when both are cached: the caller's access to it
 * ({@link OrgAccess#cachedReadableOrgId}) and the zone of its daily tables
 * ({@link MetricsTimeZoneRepository#cachedZone}). Then a series can be answered on the event loop without blocking;
 * otherwise it is computed on a worker.
 */
record CachedOrgZone(UUID orgId, ZoneId zone) {

    /** Both cached for this caller and {@code org}; null when either would take a blocking read. Never blocks. */
    static CachedOrgZone find(OrgAccess access, MetricsTimeZoneRepository zones, String org) {
        UUID orgId = access.cachedReadableOrgId(org);
        ZoneId zone = orgId == null ? null : zones.cachedZone(orgId);
        return zone == null ? null : new CachedOrgZone(orgId, zone);
    }
}
