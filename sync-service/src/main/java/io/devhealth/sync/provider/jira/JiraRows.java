package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;
import static io.devhealth.sync.provider.http.ProviderJson.text;
import static io.devhealth.sync.provider.http.ProviderJson.time;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

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
    void issue(JiraIssues.Issue issue) {
        JsonNode item = issue.item();
        JsonNode fields = ProviderJson.requiredObject(item.get("fields"));
        String key = text(item, "key");
        if (key.isEmpty()) {
            throw ProviderJson.malformed("key", "is missing");
        }
        Long started = null;
        Long lastDone = null;
        for (JsonNode history : issue.histories()) {
            JsonNode changes = history.get("items");
            if (changes == null || !changes.isArray()) {
                continue;
            }
            for (JsonNode change : changes) {
                if (!"status".equals(text(change, "field")) && !"status".equals(text(change, "fieldId"))) {
                    continue;
                }
                long at = requiredTime(history, "created");
                String toCategory = JiraTypes.category(site.statusCategories().getOrDefault(text(change, "to"), ""));
                transition(key, at, change, toCategory, history.get("author"));
                if (toCategory.equals("in_progress") && (started == null || at < started)) {
                    started = at;
                }
                if (toCategory.equals("done") && (lastDone == null || at > lastDone)) {
                    lastDone = at;
                }
            }
        }
        workItem(item, fields, key, started, lastDone);
    }

    private void transition(String key, long at, JsonNode change, String toCategory, JsonNode author) {
        String toStatus = text(change, "toString");
        transitions.row().uuid(orgId).string(JiraApi.PROVIDER).string(key).nullableUuid(configurationId)
                .dateTime64Millis(at).string(text(change, "fromString")).string(toStatus)
                .string(JiraTypes.category(site.statusCategories().getOrDefault(text(change, "from"), "")))
                .string(toCategory).string(text(author, "accountId")).string(text(author, "displayName"))
                .uint8(0).uint64(version);
        transitions.endRow(key.getBytes(StandardCharsets.UTF_8),
                (at + "/" + toStatus).getBytes(StandardCharsets.UTF_8));
        progress.written(JiraTables.TRANSITIONS.name(), 1);
    }

    private void workItem(JsonNode item, JsonNode fields, String key, Long started, Long lastDone) {
        JsonNode type = fields.get("issuetype");
        String typeId = text(type, "id");
        String typeName = text(type, "name");
        Integer level = type != null && type.path("hierarchyLevel").canConvertToInt()
                ? type.get("hierarchyLevel").asInt() : null;
        String category = JiraTypes.category(text(fields.path("status").path("statusCategory"), "key"));
        Long resolved = time(fields, "resolutiondate");
        JsonNode assignee = fields.get("assignee");
        JsonNode reporter = fields.get("reporter");
        JsonNode parent = fields.get("parent");
        JsonNode sprint = sprint(site.sprintField() == null ? null : fields.get(site.sprintField()));
        String project = text(fields.get("project"), "key");
        items.row().uuid(orgId).string(JiraApi.PROVIDER).string(key).string(text(item, "id"))
                .string(project.isEmpty() ? key.substring(0, Math.max(0, key.lastIndexOf('-'))) : project)
                .nullableUuid(configurationId).string(text(fields, "summary"))
                .string(JiraTypes.type(level, ProviderJson.flag(type, "subtask"),
                        site.typeNames().getOrDefault(typeId, typeName)))
                .string(typeName).string(text(fields.get("status"), "name")).string(category)
                .string(text(fields.get("priority"), "name"))
                .string(text(assignee, "accountId")).string(text(assignee, "accountId"))
                .string(text(assignee, "displayName"))
                .string(text(reporter, "accountId")).string(text(reporter, "accountId"))
                .string(text(reporter, "displayName"))
                .stringArray(ProviderJson.labels(fields)).stringArray(names(fields.get("components")))
                .string(text(parent, "key")).string(epicKey(fields, parent))
                .string(text(sprint, "id")).string(text(sprint, "name"))
                .nullableFloat64(storyPoints(fields))
                .dateTime64Millis(requiredTime(fields, "created")).dateTime64Millis(requiredTime(fields, "updated"))
                .nullableDateTime64Millis(started)
                .nullableDateTime64Millis(category.equals("done") ? (resolved != null ? resolved : lastDone) : null)
                .nullableDateTime64Millis(resolved)
                .string(siteUrl + "/browse/" + key).uint8(0).uint64(version);
        items.endRow(key);
        progress.written(JiraTables.WORK_ITEMS.name(), 1);
    }

    /** The epic-link field (company-managed projects), else the parent when it is an epic (team-managed). */
    private String epicKey(JsonNode fields, JsonNode parent) {
        if (site.epicLinkField() != null) {
            String linked = text(fields, site.epicLinkField());
            if (!linked.isEmpty()) {
                return linked;
            }
        }
        JsonNode parentType = parent == null ? null : parent.path("fields").get("issuetype");
        return parentType != null && parentType.path("hierarchyLevel").asInt(0) == 1 ? text(parent, "key") : "";
    }

    /** The active sprint of the sprint field's list, else its last one; {@code null} when there is none. */
    private static JsonNode sprint(JsonNode sprints) {
        if (sprints == null || !sprints.isArray() || sprints.isEmpty()) {
            return null;
        }
        for (JsonNode sprint : sprints) {
            if ("active".equals(text(sprint, "state"))) {
                return sprint;
            }
        }
        return sprints.get(sprints.size() - 1);
    }

    private Double storyPoints(JsonNode fields) {
        for (String field : site.storyPointFields()) {
            JsonNode value = fields.get(field);
            if (value != null && value.isNumber()) {
                return value.asDouble();
            }
        }
        return null;
    }

    private static List<String> names(JsonNode objects) {
        List<String> names = new ArrayList<>();
        if (objects != null && objects.isArray()) {
            objects.forEach(object -> {
                String name = text(object, "name");
                if (!name.isEmpty()) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    /** Hands the remaining rows to the session. */
    @Override
    public void close() {
        items.close();
        transitions.close();
    }
}
