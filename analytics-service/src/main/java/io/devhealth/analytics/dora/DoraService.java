package io.devhealth.analytics.dora;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.dora.DoraReport.ChangeFailRate;
import io.devhealth.analytics.dora.DoraReport.ChangeLeadTime;
import io.devhealth.analytics.dora.DoraReport.DeploymentFrequency;
import io.devhealth.analytics.dora.DoraReport.DeploymentReworkRate;
import io.devhealth.analytics.dora.DoraReport.FailedDeploymentRecoveryTime;
import io.devhealth.analytics.dora.DoraRepository.ChangeDay;
import io.devhealth.analytics.dora.DoraRepository.ChangeTotals;
import io.devhealth.analytics.dora.DoraRepository.DeploymentDay;
import io.devhealth.analytics.dora.DoraRepository.DeploymentTotals;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.metrics.MetricsTimeZoneRepository;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.analytics.team.Team;
import io.devhealth.analytics.team.TeamRepository;
import io.devhealth.support.problem.ProblemException;

/**
 * The DORA report of an organization, a team, a repository or an environment over a window of days in the
 * organization's time zone (the one its daily tables were computed in; UTC by default).
 */
@ApplicationScoped
public class DoraService {

    static final String NO_DEPLOYMENTS = "no successful deployment in the window";
    static final String NO_CHANGES = "no change reached the environment in the window";
    static final String NO_FAILURES = "no deployment in the window required intervention";
    static final String NO_RECOVERY = "no failed deployment in the window has recovered yet";

    private final OrgAccess orgAccess;
    private final DoraRepository dora;
    private final RepoRepository repos;
    private final TeamRepository teams;
    private final MetricsTimeZoneRepository zones;
    private final int maxRangeDays;

