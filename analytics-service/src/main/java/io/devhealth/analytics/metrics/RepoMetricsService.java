package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.support.problem.ProblemException;

/** Daily repository metrics, for members (viewer and up) and superusers. */
@ApplicationScoped
public class RepoMetricsService {

    private final OrgAccess orgAccess;
    private final RepoMetricsRepository metrics;
    private final MetricsTimeZoneRepository zones;
    private final int maxRangeDays;

    RepoMetricsService(OrgAccess orgAccess, RepoMetricsRepository metrics, MetricsTimeZoneRepository zones,
            AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.metrics = metrics;
        this.zones = zones;
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
        UUID orgId = orgAccess.readableOrgId(org);
        ZoneId zone = zones.zone(orgId);
        DayRange range = DayRange.parse(from, to, LocalDate.now(zone), maxRangeDays);
        List<RepoDayMetrics> items;
        if (repo == null || repo.isBlank()) {
            items = metrics.daily(orgId, range);
        } else {
            items = metrics.daily(orgId, range, repo);
            if (items.isEmpty()) {
                throw ProblemException.notFound("No repository '" + repo + "' in organization '" + org + "'.");
            }
        }
        return new RepoMetricsSeries(range.from(), range.to(), zone.getId(), items);
    }
}
