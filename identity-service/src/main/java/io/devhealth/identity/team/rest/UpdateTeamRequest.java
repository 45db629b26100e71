package io.devhealth.identity.team.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.identity.team.service.TeamChanges;
import io.devhealth.support.text.CleanText;

/**
 * Body of {@code PATCH /api/v1/identity/orgs/{org}/teams/{id}}, a JSON merge patch: absent members stay; a list
 * replaces the current one ({@code []} empties it); null is refused (no member of a team can be cleared).
 */
@CleanText
@Schema(description = "JSON merge patch: absent members stay; lists replace the current ones.")
public record UpdateTeamRequest(
        @Schema(description = "New key", examples = "payments-core")
        @Pattern(regexp = TeamRules.KEY_PATTERN, message = TeamRules.KEY_RULE)
        String key,
        @Schema(description = "1–200 characters", examples = "Payments core")
        @Size(min = 1, max = TeamRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String name,
        @Schema(description = "All members (person ids)", examples = "[\"5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f\"]")
        @Size(max = TeamRules.MEMBERS_MAX)
        List<@NotNull UUID> members,
        @Schema(description = "All repository patterns", examples = "[\"acme/payments-*\"]")
        @Size(max = TeamRules.PATTERNS_MAX)
        List<@NotNull @ValidRepositoryPattern String> repositoryPatterns,
        @Schema(description = "All Jira project keys", examples = "[\"PAY\"]")
        @Size(max = TeamRules.PROJECT_KEYS_MAX)
        List<@NotNull @Pattern(regexp = TeamRules.JIRA_KEY_PATTERN, message = TeamRules.JIRA_KEY_RULE) String>
        jiraProjectKeys) {

    TeamChanges toChanges() {
        return new TeamChanges(key, name, members, repositoryPatterns, jiraProjectKeys);
    }
}
