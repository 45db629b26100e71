package io.devhealth.sync.provider.jira;

import java.util.Locale;
import java.util.Map;

/**
 * {@code work_items.type} (story, bug, task, epic, incident, other) of a Jira issue type. Type names are localised
 * (故事, Historia), so the locale-independent facts decide first: hierarchy level 1 is an epic, a sub-task type is a
 * task; then the type's untranslated name ({@code /issuetype}'s {@code untranslatedName}, else the name as shown).
 */
final class JiraTypes {

    private static final Map<String, String> ENGLISH = Map.ofEntries(
            Map.entry("story", "story"), Map.entry("user story", "story"),
            Map.entry("bug", "bug"), Map.entry("defect", "bug"),
            Map.entry("task", "task"), Map.entry("sub-task", "task"), Map.entry("subtask", "task"),
            Map.entry("epic", "epic"),
            Map.entry("incident", "incident"), Map.entry("post-incident review", "incident"));

    private JiraTypes() {
    }

    /**
     * @param hierarchyLevel {@code issuetype.hierarchyLevel} (1 = epic, 0 = standard, -1 = sub-task), or {@code null}
     * @param untranslated   the type's untranslated name, or its shown name when unknown
     */
    static String type(Integer hierarchyLevel, boolean subtask, String untranslated) {
        if (hierarchyLevel != null && hierarchyLevel == 1) {
            return "epic";
        }
        if (subtask) {
            return "task";
        }
        return ENGLISH.getOrDefault(untranslated.strip().toLowerCase(Locale.ROOT), "other");
    }

    /** {@code work_items.status_category} of a Jira status category key. */
    static String category(String statusCategoryKey) {
        return switch (statusCategoryKey) {
            case "new" -> "todo";
            case "indeterminate" -> "in_progress";
            case "done" -> "done";
            default -> "";
        };
    }
}
