package io.devhealth.analytics.flow;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.flow.FlowReport.Bucket;
import io.devhealth.analytics.flow.FlowReport.CategoryTime;
import io.devhealth.analytics.flow.FlowReport.FlowEfficiency;
import io.devhealth.analytics.flow.FlowReport.Percentiles;
import io.devhealth.analytics.flow.FlowReport.StatusTime;
import io.devhealth.analytics.flow.FlowRepository.BucketRow;
import io.devhealth.analytics.flow.FlowRepository.EfficiencyRow;
import io.devhealth.analytics.flow.FlowRepository.Totals;
import io.devhealth.analytics.flow.FlowRepository.WipChange;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.support.problem.ProblemException;

/** Flow metrics of an organization's work items over a window of UTC days (see {@link FlowReport}). */
@ApplicationScoped
public class FlowService {

    static final String NO_COMPLETED = "no work item was completed in the window";
    static final String NO_STARTED = "no work item completed in the window had been started";
    static final String NO_STAYS = "no work item completed in the window has status transitions between its start "
            + "and its completion";
    /** Status categories in flow order; unknown ones ('' from an unmapped status) follow. */
    private static final List<String> CATEGORY_ORDER = List.of("todo", "in_progress", "done");

    private final OrgAccess orgAccess;
    private final FlowRepository flow;
    private final int maxRangeDays;

    FlowService(OrgAccess orgAccess, FlowRepository flow, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.flow = flow;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * @param org    organization slug or id
     * @param from   first UTC day (ISO-8601) or blank; see {@link DayRange#parse}
     * @param to     last UTC day or blank
     * @param period day, week (default) or month
     * @throws ProblemException 400 for a bad range, period or filter (see {@link WorkItemFilter#parse}); 404 for an
     *         organization the caller cannot see
     */
    public FlowReport report(String org, String from, String to, String provider, String project, String type,
            String period) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        WorkItemFilter filter = WorkItemFilter.parse(provider, project, type);
        Period bucketing = Period.parse(period, Period.WEEK);
        Totals totals = flow.totals(orgId, range, filter);
        List<Bucket> series = series(bucketing, range, flow.buckets(orgId, range, filter, bucketing),
                flow.wipChanges(orgId, range, filter));
        return new FlowReport(range.from(), range.to(), bucketing.apiName(), emptyToNull(filter.provider()),
                emptyToNull(filter.project()), emptyToNull(filter.type()), totals.completed(),
                series.isEmpty() ? 0 : series.getLast().wip(),
                percentiles(totals.cycleItems(), totals.cycleP50(), totals.cycleP85(), totals.cycleP95(),
                        totals.completed() == 0 ? NO_COMPLETED : NO_STARTED),
                percentiles(totals.completed(), totals.leadP50(), totals.leadP85(), totals.leadP95(), NO_COMPLETED),
                efficiency(flow.efficiency(orgId, range, filter), totals.completed()),
                timeInStatus(flow.categoryTimes(orgId, range, filter), flow.statusTimes(orgId, range, filter)),
                series);
    }

    private static Percentiles percentiles(long items, double p50, double p85, double p95, String reasonWhenNone) {
        return items == 0 ? new Percentiles(0, null, null, null, reasonWhenNone)
                : new Percentiles(items, p50, p85, p95, null);
    }

    private static FlowEfficiency efficiency(EfficiencyRow row, long completed) {
        if (row.items() == 0) {
            return new FlowEfficiency(0, null, null, null, null, completed == 0 ? NO_COMPLETED : NO_STAYS);
        }
        return new FlowEfficiency(row.items(), row.activeHours(), row.waitingHours(),
                row.activeHours() / (row.activeHours() + row.waitingHours()), row.itemMedian(), null);
    }

    private static List<CategoryTime> timeInStatus(List<FlowRepository.CategoryRow> categories,
            List<FlowRepository.StatusRow> statuses) {
        Map<String, List<StatusTime>> byCategory = statuses.stream().collect(Collectors.groupingBy(
                FlowRepository.StatusRow::category, Collectors.mapping(
                        row -> new StatusTime(row.status(), row.items(), row.totalHours(), row.p50Hours()),
                        Collectors.toList())));
        return categories.stream()
                .sorted(Comparator.comparingInt((FlowRepository.CategoryRow row) -> categoryRank(row.category()))
                        .thenComparing(FlowRepository.CategoryRow::category))
                .map(row -> new CategoryTime(row.category(), row.items(), row.totalHours(), row.p50Hours(),
                        byCategory.getOrDefault(row.category(), List.of())))
                .toList();
    }

    private static int categoryRank(String category) {
        int rank = CATEGORY_ORDER.indexOf(category);
        return rank < 0 ? CATEGORY_ORDER.size() : rank;
    }

    /** Every period of the window; WIP at a period's end is the running sum of the daily changes up to its last day. */
    private static List<Bucket> series(Period period, DayRange range, List<BucketRow> completions,
            List<WipChange> wipChanges) {
        Map<LocalDate, BucketRow> completedByStart = completions.stream()
                .collect(Collectors.toMap(BucketRow::start, Function.identity()));
        TreeMap<LocalDate, Long> changes = new TreeMap<>(wipChanges.stream()
                .collect(Collectors.toMap(WipChange::day, WipChange::delta, Long::sum)));
        List<Bucket> buckets = new ArrayList<>();
        long wip = 0;
        for (DayRange bucket : period.buckets(range)) {
            wip += changes.subMap(bucket.from(), true, bucket.to(), true).values().stream()
                    .mapToLong(Long::longValue).sum();
            BucketRow done = completedByStart.get(bucket.from());
            buckets.add(new Bucket(bucket.from(), bucket.to(), done == null ? 0 : done.completed(), wip,
                    done == null || done.cycleItems() == 0 ? null : done.cycleP50(),
                    done == null ? null : done.leadP50()));
        }
        return buckets;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
