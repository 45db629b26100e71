package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.identity.people.service.PersonDraft;
import io.devhealth.support.text.CleanText;

/** Body of {@code POST …/people/{id}/split}: which identities move to a new person, and its fields. */
@CleanText
public record SplitPersonRequest(
        @Schema(description = "Ids of identities of the person in the path (1–200) that move to the new person",
                examples = "[\"0b9e8c57-5f7c-4c55-8f43-5d1a4a7f9e21\"]")
        @NotEmpty @Size(max = PeopleRules.IDENTITIES_PER_PERSON_MAX)
        List<@NotNull UUID> identityIds,
        @Schema(description = "The new person's name, 1–200 characters; default: the first moved identity's name "
                + "or external id", examples = "Jane Doe (contractor account)")
        @Size(min = 1, max = PeopleRules.NAME_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String displayName,
        @Schema(description = "The new person's key", examples = "C-77")
        @Size(min = 1, max = PeopleRules.KEY_MAX)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String key,
        @Schema(description = "The new person's primary email", examples = "jane@contractor.example")
        @Size(max = PeopleRules.EMAIL_MAX)
        @Pattern(regexp = PeopleRules.EMAIL_PATTERN, message = PeopleRules.EMAIL_RULE)
        String primaryEmail,
        @Schema(description = "The new person's DevHealth user (a member of the organization)")
        UUID userId) {

    PersonDraft toDraft() {
        return new PersonDraft(key, displayName, primaryEmail, userId, List.of());
    }
}
