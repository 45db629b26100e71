package io.devhealth.analytics.investment;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.flow.FlowRepository;
import io.devhealth.analytics.flow.Period;
import io.devhealth.analytics.flow.WorkItemFilter;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.query.ClickHouseQueries;

/**
 * Completed work items per period, type and label, from {@code work_items} (the flow metrics' notion of completed:
 * see {@link FlowRepository}). An item with n distinct labels contributes 1/n of itself and of its story points to
 * each label, so the labels of a type add up to the type.
 */
@ApplicationScoped
public class InvestmentRepository {

    /* Parameters: period ×2, from, group, then the completed items'. */
    private static final String SLICES = """
            SELECT greatest(multiIf(? = 'month', toStartOfMonth(toDate(done_at)), ? = 'week', toMonday(toDate(done_at)),
                                    toDate(done_at)), toDate(?)) AS bucket,
                   toString(type) AS item_type, label, sum(weight) AS items,
                   sum(ifNull(story_points, 0) * weight) AS points, countIf(story_points IS NOT NULL) AS pointed
            FROM (SELECT done_at, type, story_points,
                         if(? = 'label' AND notEmpty(labels), arrayDistinct(labels), ['']) AS label_set,
                         1 / length(label_set) AS weight
                  FROM (""" + FlowRepository.COMPLETED + """
            ))
            ARRAY JOIN label_set AS label
            GROUP BY bucket, item_type, label""";

    private final ClickHouseQueries queries;

    InvestmentRepository(ClickHouseQueries queries) {
        this.queries = queries;
    }

    /**
     * Completions of one type and label ({@code ""}: none, or {@code group=type}) in the period starting at
     * {@code bucket} (clipped to the window).
     *
     * @param pointed how many of the items carry story points
     */
    record SliceRow(LocalDate bucket, String type, String label, double items, double points, long pointed) {
    }

    List<SliceRow> slices(UUID orgId, DayRange range, WorkItemFilter filter, Period period, boolean byLabel) {
        Object[] parameters = ClickHouseQueries.concat(new Object[] { period.apiName(), period.apiName(), range.from(),
                byLabel ? "label" : "type" }, FlowRepository.completed(orgId, range, filter));
        return queries.list(SLICES, row -> new SliceRow(row.getObject("bucket", LocalDate.class),
                row.getString("item_type"), row.getString("label"), row.getDouble("items"), row.getDouble("points"),
                row.getLong("pointed")), parameters);
    }
}
