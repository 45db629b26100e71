package io.devhealth.sync.provider.jira;


import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.TableBatcher;

/**
 * Encodes Jira issues as rows of {@link JiraTables} (RowBinary, in each table's column order) into the run's
 * {@link SinkSession}. {@code work_item_id} is the issue key (what people, commit messages and branch names use);
 * Jira's numeric id goes to {@code provider_id}. Jira Cloud has no user names, only accountIds: {@code assignee} and
 * {@code assignee_id} both hold the accountId, {@code assignee_name} the display name (likewise reporter, actor).
 * Every status change of the changelog is a transition. One per run, used by one thread.
 */
final class JiraRows implements AutoCloseable {

    private final UUID orgId;
    private final UUID configurationId;
    private final long version;
    private final JiraSite site;
    private final String siteUrl;
    private final RunProgress progress;
    private final TableBatcher items;
    private final TableBatcher transitions;

    JiraRows(SinkSession session, UUID orgId, UUID configurationId, JiraSite site, String siteUrl,
            RunProgress progress) {
        this.orgId = orgId;
        this.configurationId = configurationId;
        this.version = session.version();
        this.site = site;
        this.siteUrl = siteUrl;
        this.progress = progress;
        this.items = session.batcher(JiraTables.WORK_ITEMS);
        this.transitions = session.batcher(JiraTables.TRANSITIONS);
    }

    /**
     * An issue and its transitions. Started: the first transition into an in-progress status; completed: when an
     * issue now done was resolved ({@code resolutiondate}), else its last transition into a done status.
     */
    void issue(JiraIssue issue) {
        Long started = null;
        Long lastDone = null;
        for (JiraIssue.History history : issue.histories()) {
            for (JiraIssue.StatusChange change : history.statusChanges()) {
                if (history.created() == null) {
                    throw ProviderJson.malformed("created", "is missing");
                }
                long at = history.created();
                String toCategory = JiraTypes.category(site.statusCategories().getOrDefault(change.to(), ""));
                transition(issue.key(), at, change, toCategory, history.author());
                if (toCategory.equals("in_progress") && (started == null || at < started)) {
                    started = at;
                }
                if (toCategory.equals("done") && (lastDone == null || at > lastDone)) {
                    lastDone = at;
                }
            }
        }
        workItem(issue, started, lastDone);
    }

    private void transition(String key, long at, JiraIssue.StatusChange change, String toCategory,
            JiraIssue.JiraUser author) {
        transitions.row().uuid(orgId).string(JiraApi.PROVIDER).string(key).nullableUuid(configurationId)
                .dateTime64Millis(at).string(change.fromName()).string(change.toName())
                .string(JiraTypes.category(site.statusCategories().getOrDefault(change.from(), "")))
                .string(toCategory).string(author.accountId()).string(author.displayName())
                .uint8(0).uint64(version);
        transitions.endRow(key.getBytes(StandardCharsets.UTF_8),
                (at + "/" + change.toName()).getBytes(StandardCharsets.UTF_8));
        progress.written(JiraTables.TRANSITIONS.name(), 1);
    }

    private void workItem(JiraIssue issue, Long started, Long lastDone) {
        JiraIssue.IssueType type = issue.type();
        String key = issue.key();
        String category = JiraTypes.category(issue.statusCategory());
        Long resolved = issue.resolved();
        items.row().uuid(orgId).string(JiraApi.PROVIDER).string(key).string(issue.id())
                .string(issue.projectKey().isEmpty() ? key.substring(0, Math.max(0, key.lastIndexOf('-')))
                        : issue.projectKey())
                .nullableUuid(configurationId).string(issue.summary())
                .string(JiraTypes.type(type.hierarchyLevel(), type.subtask(),
                        site.typeNames().getOrDefault(type.id(), type.name())))
                .string(type.name()).string(issue.status()).string(category).string(issue.priority())
                .string(issue.assignee().accountId()).string(issue.assignee().accountId())
                .string(issue.assignee().displayName())
                .string(issue.reporter().accountId()).string(issue.reporter().accountId())
                .string(issue.reporter().displayName())
                .stringArray(issue.labels()).stringArray(issue.components())
                .string(issue.parentKey()).string(epicKey(issue))
                .string(issue.sprint() == null ? "" : issue.sprint().id())
                .string(issue.sprint() == null ? "" : issue.sprint().name())
                .nullableFloat64(issue.storyPoints())
                .dateTime64Millis(issue.created()).dateTime64Millis(issue.updated())
                .nullableDateTime64Millis(started)
                .nullableDateTime64Millis(category.equals("done") ? (resolved != null ? resolved : lastDone) : null)
                .nullableDateTime64Millis(resolved)
                .string(siteUrl + "/browse/" + key).uint8(0).uint64(version);
        items.endRow(key);
        progress.written(JiraTables.WORK_ITEMS.name(), 1);
    }

    /** The epic-link field (company-managed projects), else the parent when it is an epic (team-managed). */
    private static String epicKey(JiraIssue issue) {
        if (!issue.epicLink().isEmpty()) {
            return issue.epicLink();
        }
        return issue.parentIsEpic() ? issue.parentKey() : "";
    }

    /** Hands the remaining rows to the session. */
    @Override
    public void close() {
        items.close();
        transitions.close();
    }
}
