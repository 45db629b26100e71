package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.identity.people.service.PersonChanges;
import io.devhealth.identity.people.rest.MergePatch.Patch;
import io.devhealth.support.text.CleanText;

/**
 * Body of {@code PATCH /api/v1/identity/orgs/{org}/people/{id}}, a JSON merge patch: absent members stay, null
 * clears (not the display name). Identities change through {@code …/identities}.
 */
@CleanText
@Schema(description = "JSON merge patch: absent members stay as they are; null clears key, primaryEmail or userId.")
public record UpdatePersonRequest(
        @Schema(description = "1–320 characters, unique case-insensitively; null clears it", examples = "E1042")
        @Size(min = 1, max = PeopleRules.KEY_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String key,
        @Schema(description = "1–200 characters; cannot be null", examples = "Jane Q. Doe")
        @Size(min = 1, max = PeopleRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String displayName,
        @Schema(description = "Unique case-insensitively; null clears it", examples = "jane.doe@acme.io")
        @Size(max = PeopleRules.EMAIL_MAX)
        @Pattern(regexp = PeopleRules.EMAIL_PATTERN, message = PeopleRules.EMAIL_RULE)
        String primaryEmail,
        @Schema(description = "A member of the organization; null unlinks", examples = "8d0c1c2e-3a57-4d0f-9a51-0b7f4e0a2c11")
        UUID userId) {

    static PersonChanges changes(Patch<UpdatePersonRequest> patch) {
        UpdatePersonRequest value = patch.value();
        return new PersonChanges(patch.has("key"), value.key(), patch.has("displayName"), value.displayName(),
                patch.has("primaryEmail"), value.primaryEmail(), patch.has("userId"), value.userId());
    }
}
