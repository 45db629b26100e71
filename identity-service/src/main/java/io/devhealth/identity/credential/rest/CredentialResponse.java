package io.devhealth.identity.credential.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.credential.IntegrationCredential;

/** A credential as admins see it: metadata and a fingerprint, never the secret. */
@Schema(description = "An integration credential's metadata. The secret is never returned.")
public record CredentialResponse(
        @Schema(examples = "5f0c6f7e-2b1d-4d0a-9a43-0d8f4e1b7c21") UUID id,
        @Schema(examples = "8a2e4b6c-1d3f-4a5b-8c7d-9e0f1a2b3c4d") UUID orgId,
        @Schema(enumeration = { "git", "github", "gitlab", "jira", "pagerduty" }, examples = "github") String provider,
        @Schema(examples = "acme-github-app") String name,
        @Schema(description = "Non-secret connection details",
                examples = "{\"baseUrl\": \"https://api.github.com\", \"account\": \"acme\"}")
        Map<String, String> metadata,
        @Schema(description = "8 hex digits of a keyed HMAC-SHA256 of the secret: changes when the secret does, "
                + "reveals nothing of it", examples = "3fa9c2e1")
        String secretFingerprint,
        @Schema(description = "When the secret was set or last replaced", examples = "2026-12-02T10:15:30Z")
        Instant secretUpdatedAt,
        @Schema(description = "When sync-service last read the secret; null if never",
                examples = "2026-12-03T04:00:12Z")
        Instant lastUsedAt,
        @Schema(description = "The user who created it; null once that user is deleted",
                examples = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f")
        UUID createdBy,
        @Schema(examples = "2026-12-02T10:15:30Z") Instant createdAt,
        @Schema(examples = "2026-12-03T04:00:12Z") Instant updatedAt) {

    static CredentialResponse from(IntegrationCredential credential) {
        return new CredentialResponse(credential.id, credential.organizationId, credential.provider, credential.name,
                credential.metadata, credential.secretFingerprint, credential.secretUpdatedAt, credential.lastUsedAt,
                credential.createdBy, credential.createdAt, credential.updatedAt);
    }
}
