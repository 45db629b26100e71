package io.devhealth.sync.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.people.ObservedIdentityReport;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncOutcome;

/**
 * What every successful sync run does after its provider, whatever the provider: the daily metrics of the days it
 * touched in the organization's time zone ({@link DailyMetrics}: people, teams, work items, DORA), then the report of
 * the identities it saw to identity-service ({@link ObservedIdentityReport}). Both find the run's rows by its version,
 * so providers need no hook.
 */
@ApplicationScoped
public class RunAttribution {

    private final DailyMetrics metrics;
    private final ObservedIdentityReport report;

    RunAttribution(DailyMetrics metrics, ObservedIdentityReport report) {
        this.metrics = metrics;
        this.report = report;
    }

    /**
     * Recomputes people and team metrics, then reports identities (a report failure is logged, never thrown).
     *
     * @return the outcome with counts {@code user_metrics_daily}, {@code team_metrics_daily}, {@code work_item_facts},
     *         {@code work_item_metrics_daily}, {@code dora_metrics_daily} (rows written) and
     *         {@code observedIdentities} (identities identity recorded) added, each when not 0
     * @throws MetricsException the metrics computation failed: the run fails (its cursor stays, the next run rewrites
     *         its rows and recomputes)
     */
    public SyncOutcome afterRun(SyncContext context, String provider, SyncOutcome outcome) {
        DailyMetrics.Written written = metrics.afterRun(context.orgId(), context.version(),
                OrgTimeZone.from(context.orgSettings()));
        long observed = report.report(context.orgId(), context.version(), provider);
        Map<String, Long> counts = new LinkedHashMap<>(outcome.counts());
        putIfAny(counts, "user_metrics_daily", written.users());
        putIfAny(counts, "team_metrics_daily", written.teams());
        putIfAny(counts, "work_item_facts", written.workItemFacts());
        putIfAny(counts, "work_item_metrics_daily", written.workItemDays());
        putIfAny(counts, "dora_metrics_daily", written.doraDays());
        putIfAny(counts, "observedIdentities", observed);
        return new SyncOutcome(counts, outcome.cursor(), outcome.warnings());
    }

    private static void putIfAny(Map<String, Long> counts, String key, long value) {
        if (value > 0) {
            counts.put(key, value);
        }
    }
}
