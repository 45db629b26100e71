package io.devhealth.analytics.pullrequest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.listing.Filters;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.metrics.MetricsTimeZoneRepository;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.pullrequest.CycleTimeReport.CycleTime;
import io.devhealth.analytics.pullrequest.CycleTimeReport.Stage;
import io.devhealth.analytics.pullrequest.CycleTimeRepository.Keyed;
import io.devhealth.analytics.pullrequest.CycleTimeRepository.Sample;
import io.devhealth.analytics.pullrequest.CycleTimeRepository.Scope;
import io.devhealth.analytics.pullrequest.CycleTimeRepository.Stats;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.analytics.team.Team;
import io.devhealth.analytics.team.TeamRepository;
import io.devhealth.analytics.time.Period;
import io.devhealth.support.problem.ProblemException;

/** Pull request cycle time of an organization, a repository or teams over a window of merge days. */
@ApplicationScoped
public class CycleTimeService {

    /** Most teams one report compares. */
    static final int MAX_TEAMS = 20;

    static final String NO_MERGES = "no pull request was merged in the window";
    static final String NO_FIRST_COMMIT = "no merged pull request has a known first commit";
    static final String NO_REVIEW =
            "no merged pull request was reviewed by someone other than its author before merging";
    static final String NO_DEPLOYMENT = "no merged pull request has reached a production environment yet";

    private final OrgAccess orgAccess;
    private final CycleTimeRepository cycleTimes;
    private final RepoRepository repos;
    private final TeamRepository teams;
    private final MetricsTimeZoneRepository zones;
    private final int maxRangeDays;

    CycleTimeService(OrgAccess orgAccess, CycleTimeRepository cycleTimes, RepoRepository repos, TeamRepository teams,
            MetricsTimeZoneRepository zones, AnalyticsConfig config) {
        this.zones = zones;
        this.orgAccess = orgAccess;
        this.cycleTimes = cycleTimes;
        this.repos = repos;
        this.teams = teams;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * @param from   first merge day (ISO-8601) or blank; see {@link DayRange#parse}
     * @param repo   a repository id or full name, or blank for every repository
     * @param team   team keys (or ids), or empty for every author; a request counts when its author is a member
     * @param period day, week or month; blank: week
     * @throws ProblemException 400 for a bad range, period or filter, more than {@value #MAX_TEAMS} teams; 404 for an
     *         organization the caller cannot see, an unknown repository or team
     */
    public CycleTimeReport report(String org, String from, String to, String repo, List<String> team, String period) {
        UUID orgId = orgAccess.readableOrgId(org);
        ZoneId zone = zones.zone(orgId); // merge days and periods are the organization's
        DayRange range = DayRange.parse(from, to, LocalDate.now(zone), maxRangeDays);
        Period bucket = Period.parse(period, Period.WEEK);
        String repoFilter = Filters.text("repo", repo);
        if (!repoFilter.isEmpty() && !repos.exists(orgId, repoFilter)) {
            throw ProblemException.notFound("No repository '" + repoFilter + "' in organization '" + org + "'.");
        }
        List<Team> asked = teams(orgId, org, team);
        Scope scope = new Scope(orgId, range, bucket, zone, repoFilter,
                asked.isEmpty() ? "" : TeamRepository.joinIds(asked));
        CycleTimeRepository.Report report = cycleTimes.report(scope);
        Map<LocalDate, Stats> periods = report.periods().stream().collect(Collectors.toMap(Keyed::key, Keyed::stats));
        List<CycleTimeReport.PeriodCycleTime> byPeriod = bucket.starts(range).stream()
                .map(start -> new CycleTimeReport.PeriodCycleTime(start, cycleTime(periods.get(start))))
                .toList();
        List<CycleTimeReport.RepoCycleTime> byRepo = report.repos().stream()
                .sorted(Comparator.comparing((Keyed<UUID> keyed) -> keyed.name()).thenComparing(Keyed::key))
                .map(keyed -> new CycleTimeReport.RepoCycleTime(keyed.key(), keyed.name(), cycleTime(keyed.stats())))
                .toList();
        Map<String, Stats> teamStats = report.teams().stream().collect(Collectors.toMap(Keyed::key, Keyed::stats));
        List<CycleTimeReport.TeamCycleTime> byTeam = asked.stream()
                .map(asker -> new CycleTimeReport.TeamCycleTime(asker.key(), asker.name(),
                        cycleTime(teamStats.get(asker.teamId()))))
                .toList();
        return new CycleTimeReport(range.from(), range.to(), bucket.apiName(), zone.getId(),
                repoFilter.isEmpty() ? null : repoFilter, asked.stream().map(Team::key).toList(),
                cycleTime(report.overall()), byPeriod, byRepo, byTeam);
    }

    private List<Team> teams(UUID orgId, String org, List<String> keys) {
        List<String> distinct = keys == null ? List.of()
                : keys.stream().map(key -> Filters.text("team", key)).filter(key -> !key.isEmpty()).distinct().toList();
        if (distinct.size() > MAX_TEAMS) {
            throw ProblemException.badParameter("team", "at most " + MAX_TEAMS + " teams per report");
        }
        Map<String, Team> found = new LinkedHashMap<>();
        for (String key : distinct) {
            Team team = teams.find(orgId, key)
                    .orElseThrow(() -> ProblemException.notFound(
                            "No team '" + key + "' in organization '" + org + "'."));
            found.putIfAbsent(team.teamId(), team);
        }
        return new ArrayList<>(found.values());
    }

    /** The API form of a group's statistics; null stats: nothing merged in the group. */
    static CycleTime cycleTime(Stats stats) {
        if (stats == null || stats.merged() == 0) {
            Stage none = new Stage(0, null, null, null, NO_MERGES);
            return new CycleTime(0, none, none, none, none);
        }
        return new CycleTime(stats.merged(), stage(stats.coding(), NO_FIRST_COMMIT), stage(stats.pickup(), NO_REVIEW),
                stage(stats.review(), NO_REVIEW), stage(stats.deploy(), NO_DEPLOYMENT));
    }

    private static Stage stage(Sample sample, String reasonWhenEmpty) {
        if (sample.samples() == 0 || sample.p50() == null) {
            return new Stage(0, null, null, null, reasonWhenEmpty);
        }
        return new Stage(sample.samples(), sample.p50(), sample.p75(), sample.p90(), null);
    }
}
