package io.devhealth.analytics.incident;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.listing.Filters;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.support.problem.ProblemException;

/** The organization's incidents, for members (viewer and up) and superusers. */
@ApplicationScoped
public class IncidentService {

    /** The statuses an incident can have (migrations/clickhouse/V1__init.sql). */
    static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");

    private final OrgAccess orgAccess;
    private final IncidentRepository incidents;
    private final RepoRepository repos;
    private final int maxRangeDays;

    IncidentService(OrgAccess orgAccess, IncidentRepository incidents, RepoRepository repos, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.incidents = incidents;
        this.repos = repos;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * One page of incidents triggered from {@code from} to {@code to} (UTC days), newest first.
     *
     * @param all {@code true}: also the incidents the organization's rules do not count; absent or {@code false}:
     *            only those DORA counts
     * @throws ProblemException 400 for a bad range, limit, cursor, status, {@code all} or oversize filter; 404 for
     *         an organization the caller cannot see or an unknown repository
     */
    public Listing<IncidentItem> list(String org, String from, String to, String repo, String status, String urgency,
            String all, String cursor, String limitParameter) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int limit = Listing.limit(limitParameter);
        ListingCursor.NamedKey after = ListingCursor.decodeNamedKey(cursor);
        String statusFilter = Filters.oneOf("status", status, STATUSES);
        String urgencyFilter = Filters.text("urgency", urgency);
        boolean everyIncident = Filters.oneOf("all", all, Set.of("true", "false")).equals("true");
        String repoFilter = Filters.text("repo", repo);
        if (!repoFilter.isEmpty() && !repos.exists(orgId, repoFilter)) {
            throw ProblemException.notFound("No repository '" + repoFilter + "' in organization '" + org + "'.");
        }
        List<IncidentItem> fetched = incidents.page(orgId, range, everyIncident, repoFilter, statusFilter,
                urgencyFilter, after, limit + 1);
        return Listing.of(fetched, limit, item -> new ListingCursor.NamedKey(item.createdAt().toEpochMilli(),
                item.provider(), item.incidentId()).encode());
    }
}
