package io.devhealth.identity.people.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.PersonIdentity;

/** A provider identity of a person. */
public record IdentityResponse(
        @Schema(examples = "0b9e8c57-5f7c-4c55-8f43-5d1a4a7f9e21") UUID id,
        @Schema(enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "git") String provider,
        @Schema(description = "As first mapped; matched case-insensitively", examples = "jane@acme.io")
        String externalId,
        @Schema(description = "The name the provider shows; null when unknown", examples = "Jane Doe") String name,
        @Schema(description = "The identity's email (git: the external id); null when unknown",
                examples = "jane@acme.io")
        String email,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant createdAt) {

    static IdentityResponse from(PersonIdentity identity) {
        return new IdentityResponse(identity.id, identity.provider.apiName(), identity.externalId, identity.name,
                identity.email, identity.createdAt);
    }
}
