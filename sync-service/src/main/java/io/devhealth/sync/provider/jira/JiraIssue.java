package io.devhealth.sync.provider.jira;

import java.util.List;

/**
 * A Jira issue as the sync reads it from a search page ({@link JiraJson#searchPage}): the fields the rows need, decoded
 * straight from the page's tokens. Text members absent or null are {@code ""}; times are epoch milliseconds.
 *
 * @param id             Jira's numeric id, as text
 * @param key            the issue key ({@code PROJ-123}), never empty
 * @param projectKey     {@code fields.project.key}, {@code ""} when absent
 * @param parentKey      {@code fields.parent.key}
 * @param parentIsEpic   the parent's type has hierarchy level 1 (team-managed projects' epics)
 * @param sprint         the active sprint of the sprint field, else its last one; {@code null} when none
 * @param epicLink       the epic-link field's value (company-managed projects)
 * @param storyPoints    the first numeric value of {@link JiraSite#storyPointFields()} in their order, or {@code null}
 * @param resolved       {@code fields.resolutiondate}, or {@code null}
 * @param changelogTotal {@code changelog.total}: more than {@code histories} when the embedded changelog is truncated
 * @param histories      the changelog histories read so far (the embedded ones; all after {@link #withHistories})
 */
record JiraIssue(String id, String key, String projectKey, String summary, IssueType type, String status,
        String statusCategory, String priority, JiraUser assignee, JiraUser reporter, List<String> labels,
        List<String> components, String parentKey, boolean parentIsEpic, Sprint sprint, String epicLink,
        Double storyPoints, long created, long updated, Long resolved, long changelogTotal, List<History> histories) {

    /**
     * @param hierarchyLevel 1 = epic, 0 = standard, -1 = sub-task; {@code null} when absent
     */
    record IssueType(String id, String name, Integer hierarchyLevel, boolean subtask) {
    }

    /** A Jira Cloud user: an accountId and a display name (no user names). */
    record JiraUser(String accountId, String displayName) {
        static final JiraUser NONE = new JiraUser("", "");
    }

    record Sprint(String id, String name) {
    }

    /**
     * One changelog entry.
     *
     * @param created       when the change was made, or {@code null} when absent (an error only if it changed the status)
     * @param statusChanges its items that changed the status ({@code field} or {@code fieldId} {@code status})
     */
    record History(Long created, JiraUser author, List<StatusChange> statusChanges) {
    }

    /** @param from the previous status id ({@code from}), {@code to} the new one; {@code fromName}, {@code toName} their names ({@code fromString}, {@code toString}) */
    record StatusChange(String from, String fromName, String to, String toName) {
    }

    /** Whether the embedded changelog holds fewer histories than the issue has. */
    boolean changelogTruncated() {
        return changelogTotal > histories.size();
    }

    /** This issue with its complete changelog. */
    JiraIssue withHistories(List<History> complete) {
        return new JiraIssue(id, key, projectKey, summary, type, status, statusCategory, priority, assignee, reporter,
                labels, components, parentKey, parentIsEpic, sprint, epicLink, storyPoints, created, updated, resolved,
                changelogTotal, complete);
    }
}
