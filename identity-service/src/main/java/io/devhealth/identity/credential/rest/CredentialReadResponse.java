package io.devhealth.identity.credential.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.credential.CredentialRead;

/** One audited read of a credential's secret. */
@Schema(description = "A read of the secret by a service: who, when, for which sync run.")
public record CredentialReadResponse(
        @Schema(examples = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b") UUID id,
        @Schema(examples = "5f0c6f7e-2b1d-4d0a-9a43-0d8f4e1b7c21") UUID credentialId,
        @Schema(description = "The subject of the service token that read it", examples = "sync-service")
        String reader,
        @Schema(description = "The sync run it was read for; null if the reader named none",
                examples = "0b7f3c52-6a3e-4c8e-9a53-2f8e1c9d4b10")
        UUID syncRunId,
        @Schema(examples = "2026-12-03T04:00:12Z") Instant readAt) {

    static CredentialReadResponse from(CredentialRead read) {
        return new CredentialReadResponse(read.id, read.credentialId, read.reader, read.syncRunId, read.createdAt);
    }
}
