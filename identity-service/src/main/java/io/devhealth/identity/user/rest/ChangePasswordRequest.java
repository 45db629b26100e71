package io.devhealth.identity.user.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.user.service.Passwords;
import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code POST /api/v1/identity/me/password}. */
@CleanText
public record ChangePasswordRequest(
        @Schema(examples = "correct horse battery staple") @NotNull @Size(max = Passwords.MAX_LENGTH) @Verbatim
        String currentPassword,
        @Schema(description = "10–1024 characters", examples = "an even longer passphrase")
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) @Verbatim String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
