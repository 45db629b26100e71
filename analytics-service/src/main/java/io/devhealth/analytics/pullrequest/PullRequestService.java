package io.devhealth.analytics.pullrequest;

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
import io.devhealth.analytics.team.Team;
import io.devhealth.analytics.team.TeamRepository;
import io.devhealth.support.problem.ProblemException;

/** The organization's pull/merge requests, for members (viewer and up) and superusers. */
@ApplicationScoped
public class PullRequestService {

    /** The states a pull request can have (migrations/clickhouse/V1__init.sql). */
    static final Set<String> STATES = Set.of("open", "closed", "merged");

    private final OrgAccess orgAccess;
    private final PullRequestRepository pullRequests;
    private final RepoRepository repos;
    private final TeamRepository teams;
    private final int maxRangeDays;

    PullRequestService(OrgAccess orgAccess, PullRequestRepository pullRequests, RepoRepository repos,
            TeamRepository teams, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.pullRequests = pullRequests;
        this.repos = repos;
        this.teams = teams;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * One page of pull requests opened from {@code from} to {@code to} (UTC days), newest first.
     *
     * @param team a team key (or id): only requests authored by its members
     * @throws ProblemException 400 for a bad range, limit, cursor, state or oversize filter; 404 for an organization
     *         the caller cannot see, an unknown repository or an unknown team
     */
    public Listing<PullRequestItem> list(String org, String from, String to, String repo, String state, String author,
            String team, String cursor, String limitParameter) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int limit = Listing.limit(limitParameter);
        ListingCursor.Key after = ListingCursor.decodeKey(cursor);
        long afterNumber = after == null ? 0 : number(after);
        String stateFilter = Filters.oneOf("state", state, STATES);
        String authorFilter = Filters.text("author", author);
        String repoFilter = Filters.text("repo", repo);
        if (!repoFilter.isEmpty() && !repos.exists(orgId, repoFilter)) {
            throw ProblemException.notFound("No repository '" + repoFilter + "' in organization '" + org + "'.");
        }
        String teamFilter = Filters.text("team", team);
        String teamIds = teamFilter.isEmpty() ? "" : TeamRepository.joinIds(List.of(team(orgId, org, teamFilter)));
        List<PullRequestItem> fetched = pullRequests.page(orgId, range, repoFilter, stateFilter, authorFilter, teamIds,
                after, afterNumber, limit + 1);
        return Listing.of(fetched, limit, item -> new ListingCursor.Key(item.createdAt().toEpochMilli(), item.repoId(),
                Long.toUnsignedString(item.number())).encode());
    }

    private Team team(UUID orgId, String org, String key) {
        return teams.find(orgId, key)
                .orElseThrow(() -> ProblemException.notFound("No team '" + key + "' in organization '" + org + "'."));
    }

    private static long number(ListingCursor.Key key) {
        try {
            return Long.parseUnsignedLong(key.id());
        } catch (NumberFormatException notANumber) {
            throw ProblemException.badParameter("cursor", "cursor must be a value from a previous page's nextCursor");
        }
    }
}
