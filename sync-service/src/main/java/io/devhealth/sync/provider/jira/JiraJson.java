package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.StreamingJson.array;
import static io.devhealth.sync.provider.http.StreamingJson.bool;
import static io.devhealth.sync.provider.http.StreamingJson.textMember;
import static io.devhealth.sync.provider.http.StreamingJson.number;
import static io.devhealth.sync.provider.http.StreamingJson.object;
import static io.devhealth.sync.provider.http.StreamingJson.skip;
import static io.devhealth.sync.provider.http.StreamingJson.text;
import static io.devhealth.sync.provider.http.StreamingJson.wholeNumber;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;

import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.StreamingJson;
import io.devhealth.sync.provider.jira.JiraIssue.History;
import io.devhealth.sync.provider.jira.JiraIssue.IssueType;
import io.devhealth.sync.provider.jira.JiraIssue.JiraUser;
import io.devhealth.sync.provider.jira.JiraIssue.Sprint;
import io.devhealth.sync.provider.jira.JiraIssue.StatusChange;

/**
 * Decodes the pages of the enhanced search ({@code {"issues": [...], "nextPageToken", "isLast"}}) and of an issue's
 * changelog ({@code {"values": [...], "total", "isLast"}}) token by token into {@link JiraIssue}s: only the members the
 * rows read are kept (avatars, links and the changelog's non-status items are never materialised).
 */
final class JiraJson {

    private JiraJson() {
    }

    /**
     * @param nextPageToken {@code ""} when absent
     * @param isLast        {@code null} when absent
     */
    record SearchPage(List<JiraIssue> issues, String nextPageToken, Boolean isLast) {
    }

    /** @param isLast {@code null} when absent */
    record ChangelogPage(List<History> values, long total, Boolean isLast) {
    }

    /**
     * @throws ApiException {@link ApiException.Kind#MALFORMED} when the body is not JSON, has no {@code issues} array,
     *         or holds an issue without key, {@code fields}, {@code created} or {@code updated}
     */
    static SearchPage searchPage(ApiResponse response, JiraSite site) {
        return StreamingJson.read(response, parser -> {
            List<JiraIssue> issues = new ArrayList<>();
            String[] token = {""};
            Boolean[] last = {null};
            boolean[] listed = {false};
            object(parser, (name, p) -> {
                switch (name) {
                    case "issues" -> listed[0] = array(p, item -> issues.add(issue(item, site)));
                    case "nextPageToken" -> token[0] = text(p);
                    case "isLast" -> last[0] = bool(p);
                    default -> skip(p);
                }
            });
            if (!listed[0]) {
                throw new ApiException(ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri()
                        + ": expected a JSON array in member \"issues\"");
            }
            return new SearchPage(issues, token[0], last[0]);
        });
    }

    /** @throws ApiException {@link ApiException.Kind#MALFORMED} when the body is not JSON or has no {@code values} array */
    static ChangelogPage changelogPage(ApiResponse response) {
        return StreamingJson.read(response, parser -> {
            List<History> values = new ArrayList<>();
            long[] total = {0};
            Boolean[] last = {null};
            boolean[] listed = {false};
            object(parser, (name, p) -> {
                switch (name) {
                    case "values" -> listed[0] = array(p, history -> values.add(history(history)));
                    case "total" -> total[0] = orZero(wholeNumber(p));
                    case "isLast" -> last[0] = bool(p);
                    default -> skip(p);
                }
            });
            if (!listed[0]) {
                throw new ApiException(ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri()
                        + ": expected a JSON array in member \"values\"");
            }
            return new ChangelogPage(values, total[0], last[0]);
        });
    }

    private static JiraIssue issue(JsonParser parser, JiraSite site) throws IOException {
        IssueReader issue = new IssueReader(site);
        if (!object(parser, issue::member)) {
            throw ProviderJson.notAnObject();
        }
        return issue.build();
    }

    /** The members of one issue, gathered while its tokens pass. */
    private static final class IssueReader {
        private final JiraSite site;
        private String id = "";
        private String key = "";
        private boolean hasFields;
        private String projectKey = "";
        private String summary = "";
        private IssueType type = new IssueType("", "", null, false);
        private String status = "";
        private String statusCategory = "";
        private String priority = "";
        private JiraUser assignee = JiraUser.NONE;
        private JiraUser reporter = JiraUser.NONE;
        private List<String> labels = List.of();
        private List<String> components = List.of();
        private String parentKey = "";
        private boolean parentIsEpic;
        private final List<Sprint> sprints = new ArrayList<>();
        private Sprint activeSprint;
        private String epicLink = "";
        private final Map<String, Double> storyPoints = new HashMap<>(2);
        private String created = "";
        private String updated = "";
        private String resolved = "";
        private long changelogTotal;
        private final List<History> histories = new ArrayList<>();

