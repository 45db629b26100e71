package io.devhealth.identity.credential.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.credential.service.CredentialRules;
import io.devhealth.identity.credential.service.NewCredential;
import io.devhealth.support.text.CleanText;
import io.devhealth.support.text.Verbatim;

/** Body of {@code POST /api/v1/identity/orgs/{org}/credentials}. Its {@code toString} leaves the secret out. */
@CleanText
@Schema(description = "A new integration credential. The secret is write-only: no response ever contains it.")
public record CreateCredentialRequest(
        @Schema(description = "The provider it authenticates to",
                enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "github")
        @NotNull @Pattern(regexp = CredentialRules.PROVIDER_PATTERN, message = CredentialRules.PROVIDER_RULE)
        String provider,
        @Schema(description = "Unique per organization and provider, 1–200 characters", examples = "acme-github-app")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The token, password or key, kept exactly as sent (white space included); not blank, "
                + "at most 16 KiB of UTF-8, no NUL characters. Write-only.",
                writeOnly = true, examples = "github_pat_11ABCDEFG0123456789_example")
        @Verbatim @NotBlank String secret,
        @Schema(type = SchemaType.OBJECT, description = "Optional non-secret connection details: at most 32 entries, "
                + "keys of 1–64 letters, digits, '.', '_' or '-' (not secret-like names such as token or password), "
                + "non-blank string values of at most 1,024 characters. Shown to every admin.",
                examples = "{\"baseUrl\": \"https://api.github.com\", \"account\": \"acme\"}")
        JsonNode metadata) {

    NewCredential toNew() {
        return new NewCredential(provider, name, secret, metadata);
    }

    @Override
    public String toString() {
        return "CreateCredentialRequest[provider=" + provider + ", name=" + name + ", secret=(hidden)]";
    }
}
