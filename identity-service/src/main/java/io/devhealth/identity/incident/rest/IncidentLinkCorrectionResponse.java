package io.devhealth.identity.incident.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.incident.IncidentLinkCorrection;

/** A correction of which deployment caused an incident. */
public record IncidentLinkCorrectionResponse(
        @Schema(examples = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f") UUID id,
        @Schema(description = "The incident's source", enumeration = { "pagerduty", "jira", "github", "gitlab" },
                examples = "pagerduty") String provider,
        @Schema(description = "The incident's id at its source", examples = "Q1QJ0MAPKR4ZKA") String incidentId,
        @Schema(description = "The causing deployment's repository; null: no deployment caused it",
                examples = "0e6b3c8a-4d2f-4b1e-9a7c-5d3e2f1a0b9c") UUID repoId,
        @Schema(description = "The causing deployment's id; null: no deployment caused it", examples = "1842")
        String deploymentId,
        @Schema(examples = "The outage began with the config push of deployment 1842") String note,
        @Schema(description = "The user who corrected it last; null once deleted",
                examples = "5f0e7a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f") UUID correctedBy,
        @Schema(description = "The change-feed version of the last change", examples = "42") long version,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant createdAt,
        @Schema(examples = "2026-12-01T09:30:00Z") Instant updatedAt) {

    static IncidentLinkCorrectionResponse from(IncidentLinkCorrection correction) {
        return new IncidentLinkCorrectionResponse(correction.id, correction.provider, correction.incidentId,
                correction.repoId, correction.deploymentId, correction.note, correction.correctedBy,
                correction.changeVersion, correction.createdAt, correction.updatedAt);
    }
}
