package io.devhealth.identity.people.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What {@code POST /internal/v1/orgs/{orgId}/observed-identities} recorded. */
public record ObservedIdentitiesResponse(
        @Schema(description = "Distinct identities recorded (inserted or refreshed)", examples = "2") int recorded) {
}
