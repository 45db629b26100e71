package io.devhealth.analytics.dora;

import java.time.LocalDate;
import java.time.ZoneOffset;
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
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.analytics.repo.RepoRepository;
import io.devhealth.support.problem.ProblemException;

/** The DORA report of an organization, a repository or an environment over a window of UTC days. */
@ApplicationScoped
public class DoraService {

    static final String NO_DEPLOYMENTS = "no successful deployment in the window";
    static final String NO_CHANGES = "no change reached the environment in the window";
    static final String NO_FAILURES = "no deployment in the window required intervention";
    static final String NO_RECOVERY = "no failed deployment in the window has recovered yet";

    private final OrgAccess orgAccess;
    private final DoraRepository dora;
    private final RepoRepository repos;
    private final int maxRangeDays;

    DoraService(OrgAccess orgAccess, DoraRepository dora, RepoRepository repos, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.dora = dora;
        this.repos = repos;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * @param org         organization slug or id
     * @param from        first UTC day (ISO-8601) or blank; see {@link DayRange#parse}
     * @param to          last UTC day or blank
     * @param environment one environment, or null for every production environment
     * @param repo        a repository id or full name, or null for the whole organization
     * @throws ProblemException 400 for a bad range, 404 for an organization the caller cannot see or when
     *         {@code repo} names no repository of the organization
     */
    public DoraReport report(String org, String from, String to, String environment, String repo, DoraLevels table) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        String environmentFilter = environment == null ? "" : environment;
        String repoFilter = repo == null ? "" : repo;
        if (repo != null && !repos.exists(orgId, repo)) {
            throw ProblemException.notFound("No repository '" + repo + "' in this organization.");
        }
        DeploymentTotals deployments = dora.deploymentTotals(orgId, range, environmentFilter, repoFilter);
        ChangeTotals changes = dora.changeTotals(orgId, range, environmentFilter, repoFilter);
        return new DoraReport(range.from(), range.to(), environment, repo,
                new DoraReport.LevelTable(table.id(), table.title(), table.source()),
                deploymentFrequency(deployments, range, table), changeLeadTime(changes, table),
                changeFailRate(deployments, table), recoveryTime(deployments, table), reworkRate(deployments),
                series(range, dora.deploymentDays(orgId, range, environmentFilter, repoFilter),
                        dora.changeDays(orgId, range, environmentFilter, repoFilter)));
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
                    changed == null ? 0 : changed.changes(), changed == null ? null : changed.medianHours()));
        }
        return days;
    }
}
