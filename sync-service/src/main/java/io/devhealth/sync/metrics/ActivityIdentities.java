package io.devhealth.sync.metrics;

/**
 * Where synced rows name provider identities, as ClickHouse expressions: the one place that says which column of
 * which table is whose identity, for the attribution of metrics ({@link PeopleMetricsDaily}) and the observed-identity
 * reports ({@code io.devhealth.sync.people.ObservedIdentityReport}). External ids are matched lower-cased, as
 * {@code person_identities} stores them.
 *
 * <p>Jira hook: a Jira work item names its people by accountId. Like GitHub issues (login in {@code assignee}, numeric
 * id in {@code assignee_id}), the Jira provider keeps the provider id in {@code assignee_id}/{@code reporter_id} and the
 * display name in {@code assignee}/{@code reporter}; when the id column is empty the name column is taken as the id.
 * Should the Jira provider land with other columns, only these expressions change.
 */
public final class ActivityIdentities {

    /** A work item's assignee: Jira accountId, GitHub login, GitLab username. */
    public static final String WORK_ITEM_ASSIGNEE = "if(provider = 'jira' AND assignee_id != '', assignee_id, assignee)";
    /** The display name seen with {@link #WORK_ITEM_ASSIGNEE} ('' when the id column holds the login itself). */
    public static final String WORK_ITEM_ASSIGNEE_NAME = "if(provider = 'jira' AND assignee_id != '', assignee, '')";
    /** A work item's reporter, as {@link #WORK_ITEM_ASSIGNEE}. */
    public static final String WORK_ITEM_REPORTER = "if(provider = 'jira' AND reporter_id != '', reporter_id, reporter)";
    public static final String WORK_ITEM_REPORTER_NAME = "if(provider = 'jira' AND reporter_id != '', reporter, '')";
    /** Who resolved an incident: the provider's user id (PagerDuty), {@code incidents.resolved_by_id} (V9). */
    public static final String INCIDENT_RESOLVER = "resolved_by_id";
    /** Who acknowledged an incident, as {@link #INCIDENT_RESOLVER}. */
    public static final String INCIDENT_ACKNOWLEDGER = "acknowledged_by_id";

    private ActivityIdentities() {
    }
}
