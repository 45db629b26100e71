package io.devhealth.identity.credential.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.support.text.CleanText;

/** Body of {@code POST /internal/v1/orgs/{orgId}/credentials/{id}/secret}; may be omitted. */
@CleanText
@Schema(description = "Why the secret is read: the sync run it is for, recorded in the audit.")
public record ReadSecretRequest(
        @Schema(description = "The sync run the secret is read for; must be a run of the organization",
                examples = "0b7f3c52-6a3e-4c8e-9a53-2f8e1c9d4b10")
        UUID runId) {
}
