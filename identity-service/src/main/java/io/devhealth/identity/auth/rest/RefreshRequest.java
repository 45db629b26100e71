package io.devhealth.identity.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;

/** Body of {@code POST /api/v1/identity/auth/refresh} and {@code /auth/logout}. */
@CleanText
public record RefreshRequest(
        @Schema(description = "The refresh token of the last token response",
                examples = "dhr_9qGxk1V0Jm3c0yq1n6sY0bWQ2m3c7Y9PZQvLwq0H3rA")
        @NotBlank @Size(max = 200) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=***]";
    }
}
