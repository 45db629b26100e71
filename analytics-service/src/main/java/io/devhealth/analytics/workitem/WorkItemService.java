package io.devhealth.analytics.workitem;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.analytics.AnalyticsConfig;
import io.devhealth.analytics.listing.Filters;
import io.devhealth.analytics.listing.Listing;
import io.devhealth.analytics.listing.ListingCursor;
import io.devhealth.analytics.metrics.DayRange;
import io.devhealth.analytics.org.OrgAccess;
import io.devhealth.support.problem.ProblemException;

/** The organization's work items, for members (viewer and up) and superusers. */
@ApplicationScoped
public class WorkItemService {

    /** Providers that sync work items. */
    static final Set<String> PROVIDERS = Set.of("jira", "github", "gitlab");
    /** The mapped types and status categories (migrations/clickhouse/V1__init.sql). */
    static final Set<String> TYPES = Set.of("story", "bug", "task", "epic", "incident", "other");
    static final Set<String> STATUS_CATEGORIES = Set.of("todo", "in_progress", "done");

    private final OrgAccess orgAccess;
    private final WorkItemRepository workItems;
    private final int maxRangeDays;

    WorkItemService(OrgAccess orgAccess, WorkItemRepository workItems, AnalyticsConfig config) {
        this.orgAccess = orgAccess;
        this.workItems = workItems;
        this.maxRangeDays = config.maxRangeDays();
    }

    /**
     * One page of work items created from {@code from} to {@code to} (UTC days), newest first.
     *
     * @throws ProblemException 400 for a bad range, limit, cursor, provider, type, status category or oversize
     *         filter; 404 for an organization the caller cannot see
     */
    public Listing<WorkItem> list(String org, String from, String to, String provider, String project, String type,
            String statusCategory, String assignee, String cursor, String limitParameter) {
        UUID orgId = orgAccess.readableOrgId(org);
        DayRange range = DayRange.parse(from, to, LocalDate.now(ZoneOffset.UTC), maxRangeDays);
        int limit = Listing.limit(limitParameter);
        ListingCursor.NamedKey after = ListingCursor.decodeNamedKey(cursor);
        WorkItemRepository.Filter filter = new WorkItemRepository.Filter(
                Filters.oneOf("provider", provider, PROVIDERS), Filters.text("project", project),
                Filters.oneOf("type", type, TYPES), Filters.oneOf("statusCategory", statusCategory, STATUS_CATEGORIES),
                Filters.text("assignee", assignee));
        List<WorkItem> fetched = workItems.page(orgId, range, filter, after, limit + 1);
        return Listing.of(fetched, limit, item -> new ListingCursor.NamedKey(item.createdAt().toEpochMilli(),
                item.provider(), item.workItemId()).encode());
    }
}
