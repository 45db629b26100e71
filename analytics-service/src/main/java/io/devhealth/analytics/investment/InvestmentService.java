package io.devhealth.analytics.investment;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.flow.Period;
import io.devhealth.analytics.flow.WorkItemFilter;
import io.devhealth.analytics.investment.InvestmentReport.Bucket;
import io.devhealth.analytics.investment.InvestmentReport.Node;
import io.devhealth.analytics.investment.InvestmentReport.Slice;
import io.devhealth.analytics.investment.InvestmentRepository.SliceRow;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.support.problem.ProblemException;

/** The investment breakdown of an organization's completed work (see {@link InvestmentReport}). */
@ApplicationScoped
public class InvestmentService {

    static final String ROOT = "all";
    static final String NO_LABEL = "(no label)";
    static final String OTHER_LABELS = "(other labels)";
    /** Labels shown per type; the rest are summed under {@value #OTHER_LABELS} so that a sunburst stays legible. */
    static final int MAX_LABELS_PER_TYPE = 20;

    private final OrgAccess orgAccess;
    private final InvestmentRepository investment;
    private final int maxRangeDays;

    InvestmentService(OrgAccess orgAccess, InvestmentRepository investment, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.investment = investment;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * @param group  type (default) or label
     * @param period day, week or month (default)
     * @throws ProblemException 400 for a bad range, group, period, provider or project; 404 for an organization the
     *         caller cannot see
     */
    public InvestmentReport report(String org, String from, String to, String group, String period, String provider,
            String project) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        boolean byLabel = byLabel(group);
        Period bucketing = Period.parse(period, Period.MONTH);
        WorkItemFilter filter = WorkItemFilter.parse(provider, project, null);
        List<SliceRow> rows = investment.slices(orgId, range, filter, bucketing, byLabel);
        Map<String, List<String>> shownLabels = byLabel ? shownLabels(rows) : Map.of();
        List<Leaf> leaves = rows.stream().map(row -> leaf(row, byLabel, shownLabels)).toList();
        return new InvestmentReport(range.from(), range.to(), byLabel ? "label" : "type", bucketing.apiName(),
                tree(leaves, byLabel), series(bucketing.buckets(range), leaves));
    }

    private static boolean byLabel(String group) {
        if (group == null || group.isBlank() || group.strip().equals("type")) {
            return false;
        }
        if (group.strip().equals("label")) {
            return true;
        }
        throw ProblemException.badParameter("group", "group must be type or label");
    }

    /** Per type, its largest labels over the whole window (value, then name), at most {@value #MAX_LABELS_PER_TYPE}. */
    private static Map<String, List<String>> shownLabels(List<SliceRow> rows) {
        Map<String, Map<String, Double>> valueByTypeAndLabel = rows.stream().collect(Collectors.groupingBy(
                SliceRow::type, Collectors.groupingBy(SliceRow::label, Collectors.summingDouble(SliceRow::items))));
        Map<String, List<String>> shown = new HashMap<>();
        valueByTypeAndLabel.forEach((type, labels) -> shown.put(type, labels.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_LABELS_PER_TYPE).map(Map.Entry::getKey).toList()));
        return shown;
    }

    private static Leaf leaf(SliceRow row, boolean byLabel, Map<String, List<String>> shownLabels) {
        if (!byLabel) {
            return new Leaf(row.bucket(), List.of(row.type()), row);
        }
        String label = row.label().isEmpty() ? NO_LABEL
                : shownLabels.get(row.type()).contains(row.label()) ? row.label() : OTHER_LABELS;
        return new Leaf(row.bucket(), List.of(row.type(), label), row);
    }

    private static Node tree(List<Leaf> leaves, boolean byLabel) {
        Total all = Total.of(leaves);
        Map<String, List<Leaf>> byType = leaves.stream().collect(Collectors.groupingBy(leaf -> leaf.path().get(0)));
        List<Node> types = byType.entrySet().stream().map(type -> {
            List<Node> labels = !byLabel ? List.of() : type.getValue().stream()
                    .collect(Collectors.groupingBy(leaf -> leaf.path().get(1))).entrySet().stream()
                    .map(label -> node(label.getKey(), Total.of(label.getValue()), all, List.of()))
                    .sorted(LARGEST_FIRST).toList();
            return node(type.getKey(), Total.of(type.getValue()), all, labels);
        }).sorted(LARGEST_FIRST).toList();
        return node(ROOT, all, all, types);
    }

    private static final Comparator<Node> LARGEST_FIRST = Comparator.comparingDouble(Node::value).reversed()
            .thenComparing(Node::name);

    private static Node node(String name, Total total, Total all, List<Node> children) {
        return new Node(name, total.items(), total.storyPoints(), all.items() == 0 ? null : total.items() / all.items(),
                children);
    }

    private static List<Bucket> series(List<DayRange> buckets, List<Leaf> leaves) {
        Map<LocalDate, List<Leaf>> byBucket = leaves.stream().collect(Collectors.groupingBy(Leaf::bucket));
        List<Bucket> series = new ArrayList<>();
        for (DayRange bucket : buckets) {
            List<Leaf> inBucket = byBucket.getOrDefault(bucket.from(), List.of());
            Total total = Total.of(inBucket);
            Map<List<String>, List<Leaf>> byPath = inBucket.stream()
                    .collect(Collectors.groupingBy(Leaf::path, LinkedHashMap::new, Collectors.toList()));
            List<Slice> slices = byPath.entrySet().stream().map(path -> {
                Total slice = Total.of(path.getValue());
                return new Slice(path.getKey(), slice.items(), slice.storyPoints(), slice.items() / total.items());
            }).sorted(Comparator.comparingDouble(Slice::value).reversed()
                    .thenComparing(slice -> String.join("/", slice.path()))).toList();
            series.add(new Bucket(bucket.from(), bucket.to(), total.items(), total.storyPoints(), slices));
        }
        return series;
    }

    /** A row placed in the tree: its period and its path from the root's child down. */
    private record Leaf(LocalDate bucket, List<String> path, SliceRow row) {
    }

    /** Items and story points of some rows; points are null when none of their items has any. */
    private record Total(double items, Double storyPoints) {

        static Total of(List<Leaf> leaves) {
            double items = 0;
            double points = 0;
            long pointed = 0;
            for (Leaf leaf : leaves) {
                items += leaf.row().items();
                points += leaf.row().points();
                pointed += leaf.row().pointed();
            }
            return new Total(items, pointed == 0 ? null : points);
        }
    }
}
