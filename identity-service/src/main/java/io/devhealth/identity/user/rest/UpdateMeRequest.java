package io.devhealth.identity.user.rest;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;

/** Body of {@code PATCH /api/v1/identity/me}. */
@CleanText
public record UpdateMeRequest(
        @Schema(description = "Empty clears it", examples = "Ada Lovelace") @Size(max = 200) String displayName) {
}
