package io.devhealth.identity.org.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.org.Organization;

/** Body of {@code POST /api/v1/identity/orgs}. */
public record CreateOrganizationRequest(
        @Schema(description = "URL name: lower-case letters, digits and inner hyphens, 1–63 characters",
                examples = "local")
        @NotNull
        @Pattern(regexp = Organization.SLUG_PATTERN,
                message = "must be 1–63 lower-case letters, digits or inner hyphens (a DNS label)")
        String slug,
        @Schema(description = "Display name, 1–200 characters", examples = "Local development")
        @NotBlank
        @Size(max = 200)
        String name) {
}
