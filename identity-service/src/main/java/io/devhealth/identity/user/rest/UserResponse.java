package io.devhealth.identity.user.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.user.User;

/** A user as superusers see it ({@code /api/v1/identity/users}); never the password hash. */
public record UserResponse(
        @Schema(examples = "5b0c5e0e-3d8a-4d55-9a51-2c2f3a7f1e10") UUID id,
        @Schema(examples = "ada@example.com") String email,
        @Schema(examples = "Ada Lovelace") String displayName,
        @Schema(examples = "false") boolean superuser,
        @Schema(description = "False once deactivated: cannot sign in or refresh", examples = "true") boolean active,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(description = "Last successful sign-in; null if never", examples = "2026-12-02T08:00:00Z")
        Instant lastLoginAt) {

    static UserResponse from(User user) {
        return new UserResponse(user.id, user.email, user.displayName, user.superuser, user.active, user.createdAt,
                user.lastLoginAt);
    }
}
