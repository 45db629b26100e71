package io.devhealth.identity.org.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;

/** Body of {@code PATCH /api/v1/identity/orgs/{org}}: the slug is immutable. */
@CleanText
public record UpdateOrganizationRequest(
        @Schema(description = "Display name, 1–200 characters", examples = "Acme Corporation")
        @NotBlank @Size(max = 200) String name) {
}
