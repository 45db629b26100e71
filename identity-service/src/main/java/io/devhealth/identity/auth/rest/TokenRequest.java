package io.devhealth.identity.auth.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/identity/auth/token}. */
public record TokenRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "TokenRequest[email=" + email + ", password=***]";
    }
}
