package io.devhealth.sync.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.people.ObservedIdentityReport;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncOutcome;

/**
 * What every successful sync run does after its provider, whatever the provider: the people and team metrics of the
 * days it touched ({@link PeopleMetricsDaily}), then the report of the identities it saw to identity-service
 * ({@link ObservedIdentityReport}). Both find the run's rows by its version, so providers need no hook.
 */
@ApplicationScoped
public class RunAttribution {

    private final PeopleMetricsDaily metrics;
    private final ObservedIdentityReport report;

    RunAttribution(PeopleMetricsDaily metrics, ObservedIdentityReport report) {
        this.metrics = metrics;
        this.report = report;
    }

    /**
     * Recomputes people and team metrics, then reports identities (a report failure is logged, never thrown).
     *
     * @return the outcome with counts {@code user_metrics_daily}, {@code team_metrics_daily} (rows written) and
     *         {@code observedIdentities} (identities identity recorded) added, each when not 0
     * @throws MetricsException the metrics computation failed: the run fails (its cursor stays, the next run rewrites
     *         its rows and recomputes)
     */
    public SyncOutcome afterRun(SyncContext context, String provider, SyncOutcome outcome) {
        PeopleMetricsDaily.Written written = metrics.recompute(context.orgId(), context.version());
        long observed = report.report(context.orgId(), context.version(), provider);
        Map<String, Long> counts = new LinkedHashMap<>(outcome.counts());
        putIfAny(counts, "user_metrics_daily", written.users());
        putIfAny(counts, "team_metrics_daily", written.teams());
        putIfAny(counts, "observedIdentities", observed);
        return new SyncOutcome(counts, outcome.cursor(), outcome.warnings());
    }

    private static void putIfAny(Map<String, Long> counts, String key, long value) {
        if (value > 0) {
            counts.put(key, value);
        }
    }
}
