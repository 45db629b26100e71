package io.devhealth.identity.people.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;

/**
 * One element of a JSON import body (an array of these). Checked row by row like CSV rows (see
 * {@link PeopleRules}), so that a dry run reports every invalid value with its location.
 */
@CleanText
@Schema(description = "A person to import with its identities")
public record ImportPerson(
        @Schema(description = "Required: the person's key; people are matched by it, case-insensitively",
                examples = "E1042")
        String key,
        @Schema(description = "Required, 1–200 characters", examples = "Jane Doe") String displayName,
        @Schema(description = "Optional; unique in the organization", examples = "jane@acme.io") String primaryEmail,
        List<Identity> identities) {

    /** An identity of an imported person. */
    @CleanText
    @Schema(name = "ImportIdentity", description = "An identity to map to the person")
    public record Identity(
            @Schema(enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "git")
            String provider,
            @Schema(examples = "jane@acme.io") String externalId,
            @Schema(description = "Optional: the name the provider shows", examples = "Jane Doe") String name,
            @Schema(description = "Optional: the account's email (not for git)", examples = "jane@acme.io")
            String email) {
    }
}
