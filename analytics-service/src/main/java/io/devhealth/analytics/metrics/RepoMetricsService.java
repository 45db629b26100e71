package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.query.JsonRows;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Daily repository metrics, for members (viewer and up) and superusers. */
@ApplicationScoped
public class RepoMetricsService {

    private final OrgAccess orgAccess;
    private final RepoMetricsRepository metrics;
    private final MetricsTimeZoneRepository zones;
    private final ObjectMapper json;
    private final int maxRangeDays;

    RepoMetricsService(OrgAccess orgAccess, RepoMetricsRepository metrics, MetricsTimeZoneRepository zones,
            ObjectMapper json, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.metrics = metrics;
        this.zones = zones;
        this.json = json;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * A dense daily series of one repository (by id or full name) or, when {@code repo} is blank, of all.
     *
     * @param from ISO-8601 day or blank (see {@link DayRange#parse})
     * @param to   ISO-8601 day or blank
     * @throws ProblemException 400 for a bad range, 404 for an organization the caller cannot see or an unknown
     *         repository
     */
    public RepoMetricsSeries daily(String org, String repo, String from, String to) {
        DaySeries series = series(org, orgAccess.readableOrgId(org), repo, from, to);
        return new RepoMetricsSeries(series.range().from(), series.range().to(), series.zone().getId(),
                series.rows().read(json, RepoDayMetrics.class));
    }

    /**
     * {@link #daily} as the JSON of a {@link RepoMetricsSeries}, its items written by ClickHouse: what the REST
     * endpoint sends, without mapping a value into Java. Answered on the event loop: every repository of an
     * organization whose access and time zone are cached is read without blocking; anything else (the first
     * request of a token, one repository) runs on a worker thread.
     */
    public Uni<byte[]> dailyJson(String org, String repo, String from, String to) {
        CachedOrgZone cached = CachedOrgZone.find(orgAccess, zones, org);
        if (cached == null || !DayRange.isAbsent(repo)) {
            return orgAccess.offEventLoop(org, orgId -> series(org, orgId, repo, from, to).json(json));
        }
        DayRange range = DayRange.parse(from, to, LocalDate.now(cached.zone()), maxRangeDays);
        return metrics.dailyAsync(cached.orgId(), range)
                .map(rows -> SeriesJson.of(json, range, cached.zone(), rows));
    }

    private DaySeries series(String org, UUID orgId, String repo, String from, String to) {
        ZoneId zone = zones.zone(orgId);
        DayRange range = DayRange.parse(from, to, LocalDate.now(zone), maxRangeDays);
        JsonRows rows;
        if (DayRange.isAbsent(repo)) {
            rows = metrics.daily(orgId, range);
        } else {
            rows = metrics.daily(orgId, range, repo);
            if (rows.isEmpty()) {
                throw ProblemException.notFound("No repository '" + repo + "' in organization '" + org + "'.");
            }
        }
        return new DaySeries(range, zone, rows);
    }
}
