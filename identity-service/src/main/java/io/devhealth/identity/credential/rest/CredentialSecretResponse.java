package io.devhealth.identity.credential.rest;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.credential.service.CredentialSecret;

/** A credential with its plaintext secret, for sync-service only. Its {@code toString} leaves the secret out. */
@Schema(description = "A credential and its plaintext secret (internal API, service tokens only).")
public record CredentialSecretResponse(
        @Schema(examples = "5f0c6f7e-2b1d-4d0a-9a43-0d8f4e1b7c21") UUID id,
        @Schema(examples = "8a2e4b6c-1d3f-4a5b-8c7d-9e0f1a2b3c4d") UUID orgId,
        @Schema(enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "github") String provider,
        @Schema(examples = "acme-github-app") String name,
        @Schema(examples = "{\"baseUrl\": \"https://api.github.com\", \"account\": \"acme\"}")
        Map<String, String> metadata,
        @Schema(description = "The plaintext secret, exactly as stored",
                examples = "github_pat_11ABCDEFG0123456789_example")
        String secret) {

    static CredentialSecretResponse from(CredentialSecret read) {
        return new CredentialSecretResponse(read.credential().id, read.credential().organizationId,
                read.credential().provider, read.credential().name, read.credential().metadata, read.secret());
    }

    @Override
    public String toString() {
        return "CredentialSecretResponse[id=" + id + ", provider=" + provider + ", secret=(hidden)]";
    }
}
