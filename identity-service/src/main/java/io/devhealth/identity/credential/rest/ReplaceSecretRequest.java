package io.devhealth.identity.credential.rest;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code PUT /api/v1/identity/orgs/{org}/credentials/{id}/secret}. Its {@code toString} hides the secret. */
@CleanText
@Schema(description = "The credential's new secret (write-only).")
public record ReplaceSecretRequest(
        @Schema(description = "The new token, password or key, kept exactly as sent; not blank, at most 16 KiB of "
                + "UTF-8, no NUL characters. Write-only.",
                writeOnly = true, examples = "github_pat_11ABCDEFG0123456789_rotated")
        @Verbatim @NotBlank String secret) {

    @Override
    public String toString() {
        return "ReplaceSecretRequest[secret=(hidden)]";
    }
}
