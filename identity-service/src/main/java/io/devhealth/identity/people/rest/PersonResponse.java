package io.devhealth.identity.people.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.service.PersonView;

/** A canonical person with its provider identities (by provider, then external id). */
public record PersonResponse(
        @Schema(examples = "5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f") UUID id,
        @Schema(description = "The organization's key for the person; null when none", examples = "E1042") String key,
        @Schema(examples = "Jane Doe") String displayName,
        @Schema(description = "null when none", examples = "jane@acme.io") String primaryEmail,
        @Schema(description = "The linked DevHealth user; null when none") UUID userId,
        List<IdentityResponse> identities,
        @Schema(description = "The change-feed version of the last change to the person or its identities",
                examples = "42")
        long version,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant updatedAt) {

    static PersonResponse from(PersonView view) {
        Person person = view.person();
        return new PersonResponse(person.id, person.personKey, person.displayName, person.primaryEmail,
                person.userId, view.identities().stream().map(IdentityResponse::from).toList(),
                person.changeVersion, person.createdAt, person.updatedAt);
    }
}
