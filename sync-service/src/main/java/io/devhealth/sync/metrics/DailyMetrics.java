package io.devhealth.sync.metrics;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every daily metric table of an organization, computed in its time zone: after a sync run (the days it touched), for
 * a range of days (a recomputation) or for every day (the organization's zone changed). {@code repo_metrics_daily} of a
 * run is computed by the git history sync itself ({@link RepoMetricsDaily}), per repository.
 *
 * <p>Zone changes: {@link MetricsTimeZones} remembers the zone each organization's tables were computed with; the
 * first computation that sees another zone recomputes every table of the organization for every day, then records
 * the new zone, so days of two zones are never mixed for longer than one computation.
 */
@ApplicationScoped
public class DailyMetrics {

    private final RepoMetricsDaily repos;
    private final PeopleMetricsDaily people;
    private final WorkItemMetricsDaily workItems;
    private final DoraMetricsDaily dora;
    private final MetricsTimeZones zones;

    DailyMetrics(RepoMetricsDaily repos, PeopleMetricsDaily people, WorkItemMetricsDaily workItems,
            DoraMetricsDaily dora, MetricsTimeZones zones) {
        this.repos = repos;
        this.people = people;
        this.workItems = workItems;
        this.dora = dora;
        this.zones = zones;
    }

    /** Rows written by one computation, per table. */
    public record Written(long users, long teams, long workItemFacts, long workItemDays, long doraDays) {
    }

    /**
     * After a sync run: the days it touched in {@code zone}, or every day when the organization's tables were computed
     * in another zone.
     *
     * @throws MetricsException a statement failed
     */
    public Written afterRun(UUID orgId, long version, OrgTimeZone zone) {
        if (!zones.recorded(orgId).equals(zone)) {
            return recomputeEveryDay(orgId, zone);
        }
        PeopleMetricsDaily.Written written = people.recompute(orgId, version, zone);
        WorkItemMetricsDaily.Written items = workItems.afterRun(orgId, version, zone);
        long doraDays = dora.recompute(orgId, DaySelection.run(version), zone);
        return new Written(written.users(), written.teams(), items.facts(), items.days(), doraDays);
    }

    /** Recomputes every table for every day in {@code zone}, then records the zone. */
    public Written recomputeEveryDay(UUID orgId, OrgTimeZone zone) {
        repos.recompute(orgId, DaySelection.everyDay(), zone);
        PeopleMetricsDaily.Written written = people.recompute(orgId, DaySelection.everyDay(), zone);
        long facts = workItems.rebuildAllFacts(orgId, zone);
        long workItemDays = workItems.recomputeAll(orgId, zone);
        long doraDays = dora.recompute(orgId, DaySelection.everyDay(), zone);
        zones.record(orgId, zone);
        return new Written(written.users(), written.teams(), facts, workItemDays, doraDays);
    }

    /** Whether the organization's tables were computed in another zone than {@code zone}. */
    public boolean zoneChanged(UUID orgId, OrgTimeZone zone) {
        return !zones.recorded(orgId).equals(zone);
    }

    /** Rebuilds the facts every daily work-item row derives from (a recomputation's first step). */
    public long rebuildFacts(UUID orgId, OrgTimeZone zone) {
        return workItems.rebuildAllFacts(orgId, zone);
    }

    /** Recomputes every table for the days {@code from} to {@code to} (included) of {@code zone}. */
    public void recomputeDays(UUID orgId, LocalDate from, LocalDate to, OrgTimeZone zone) {
        DaySelection days = DaySelection.range(from, to);
        repos.recompute(orgId, days, zone);
        people.recompute(orgId, days, zone);
        workItems.recompute(orgId, from, to, zone);
        dora.recompute(orgId, days, zone);
    }
}