    DoraService(OrgAccess orgAccess, DoraRepository dora, RepoRepository repos, TeamRepository teams,
            MetricsTimeZoneRepository zones, AnalyticsConfig config) {
        this.teams = teams;
        this.zones = zones;
        this.orgAccess = orgAccess;
        this.dora = dora;
        this.repos = repos;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * @param org         organization slug or id
     * @param from        first day (ISO-8601, in the organization's time zone) or blank; see {@link DayRange#parse}
     * @param to          last day or blank
     * @param environment one environment, or null for every production environment
     * @param repo        a repository id or full name, or null for the whole organization
     * @param team        a team key or id (the team's repositories), or null; exclusive with {@code repo}
     * @throws ProblemException 400 for a bad range or both {@code repo} and {@code team}, 404 for an organization the
     *         caller cannot see or when {@code repo} or {@code team} names none of the organization's
     */
    public DoraReport report(String org, String from, String to, String environment, String repo, String team,
            DoraLevels table) {
        UUID orgId = orgAccess.readableOrgId(org);
        ZoneId zone = zones.zone(orgId);
        DayRange range = DayRange.parse(from, to, LocalDate.now(zone), maxRangeDays);
        if (repo != null && team != null) {
            throw ProblemException.badParameter("team", "repo and team are exclusive: give one of them");
        }
        if (repo != null && !repos.exists(orgId, repo)) {
            throw ProblemException.notFound("No repository '" + repo + "' in this organization.");
        }
        String teamId = team == null ? "" : teams.find(orgId, team).map(Team::teamId).orElseThrow(
                () -> ProblemException.notFound("No team '" + team + "' in this organization."));
        DoraRepository.Scope scope = new DoraRepository.Scope(orgId, range, zone, environment == null ? "" : environment,
                repo == null ? "" : repo, teamId);
        DoraRepository.Facts facts = dora.facts(scope);
        DeploymentTotals deployments = facts.deploymentTotals();
        ChangeTotals changes = facts.changeTotals();
        DeploymentFrequency frequency = deploymentFrequency(deployments, range, table);
        ChangeLeadTime leadTime = changeLeadTime(changes, table);
        ChangeFailRate failRate = changeFailRate(deployments, table);
        FailedDeploymentRecoveryTime recovery = recoveryTime(deployments, table);
        DeploymentReworkRate rework = reworkRate(deployments);
        return new DoraReport(range.from(), range.to(), zone.getId(), environment, repo, team,
                new DoraReport.LevelTable(table.id(), table.title(), table.source()), frequency, leadTime, failRate,
                recovery, rework, quickCheck(frequency, leadTime, failRate, recovery, rework),
                series(range, facts.deploymentDays(), facts.changeDays()),
                weekly(range, facts.deploymentWeeks(), facts.changeWeeks()));
    }

    private static DoraReport.QuickCheckAnswers quickCheck(DeploymentFrequency frequency, ChangeLeadTime leadTime,
            ChangeFailRate failRate, FailedDeploymentRecoveryTime recovery, DeploymentReworkRate rework) {
        return new DoraReport.QuickCheckAnswers(QuickCheck.TITLE, QuickCheck.SOURCE,
                frequency.reason() != null ? null : QuickCheck.deploymentFrequency(frequency.perDay()),
                leadTime.medianHours() == null ? null : QuickCheck.duration(leadTime.medianHours()),
                failRate.rate() == null ? null : QuickCheck.percent(failRate.rate()),
                recovery.medianHours() == null ? null : QuickCheck.duration(recovery.medianHours()),
                rework.rate() == null ? null : QuickCheck.percent(rework.rate()));
    }

    /** Every ISO week touching the window, zeros (and null medians) in weeks without deployments or changes. */
    private static List<DoraReport.Week> weekly(DayRange range, List<DeploymentDay> deployments,
            List<ChangeDay> changes) {
        Map<LocalDate, DeploymentDay> deploymentsByWeek = deployments.stream()
                .collect(Collectors.toMap(DeploymentDay::day, Function.identity()));
        Map<LocalDate, ChangeDay> changesByWeek = changes.stream()
                .collect(Collectors.toMap(ChangeDay::day, Function.identity()));
        List<DoraReport.Week> weeks = new ArrayList<>();
        for (LocalDate monday = range.from().with(java.time.DayOfWeek.MONDAY); !monday.isAfter(range.to());
                monday = monday.plusWeeks(1)) {
            DeploymentDay deployed = deploymentsByWeek.get(monday);
            ChangeDay changed = changesByWeek.get(monday);
            weeks.add(deployed == null
                    ? new DoraReport.Week(monday, 0, 0, 0, 0, 0, null, changed == null ? 0 : changed.changes(),
                            changed == null ? null : changed.medianHours(), changed == null ? null : changed.p90Hours())
                    : new DoraReport.Week(monday, deployed.deployments(), deployed.deploymentDays(), deployed.failed(),
                            deployed.rework(), deployed.recovered(), deployed.recoveryMedianHours(),
                            changed == null ? 0 : changed.changes(), changed == null ? null : changed.medianHours(),
                            changed == null ? null : changed.p90Hours()));
        }
        return weeks;
    }

    private static DeploymentFrequency deploymentFrequency(DeploymentTotals totals, DayRange range, DoraLevels table) {
        double days = range.days();
        double perDay = totals.deployments() / days;
        String level = totals.deployments() == 0 ? null : table.deploymentFrequency(perDay).apiName();
        return new DeploymentFrequency(totals.deployments(), perDay, perDay * 7, totals.deploymentDays(),
                totals.deploymentDays() / (days / 7), level, totals.deployments() == 0 ? NO_DEPLOYMENTS : null);
    }

    private static ChangeLeadTime changeLeadTime(ChangeTotals totals, DoraLevels table) {
        if (totals.changes() == 0 || totals.medianHours() == null) {
            return new ChangeLeadTime(0, null, null, null, NO_CHANGES);
        }
        return new ChangeLeadTime(totals.changes(), totals.medianHours(), totals.p90Hours(),
                table.changeLeadTime(totals.medianHours()).apiName(), null);
    }

    private static ChangeFailRate changeFailRate(DeploymentTotals totals, DoraLevels table) {
        if (totals.deployments() == 0) {
            return new ChangeFailRate(0, 0, null, null, NO_DEPLOYMENTS);
        }
        double rate = (double) totals.failed() / totals.deployments();
        return new ChangeFailRate(totals.deployments(), totals.failed(), rate, table.changeFailRate(rate).apiName(),
                null);
    }

    private static FailedDeploymentRecoveryTime recoveryTime(DeploymentTotals totals, DoraLevels table) {
        if (totals.failed() == 0) {
            return new FailedDeploymentRecoveryTime(0, 0, null, null,
                    totals.deployments() == 0 ? NO_DEPLOYMENTS : NO_FAILURES);
        }
        if (totals.recovered() == 0 || totals.recoveryMedianHours() == null) {
            return new FailedDeploymentRecoveryTime(totals.failed(), 0, null, null, NO_RECOVERY);
        }
        return new FailedDeploymentRecoveryTime(totals.failed(), totals.recovered(), totals.recoveryMedianHours(),
                table.failedDeploymentRecoveryTime(totals.recoveryMedianHours()).apiName(), null);
    }

    private static DeploymentReworkRate reworkRate(DeploymentTotals totals) {
        if (totals.deployments() == 0) {
            return new DeploymentReworkRate(0, 0, null, NO_DEPLOYMENTS);
        }
        return new DeploymentReworkRate(totals.deployments(), totals.rework(),
                (double) totals.rework() / totals.deployments(), null);
    }

    /** Every day of the window, zeros (and a null median) on days without deployments or changes. */
    private static List<DoraReport.Day> series(DayRange range, List<DeploymentDay> deployments, List<ChangeDay> changes) {
        Map<LocalDate, DeploymentDay> deploymentsByDay = deployments.stream()
                .collect(Collectors.toMap(DeploymentDay::day, Function.identity()));
        Map<LocalDate, ChangeDay> changesByDay = changes.stream()
                .collect(Collectors.toMap(ChangeDay::day, Function.identity()));
        List<DoraReport.Day> days = new ArrayList<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plus(1, ChronoUnit.DAYS)) {
            DeploymentDay deployed = deploymentsByDay.get(day);
            ChangeDay changed = changesByDay.get(day);
            days.add(new DoraReport.Day(day, deployed == null ? 0 : deployed.deployments(),
                    deployed == null ? 0 : deployed.failed(), deployed == null ? 0 : deployed.rework(),
                    changed == null ? 0 : changed.changes(), changed == null ? null : changed.medianHours(),
                    changed == null ? null : changed.p90Hours()));
        }
        return days;
    }
}
