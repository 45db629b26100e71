package io.devhealth.identity.user.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.user.service.Passwords;
import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code POST /api/v1/identity/users} (superuser) and {@code POST /auth/register}. */
@CleanText
public record CreateUserRequest(
        @Schema(examples = "ada@example.com") @NotBlank @Email @Size(max = 320) String email,
        @Schema(examples = "Ada Lovelace") @Size(max = 200) String displayName,
        @Schema(description = "10–1024 characters, taken exactly as sent", examples = "correct horse battery staple")
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) @Verbatim String password,
        @Schema(description = "Superuser: administers every organization (superusers only; ignored on register)",
                examples = "false") Boolean superuser) {

    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + ", password=***]";
    }
}
