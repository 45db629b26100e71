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

/** One identity sync-service has seen, in {@code POST /internal/v1/orgs/{orgId}/observed-identities}. */
@CleanText
@ValidExternalId
public record ObservedIdentityRequest(
        @Schema(enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "git")
        @NotNull @Pattern(regexp = IdentityProvider.NAMES, message = PeopleRules.PROVIDER_RULE)
        String provider,
        @Schema(description = "git: the email; github: the login; gitlab: the username; jira: the accountId; "
                + "pagerduty: the user id", examples = "jane@acme.io")
        @NotBlank @Size(max = PeopleRules.EXTERNAL_ID_MAX)
        String externalId,
        @Schema(description = "The name the provider shows (git: the author name), 1–200 characters",
                examples = "Jane Doe")
        @Size(min = 1, max = PeopleRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String name,
        @Schema(description = "The account's email when the provider shows it (ignored for git)",
                examples = "jane@acme.io")
        @Size(max = PeopleRules.EMAIL_MAX)
        @Pattern(regexp = PeopleRules.EMAIL_PATTERN, message = PeopleRules.EMAIL_RULE)
        String email) implements ValidExternalId.Identity {

    IdentityDraft toDraft() {
        return new IdentityDraft(IdentityProvider.parse(provider).orElseThrow(), externalId, name, email);
    }
}
