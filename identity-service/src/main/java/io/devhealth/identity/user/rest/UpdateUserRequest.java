package io.devhealth.identity.user.rest;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.user.service.Passwords;
import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code PATCH /api/v1/identity/users/{id}} (superuser): absent members stay as they are. */
@CleanText
public record UpdateUserRequest(
        @Schema(description = "Empty clears it", examples = "Ada King") @Size(max = 200) String displayName,
        @Schema(examples = "true") Boolean superuser,
        @Schema(description = "A new password (an administrator's reset); ends the user's sessions",
                examples = "a new long passphrase")
        @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) @Verbatim String password) {

    @Override
    public String toString() {
        return "UpdateUserRequest[displayName=" + displayName + ", superuser=" + superuser + "]";
    }
}
