package io.devhealth.sync.metrics;

/**
 * Where synced rows name provider identities, as ClickHouse expressions: the one place that says which column of
 * which table is whose identity, for the attribution of metrics ({@link PeopleMetricsDaily}) and the observed-identity
 * reports ({@code io.devhealth.sync.people.ObservedIdentityReport}). External ids are matched lower-cased, as
 * {@code person_identities} stores them.
 *
 * <p>A Jira work item names its people by accountId ({@code assignee_id}/{@code reporter_id}, V7) with their display
 * names in {@code assignee_name}/{@code reporter_name}; GitHub and GitLab issues by login in {@code assignee}.
 */
public final class ActivityIdentities {

    /** A work item's assignee: Jira accountId, GitHub login, GitLab username. */
    public static final String WORK_ITEM_ASSIGNEE = "if(provider = 'jira' AND assignee_id != '', assignee_id, assignee)";
    /** The display name seen with {@link #WORK_ITEM_ASSIGNEE} ('' when the id column holds the login itself). */
    public static final String WORK_ITEM_ASSIGNEE_NAME = "if(provider = 'jira', assignee_name, '')";
    /** A work item's reporter, as {@link #WORK_ITEM_ASSIGNEE}. */
    public static final String WORK_ITEM_REPORTER = "if(provider = 'jira' AND reporter_id != '', reporter_id, reporter)";
    public static final String WORK_ITEM_REPORTER_NAME = "if(provider = 'jira', reporter_name, '')";
    /** Who resolved an incident: the provider's user id (PagerDuty), {@code incidents.resolved_by_id} (V8). */
    public static final String INCIDENT_RESOLVER = "resolved_by_id";
    /** Who acknowledged an incident, as {@link #INCIDENT_RESOLVER}. */
    public static final String INCIDENT_ACKNOWLEDGER = "acknowledged_by_id";

    private ActivityIdentities() {
    }
}