        IssueReader(JiraSite site) {
            this.site = site;
        }

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "id" -> id = text(p);
                case "key" -> key = text(p);
                case "fields" -> hasFields = object(p, this::field);
                case "changelog" -> object(p, (member, q) -> {
                    switch (member) {
                        case "total" -> changelogTotal = orZero(wholeNumber(q));
                        case "histories" -> array(q, history -> histories.add(history(history)));
                        default -> skip(q);
                    }
                });
                default -> skip(p);
            }
        }

        private void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "summary" -> summary = text(p);
                case "issuetype" -> type = issueType(p);
                case "status" -> object(p, (member, q) -> {
                    switch (member) {
                        case "name" -> status = text(q);
                        case "statusCategory" -> statusCategory = textMember(q, "key");
                        default -> skip(q);
                    }
                });
                case "priority" -> priority = textMember(p, "name");
                case "assignee" -> assignee = user(p);
                case "reporter" -> reporter = user(p);
                case "labels" -> labels = labels(p);
                case "components" -> components = names(p);
                case "parent" -> parent(p);
                case "project" -> projectKey = textMember(p, "key");
                case "created" -> created = text(p);
                case "updated" -> updated = text(p);
                case "resolutiondate" -> resolved = text(p);
                default -> customField(name, p);
            }
        }

        private void customField(String name, JsonParser p) throws IOException {
            if (name.equals(site.sprintField())) {
                array(p, this::sprint);
            } else if (name.equals(site.epicLinkField())) {
                epicLink = text(p);
            } else if (site.storyPointFields().contains(name)) {
                Double value = number(p);
                if (value != null) {
                    storyPoints.put(name, value);
                }
            } else {
                skip(p);
            }
        }

        private void sprint(JsonParser p) throws IOException {
            String[] values = {"", "", ""};
            if (!object(p, (member, q) -> {
                switch (member) {
                    case "id" -> values[0] = text(q);
                    case "name" -> values[1] = text(q);
                    case "state" -> values[2] = text(q);
                    default -> skip(q);
                }
            })) {
                return;
            }
            Sprint sprint = new Sprint(values[0], values[1]);
            sprints.add(sprint);
            if (activeSprint == null && "active".equals(values[2])) {
                activeSprint = sprint;
            }
        }

        private void parent(JsonParser p) throws IOException {
            object(p, (member, q) -> {
                switch (member) {
                    case "key" -> parentKey = text(q);
                    case "fields" -> object(q, (field, r) -> {
                        if (field.equals("issuetype")) {
                            Integer level = issueType(r).hierarchyLevel();
                            parentIsEpic = level != null && level == 1;
                        } else {
                            skip(r);
                        }
                    });
                    default -> skip(q);
                }
            });
        }

        JiraIssue build() {
            if (key.isEmpty()) {
                throw ProviderJson.malformed("key", "is missing");
            }
            if (!hasFields) {
                throw new ApiException(ApiException.Kind.MALFORMED, 0, "the response holds issue " + key
                        + " without a \"fields\" object");
            }
            Double points = null;
            for (String field : site.storyPointFields()) {
                points = storyPoints.get(field);
                if (points != null) {
                    break;
                }
            }
            return new JiraIssue(id, key, projectKey, summary, type, status, statusCategory, priority, assignee,
                    reporter, labels, components, parentKey, parentIsEpic,
                    activeSprint != null ? activeSprint : sprints.isEmpty() ? null : sprints.getLast(), epicLink,
                    points, required(created, "created"), required(updated, "updated"),
                    resolved.isEmpty() ? null : ProviderJson.parseTime(resolved, "resolutiondate"), changelogTotal,
                    histories);
        }
    }

    private static IssueType issueType(JsonParser p) throws IOException {
        String[] names = {"", ""};
        Integer[] level = {null};
        boolean[] subtask = {false};
        object(p, (member, q) -> {
            switch (member) {
                case "id" -> names[0] = text(q);
                case "name" -> names[1] = text(q);
                case "hierarchyLevel" -> {
                    Long value = wholeNumber(q);
                    level[0] = value == null ? null : value.intValue();
                }
                case "subtask" -> subtask[0] = Boolean.TRUE.equals(bool(q));
                default -> skip(q);
            }
        });
        return new IssueType(names[0], names[1], level[0], subtask[0]);
    }

    private static JiraUser user(JsonParser p) throws IOException {
        String[] values = {"", ""};
        boolean present = object(p, (member, q) -> {
            switch (member) {
                case "accountId" -> values[0] = text(q);
                case "displayName" -> values[1] = text(q);
                default -> skip(q);
            }
        });
        return present ? new JiraUser(values[0], values[1]) : JiraUser.NONE;
    }

    /** Label names: plain strings, or objects with {@code name}. */
    private static List<String> labels(JsonParser p) throws IOException {
        List<String> names = new ArrayList<>();
        array(p, label -> {
            String name = label.currentToken().isStructStart() ? textMember(label, "name") : text(label);
            if (!name.isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    private static List<String> names(JsonParser p) throws IOException {
        List<String> names = new ArrayList<>();
        array(p, object -> {
            String name = textMember(object, "name");
            if (!name.isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    private static History history(JsonParser p) throws IOException {
        String[] created = {""};
        JiraUser[] author = {JiraUser.NONE};
        List<StatusChange> changes = new ArrayList<>(1);
        object(p, (member, q) -> {
            switch (member) {
                case "created" -> created[0] = text(q);
                case "author" -> author[0] = user(q);
                case "items" -> array(q, item -> statusChange(item, changes));
                default -> skip(q);
            }
        });
        // only a status change needs its time
        return new History(changes.isEmpty() || created[0].isEmpty() ? null
                : ProviderJson.parseTime(created[0], "created"), author[0], changes);
    }

    /** Adds the changelog item to {@code changes} when it changed the status. */
    private static void statusChange(JsonParser p, List<StatusChange> changes) throws IOException {
        String[] values = {"", "", "", "", "", ""}; // field, fieldId, from, fromString, to, toString
        object(p, (member, q) -> {
            int index = switch (member) {
                case "field" -> 0;
                case "fieldId" -> 1;
                case "from" -> 2;
                case "fromString" -> 3;
                case "to" -> 4;
                case "toString" -> 5;
                default -> -1;
            };
            if (index < 0) {
                skip(q);
            } else {
                values[index] = text(q);
            }
        });
        if ("status".equals(values[0]) || "status".equals(values[1])) {
            changes.add(new StatusChange(values[2], values[3], values[4], values[5]));
        }
    }

    private static long required(String time, String field) {
        if (time.isEmpty()) {
            throw ProviderJson.malformed(field, "is missing");
        }
        return ProviderJson.parseTime(time, field);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
