package io.devhealth.identity.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code POST /api/v1/identity/auth/token}. */
@CleanText
public record TokenRequest(
        @Schema(examples = "admin@devhealth.local") @NotBlank @Size(max = 320) String email,
        @Schema(examples = "devhealth-local") @NotBlank @Size(max = 1024) @Verbatim String password) {

    @Override
    public String toString() {
        return "TokenRequest[email=" + email + ", password=***]";
    }
}
