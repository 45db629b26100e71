package io.devhealth.identity.org.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.org.OrgSlug;
import io.devhealth.support.text.CleanText;

/** Body of {@code POST /api/v1/identity/orgs}. */
@CleanText
public record CreateOrganizationRequest(
        @Schema(description = "URL name: 3–63 lower-case letters, digits and inner hyphens, never UUID-shaped; "
                + "immutable", examples = "acme")
        @NotNull
        @OrgSlug
        String slug,
        @Schema(description = "Display name, 1–200 characters", examples = "Local development")
        @NotBlank
        @Size(max = 200)
        String name) {
}
