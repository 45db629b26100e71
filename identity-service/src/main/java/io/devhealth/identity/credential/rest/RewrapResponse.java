package io.devhealth.identity.credential.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.credential.service.CredentialRotationService.RewrapReport;

/** What a re-wrap of every credential under the primary master key did. */
@Schema(description = "Counts of a re-wrap under the primary master key. A second run re-wraps nothing.")
public record RewrapResponse(
        @Schema(description = "The master key every re-wrapped row is now under", examples = "main-2026")
        String primaryKeyId,
        @Schema(description = "Rows moved from an older key to the primary one", examples = "12") long rewrapped,
        @Schema(description = "Rows already under the primary key", examples = "40") long alreadyCurrent,
        @Schema(description = "Rows that cannot be decrypted (their key is not configured, or they are damaged); "
                + "logged one by one, and left as they are", examples = "1") long failed,
        @Schema(description = "The ids of the failed rows", examples = "[\"5f0c6f7e-2b1d-4d0a-9a43-0d8f4e1b7c21\"]")
        List<UUID> failedCredentialIds) {

    static RewrapResponse from(RewrapReport report) {
        return new RewrapResponse(report.primaryKeyId(), report.rewrapped(), report.alreadyCurrent(), report.failed(),
                report.failedIds());
    }
}
