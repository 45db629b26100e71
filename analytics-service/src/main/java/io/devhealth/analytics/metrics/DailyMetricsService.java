package io.devhealth.analytics.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.query.JsonRows;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Daily metrics per person, team and work-item project, for members (viewer and up) and superusers. Days are those
 * of the organization's time zone; a range defaults to the 30 days ending today in that zone.
 */
@ApplicationScoped
public class DailyMetricsService {

    /** Providers of work items. */
    static final Set<String> WORK_ITEM_PROVIDERS = Set.of("jira", "github", "gitlab");
    /** Longest filter value accepted (a person id, an email, a team key, a project key). */
    static final int MAX_FILTER_LENGTH = 320;

    private final OrgAccess orgAccess;
    private final MetricsTimeZoneRepository zones;
    private final UserMetricsRepository users;
    private final TeamMetricsRepository teams;
    private final WorkItemMetricsRepository workItems;
    private final ObjectMapper json;
    private final int maxRangeDays;

    DailyMetricsService(OrgAccess orgAccess, MetricsTimeZoneRepository zones, UserMetricsRepository users,
            TeamMetricsRepository teams, WorkItemMetricsRepository workItems, ObjectMapper json, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.zones = zones;
        this.users = users;
        this.teams = teams;
        this.workItems = workItems;
        this.json = json;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * Days with activity of one page of people and unmapped identities (in identity-key order), or of one person.
     *
     * @param user   a canonical person id, or an email (the person whose primary email or git identity it is, and
     *               the email's unmapped git activity); blank: everyone, a page at a time
     * @param limit  people (identity keys) per page, 1 to {@value Listing#MAX_LIMIT}; blank: {@value
     *               Listing#DEFAULT_LIMIT}
     * @param cursor a previous page's {@code nextCursor}; blank: the first page
     * @throws ProblemException 400 for a bad range, limit or cursor, or a user that is neither a UUID nor an email;
     *         404 for an organization the caller cannot see or a user the organization does not know
     */
    public UserMetricsSeries users(String org, String user, String from, String to, String limit, String cursor) {
        PeopleDays days = peopleDays(org, user, from, to, limit, cursor);
        return new UserMetricsSeries(days.range().from(), days.range().to(), days.zone().getId(),
                days.rows().read(json, UserDayMetrics.class), days.nextCursor());
    }

    /** {@link #users} as the JSON of a {@link UserMetricsSeries}, its items written by ClickHouse (the REST answer). */
    public byte[] usersJson(String org, String user, String from, String to, String limit, String cursor) {
        PeopleDays days = peopleDays(org, user, from, to, limit, cursor);
        return SeriesJson.of(json, days.range(), days.zone(), days.rows(), days.nextCursor());
    }

    private record PeopleDays(DayRange range, ZoneId zone, JsonRows rows, String nextCursor) {
    }

    private PeopleDays peopleDays(String org, String user, String from, String to, String limit, String cursor) {
        int people = Listing.limit(limit);
        List<String> after = ListingCursor.decode(cursor, 1);
        UUID orgId = orgAccess.readableOrgId(org);
        ZoneId zone = zones.zone(orgId);
        DayRange range = range(from, to, zone);
        if (DayRange.isAbsent(user)) {
            // One key more than the page holds tells whether another page follows.
            List<String> keys = users.keysWithActivity(orgId, range, after == null ? "" : after.getFirst(), people + 1);
            List<String> page = keys.subList(0, Math.min(people, keys.size()));
            String next = keys.size() > people ? ListingCursor.encode(page.getLast()) : null;
            return new PeopleDays(range, zone, users.daily(orgId, range, page), next);
        }
        String value = filter("user", user);
        List<String> keys = identityKeys(orgId, value);
        if (keys.isEmpty()) {
            throw ProblemException.notFound("No person or identity '" + value + "' in organization '" + org + "'.");
        }
        return new PeopleDays(range, zone, users.daily(orgId, range, keys), null);
    }

    /**
     * Days with activity of every team, or of the team with key {@code team}.
     *
     * @throws ProblemException 400 for a bad range, 404 for an organization the caller cannot see or an unknown team
     */
    public TeamMetricsSeries teams(String org, String team, String from, String to) {
        DaySeries days = teamDays(org, orgAccess.readableOrgId(org), team, from, to);
        return new TeamMetricsSeries(days.range().from(), days.range().to(), days.zone().getId(),
                days.rows().read(json, TeamDayMetrics.class));
    }

    /**
     * {@link #teams} as the JSON of a {@link TeamMetricsSeries}, its items written by ClickHouse (the REST answer).
     * Every team of an organization whose access and time zone are cached is read on the event loop without
     * blocking; anything else (the first request of a token, one team) runs on a worker thread.
     */
    public Uni<byte[]> teamsJson(String org, String team, String from, String to) {
        CachedOrgZone cached = CachedOrgZone.find(orgAccess, zones, org);
        if (cached == null || !DayRange.isAbsent(team)) {
            return orgAccess.offEventLoop(org, orgId -> teamDays(org, orgId, team, from, to).json(json));
        }
        DayRange range = range(from, to, cached.zone());
        return teams.dailyAsync(cached.orgId(), range).map(rows -> SeriesJson.of(json, range, cached.zone(), rows));
    }

    private DaySeries teamDays(String org, UUID orgId, String team, String from, String to) {
        ZoneId zone = zones.zone(orgId);
        DayRange range = range(from, to, zone);
        if (DayRange.isAbsent(team)) {
            return new DaySeries(range, zone, teams.daily(orgId, range));
        }
        String key = filter("team", team);
        if (!teams.exists(orgId, key)) {
            throw ProblemException.notFound("No team '" + key + "' in organization '" + org + "'.");
        }
        return new DaySeries(range, zone, teams.daily(orgId, range, key));
    }

    /**
     * Days with activity of every work-item project, optionally of one provider and/or one project.
     *
     * @throws ProblemException 400 for a bad range or an unknown provider, 404 for an organization the caller cannot
     *         see or a project without work items
     */
    public WorkItemMetricsSeries workItems(String org, String provider, String project, String from, String to) {
        DaySeries days = workItemDays(org, orgAccess.readableOrgId(org), provider, project, from, to);
        return new WorkItemMetricsSeries(days.range().from(), days.range().to(), days.zone().getId(),
                days.rows().read(json, WorkItemDayMetrics.class));
    }

    /**
     * {@link #workItems} as the JSON of a {@link WorkItemMetricsSeries}, its items written by ClickHouse (the REST
     * answer). Every project of an organization whose access and time zone are cached is read on the event loop
     * without blocking; anything else (the first request of a token, one project) runs on a worker thread.
     */
    public Uni<byte[]> workItemsJson(String org, String provider, String project, String from, String to) {
        CachedOrgZone cached = CachedOrgZone.find(orgAccess, zones, org);
        if (cached == null || !DayRange.isAbsent(project)) {
            return orgAccess.offEventLoop(org,
                    orgId -> workItemDays(org, orgId, provider, project, from, to).json(json));
        }
        String providerFilter = providerFilter(provider);
        DayRange range = range(from, to, cached.zone());
        return workItems.dailyAsync(cached.orgId(), range, providerFilter, "")
                .map(rows -> SeriesJson.of(json, range, cached.zone(), rows));
    }

    private DaySeries workItemDays(String org, UUID orgId, String provider, String project, String from, String to) {
        String providerFilter = providerFilter(provider);
        String projectFilter = DayRange.isAbsent(project) ? "" : filter("project", project);
        ZoneId zone = zones.zone(orgId);
        DayRange range = range(from, to, zone);
        if (!projectFilter.isEmpty() && !workItems.projectExists(orgId, providerFilter, projectFilter)) {
            throw ProblemException.notFound("No work items in project '" + projectFilter + "' of organization '"
                    + org + "'.");
        }
        return new DaySeries(range, zone, workItems.daily(orgId, range, providerFilter, projectFilter));
    }

    /** The provider filter, lower-cased; empty for none. */
    private static String providerFilter(String provider) {
        String providerFilter = DayRange.isAbsent(provider) ? ""
                : filter("provider", provider).toLowerCase(Locale.ROOT);
        if (!providerFilter.isEmpty() && !WORK_ITEM_PROVIDERS.contains(providerFilter)) {
            throw ProblemException.badParameter("provider", "Query parameter 'provider' must be one of "
                    + String.join(", ", WORK_ITEM_PROVIDERS.stream().sorted().toList()) + ".");
        }
        return providerFilter;
    }

    private List<String> identityKeys(UUID orgId, String user) {
        UUID personId = uuid(user);
        if (personId != null) {
            String key = personId.toString();
            return users.personExists(orgId, personId) || users.hasRows(orgId, key) ? List.of(key) : List.of();
        }
        if (!user.contains("@")) {
            throw ProblemException.badParameter("user",
                    "Query parameter 'user' must be a person id (UUID) or an email address.");
        }
        String email = user.toLowerCase(Locale.ROOT);
        List<String> keys = users.keysOfEmail(orgId, email);
        boolean known = keys.size() > 1 || users.hasRows(orgId, "git:" + email);
        return known ? keys : List.of();
    }

    private DayRange range(String from, String to, ZoneId zone) {
        return DayRange.parse(from, to, LocalDate.now(zone), maxRangeDays);
    }

    private static String filter(String parameter, String value) {
        String stripped = value.strip();
        if (stripped.length() > MAX_FILTER_LENGTH || stripped.indexOf('\0') >= 0) {
            throw ProblemException.badParameter(parameter, "Query parameter '" + parameter + "' must be at most "
                    + MAX_FILTER_LENGTH + " characters, without NUL.");
        }
        return stripped;
    }

    private static UUID uuid(String value) {
        try {
            return value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
