package io.devhealth.analytics.commit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.support.problem.ProblemException;

/** The organization's commits, for members (viewer and up) and superusers. */
@ApplicationScoped
public class CommitService {

    private final OrgAccess orgAccess;
    private final CommitRepository commits;
    private final RepoRepository repos;
    private final int maxRangeDays;

    CommitService(OrgAccess orgAccess, CommitRepository commits, RepoRepository repos, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.commits = commits;
        this.repos = repos;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * One page of commits authored from {@code from} to {@code to} (UTC days), newest first.
     *
     * @throws ProblemException 400 for a bad range, limit or cursor; 404 for an organization the caller cannot see
     *         or an unknown repository
     */
    public Listing<CommitItem> list(String org, String from, String to, String repo, String author, String cursor,
            String limitParameter) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int limit = Listing.limit(limitParameter);
        ListingCursor.Key after = ListingCursor.decodeKey(cursor);
        String repoFilter = repo == null || repo.isBlank() ? "" : repo.strip();
        if (!repoFilter.isEmpty() && !repos.exists(orgId, repoFilter)) {
            throw ProblemException.notFound("No repository '" + repoFilter + "' in organization '" + org + "'.");
        }
        String authorFilter = author == null ? "" : author.strip();
        List<CommitItem> fetched = commits.page(orgId, range, repoFilter, authorFilter, after, limit + 1);
        return Listing.of(fetched, limit,
                item -> new ListingCursor.Key(item.authoredAt().toEpochMilli(), item.repoId(), item.sha()).encode());
    }

}
