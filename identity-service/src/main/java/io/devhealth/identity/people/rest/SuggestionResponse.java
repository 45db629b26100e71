package io.devhealth.identity.people.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.ObservedIdentity;
import io.devhealth.identity.people.service.Suggestion;

/** A mapping suggestion for unmapped identities. */
public record SuggestionResponse(
        @Schema(description = "Stable while the suggestion applies", examples = "7b1e5f0a-3c2d-3e4f-8a9b-0c1d2e3f4a5b")
        UUID id,
        @Schema(enumeration = { "add-to-person", "create-person" }, examples = "add-to-person") String kind,
        @Schema(enumeration = { "primary-email", "user-email", "same-email", "github-noreply", "shared-email",
                "same-login",
                "shared-login" }, examples = "primary-email")
        String reason,
        @Schema(description = "0–1: primary-email 0.95, user-email and same-email 0.9, github-noreply 0.85, shared-email "
                + "0.8, same-login "
                + "0.6, shared-login 0.5", examples = "0.95")
        double confidence,
        @Schema(examples = "the identity's email is this person's primary email") String detail,
        @Schema(description = "add-to-person: the person") PersonRef person,
        @Schema(description = "create-person: the person accepting creates") NewPerson newPerson,
        @Schema(description = "The unmapped identities to map") List<Observed> identities) {

    @Schema(name = "SuggestedPerson", description = "An existing person")
    public record PersonRef(@Schema(examples = "5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f") UUID id,
            @Schema(examples = "Jane Doe") String displayName) {
    }

    @Schema(name = "SuggestedNewPerson", description = "A person to create")
    public record NewPerson(@Schema(examples = "Jane Doe") String displayName,
            @Schema(description = "null when none", examples = "jane@acme.io") String primaryEmail,
            @Schema(description = "user-email: the DevHealth user to link") UUID userId) {
    }

    @Schema(name = "ObservedIdentity", description = "An identity sync-service has seen")
    public record Observed(@Schema(examples = "git") String provider,
            @Schema(examples = "jane@acme.io") String externalId,
            @Schema(examples = "Jane Doe") String name,
            @Schema(examples = "jane@acme.io") String email,
            @Schema(examples = "2026-12-01T09:30:00Z") Instant lastSeenAt) {

        static Observed from(ObservedIdentity identity) {
            return new Observed(identity.provider.apiName(), identity.externalId, identity.name, identity.email,
                    identity.lastSeenAt);
        }
    }

    static SuggestionResponse from(Suggestion suggestion) {
        boolean add = suggestion.kind() == Suggestion.Kind.ADD_TO_PERSON;
        return new SuggestionResponse(suggestion.id(), suggestion.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                suggestion.reason().apiName(), suggestion.reason().confidence(), suggestion.reason().detail(),
                add ? new PersonRef(suggestion.person().id, suggestion.person().displayName) : null,
                add ? null : new NewPerson(suggestion.displayName(), suggestion.primaryEmail(), suggestion.userId()),
                suggestion.identities().stream().map(Observed::from).toList());
    }
}
