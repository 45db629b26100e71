package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.identity.people.service.PersonDraft;
import io.devhealth.support.text.CleanText;

/** Body of {@code POST /api/v1/identity/orgs/{org}/people}. */
@CleanText
public record CreatePersonRequest(
        @Schema(description = "The organization's own key for the person (an HR id, an email), 1–320 characters; "
                + "unique case-insensitively; imports match people by it", examples = "E1042")
        @Size(min = 1, max = PeopleRules.KEY_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String key,
        @Schema(description = "1–200 characters", examples = "Jane Doe")
        @NotBlank @Size(max = PeopleRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String displayName,
        @Schema(description = "Unique case-insensitively in the organization", examples = "jane@acme.io")
        @Size(max = PeopleRules.EMAIL_MAX)
        @Pattern(regexp = PeopleRules.EMAIL_PATTERN, message = PeopleRules.EMAIL_RULE)
        String primaryEmail,
        @Schema(description = "The DevHealth user this person is: a member of the organization, linked to at most "
                + "one person", examples = "8d0c1c2e-3a57-4d0f-9a51-0b7f4e0a2c11")
        UUID userId,
        @Schema(description = "At most 200 provider identities, none mapped to another person")
        @Size(max = PeopleRules.IDENTITIES_PER_PERSON_MAX)
        List<@Valid @NotNull IdentityRequest> identities) {

    PersonDraft toDraft() {
        return new PersonDraft(key, displayName, primaryEmail, userId,
                identities == null ? List.of() : identities.stream().map(IdentityRequest::toDraft).toList());
    }
}
