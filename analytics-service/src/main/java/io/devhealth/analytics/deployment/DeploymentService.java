package io.devhealth.analytics.deployment;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.support.problem.ProblemException;

/** The organization's deployments, for members (viewer and up) and superusers. */
@ApplicationScoped
public class DeploymentService {

    /** The statuses a deployment can have (migrations/clickhouse/V1__init.sql). */
    static final Set<String> STATUSES = Set.of("success", "failure", "error", "inactive", "in_progress", "queued");
    private static final int MAX_ENVIRONMENT_LENGTH = 255;

    private final OrgAccess orgAccess;
    private final DeploymentRepository deployments;
    private final RepoRepository repos;
    private final int maxRangeDays;

    DeploymentService(OrgAccess orgAccess, DeploymentRepository deployments, RepoRepository repos,
            AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.deployments = deployments;
        this.repos = repos;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * One page of deployments created from {@code from} to {@code to} (UTC days), newest first.
     *
     * @throws ProblemException 400 for a bad range, limit, cursor, status or environment; 404 for an organization
     *         the caller cannot see or an unknown repository
     */
    public Listing<DeploymentItem> list(String org, String from, String to, String repo, String environment,
            String status, String cursor, String limitParameter) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int limit = Listing.limit(limitParameter);
        ListingCursor.Key after = ListingCursor.decodeKey(cursor);
        String statusFilter = blankToEmpty(status);
        if (!statusFilter.isEmpty() && !STATUSES.contains(statusFilter)) {
            throw ProblemException.badParameter("status", "status must be one of " + String.join(", ",
                    STATUSES.stream().sorted().toList()));
        }
        String environmentFilter = blankToEmpty(environment);
        if (environmentFilter.length() > MAX_ENVIRONMENT_LENGTH
                || environmentFilter.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badParameter("environment", "environment must be a name of at most "
                    + MAX_ENVIRONMENT_LENGTH + " characters without control characters");
        }
        String repoFilter = blankToEmpty(repo);
        if (!repoFilter.isEmpty() && !repos.exists(orgId, repoFilter)) {
            throw ProblemException.notFound("No repository '" + repoFilter + "' in organization '" + org + "'.");
        }
        List<DeploymentItem> fetched = deployments.page(orgId, range, repoFilter, environmentFilter, statusFilter,
                after, limit + 1);
        return Listing.of(fetched, limit,
                item -> new ListingCursor.Key(item.createdAt().toEpochMilli(), item.repoId(), item.deploymentId()).encode());
    }


    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
