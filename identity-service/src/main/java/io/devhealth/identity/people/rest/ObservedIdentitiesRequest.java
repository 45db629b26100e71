package io.devhealth.identity.people.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.people.service.ObservedIdentityService;

/** Body of {@code POST /internal/v1/orgs/{orgId}/observed-identities}. */
public record ObservedIdentitiesRequest(
        @Schema(description = "1–1000 identities; repeats (same provider and case-insensitive external id) count once, "
                + "the last one winning", examples = "[{\"provider\": \"git\", \"externalId\": \"jane@acme.io\", "
                        + "\"name\": \"Jane Doe\"}, {\"provider\": \"github\", \"externalId\": \"janedoe\", "
                        + "\"email\": \"jane@acme.io\"}]")
        @NotNull @Size(min = 1, max = ObservedIdentityService.MAX_BATCH)
        List<@Valid @NotNull IdentityRequest> identities) {
}
