package io.devhealth.analytics.flow;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;

/**
 * Which work items a flow or investment report covers; {@code ""} means any. Values reach SQL only as parameters;
 * they are validated so that a malformed filter answers 400 rather than silently matching nothing.
 *
 * @param provider as in {@code work_items.provider} (github, gitlab, jira, …)
 * @param project  {@code work_items.project_key}: a Jira project key, a repository's full name for issues
 * @param type     {@code work_items.type}: story, bug, task, epic, incident or other
 */
public record WorkItemFilter(String provider, String project, String type) {

    /** The mapped work-item types (migrations/clickhouse/V1__init.sql, work_items.type). */
    public static final List<String> TYPES = List.of("story", "bug", "task", "epic", "incident", "other");
    private static final Set<String> TYPE_SET = Set.copyOf(TYPES);
    private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final int MAX_PROJECT_LENGTH = 255;

    /**
     * @throws ProblemException 400 naming the parameter: a provider that is not a lower-case name of at most 32
     *         characters, a project longer than 255 characters or holding control characters, an unknown type
     */
    public static WorkItemFilter parse(String provider, String project, String type) {
        String providerFilter = blankToEmpty(provider);
        if (!providerFilter.isEmpty() && !PROVIDER.matcher(providerFilter).matches()) {
            throw ProblemException.badParameter("provider",
                    "provider must be a provider name such as jira, github or gitlab");
        }
        String projectFilter = blankToEmpty(project);
        if (projectFilter.length() > MAX_PROJECT_LENGTH || Text.problem(projectFilter).isPresent()
                || projectFilter.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badParameter("project", "project must be a project key of at most "
                    + MAX_PROJECT_LENGTH + " characters without control characters");
        }
        String typeFilter = blankToEmpty(type);
        if (!typeFilter.isEmpty() && !TYPE_SET.contains(typeFilter)) {
            throw ProblemException.badParameter("type", "type must be one of " + String.join(", ", TYPES));
        }
        return new WorkItemFilter(providerFilter, projectFilter, typeFilter);
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
