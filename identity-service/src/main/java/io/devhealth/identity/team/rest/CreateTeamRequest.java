package io.devhealth.identity.team.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.identity.team.service.TeamDraft;
import io.devhealth.support.text.CleanText;

/** Body of {@code POST /api/v1/identity/orgs/{org}/teams}. Lists are sets: duplicates are dropped. */
@CleanText
public record CreateTeamRequest(
        @Schema(description = "Unique in the organization; 1–128 lower-case letters, digits, '_', '.' or '-'",
                examples = "payments")
        @NotNull @Pattern(regexp = TeamRules.KEY_PATTERN, message = TeamRules.KEY_RULE)
        String key,
        @Schema(description = "1–200 characters", examples = "Payments")
        @NotBlank @Size(max = TeamRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String name,
        @Schema(description = "Person ids of the organization, at most 5000",
                examples = "[\"5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f\"]")
        @Size(max = TeamRules.MEMBERS_MAX)
        List<@NotNull UUID> members,
        @Schema(description = "At most 200 globs over repository full names: segments separated by '/', '*' within "
                + "a segment, '**' any number of segments, '?' one character, '[a-z]' classes; matched "
                + "case-insensitively", examples = "[\"acme/payments-*\", \"acme/billing/**\"]")
        @Size(max = TeamRules.PATTERNS_MAX)
        List<@NotNull @ValidRepositoryPattern String> repositoryPatterns,
        @Schema(description = "At most 200 Jira project keys", examples = "[\"PAY\", \"BILL\"]")
        @Size(max = TeamRules.PROJECT_KEYS_MAX)
        List<@NotNull @Pattern(regexp = TeamRules.JIRA_KEY_PATTERN, message = TeamRules.JIRA_KEY_RULE) String>
        jiraProjectKeys) {

    TeamDraft toDraft() {
        return new TeamDraft(key, name, orEmpty(members), orEmpty(repositoryPatterns), orEmpty(jiraProjectKeys));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
