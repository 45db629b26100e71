package io.devhealth.identity.people.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.service.IdentityDraft;
import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.support.text.CleanText;

/** A provider identity to map to a person: in {@code POST …/people} and {@code POST …/people/{id}/identities}. */
@CleanText
@ValidExternalId
@Schema(description = "A provider identity. git: externalId is the email (matched case-insensitively), name the "
        + "author name; github: the login; gitlab: the username; jira: the accountId; pagerduty: the user id.")
public record IdentityRequest(
        @Schema(enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "github")
        @NotNull @Pattern(regexp = IdentityProvider.NAMES, message = PeopleRules.PROVIDER_RULE)
        String provider,
        @Schema(description = "The id at the provider, 1–320 characters; unique per provider in the organization, "
                + "case-insensitively", examples = "octocat")
        @NotBlank @Size(max = PeopleRules.EXTERNAL_ID_MAX)
        String externalId,
        @Schema(description = "The name the provider shows (git: the author name), 1–200 characters",
                examples = "The Octocat")
        @Size(min = 1, max = PeopleRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String name,
        @Schema(description = "The account's email, when known (ignored for git: the external id is the email)",
                examples = "octocat@github.com")
        @Size(max = PeopleRules.EMAIL_MAX)
        @Pattern(regexp = PeopleRules.EMAIL_PATTERN, message = PeopleRules.EMAIL_RULE)
        String email) implements ValidExternalId.Identity {

    IdentityDraft toDraft() {
        return new IdentityDraft(IdentityProvider.parse(provider).orElseThrow(), externalId, name, email);
    }
}
