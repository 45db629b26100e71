package io.devhealth.identity.incident.rest;

import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.incident.service.IncidentLinkCorrectionService.CorrectionDraft;
import io.devhealth.identity.people.service.PeopleRules;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.CleanText;

/**
 * Body of {@code PUT /api/v1/identity/orgs/{org}/incident-links/{provider}/{incidentId}}: the deployment that caused
 * the incident, or none ({@code repoId} and {@code deploymentId} both null or absent).
 */
@CleanText
@Schema(description = "Which deployment caused the incident: a repository id and a deployment id as the analytics "
        + "API lists them, or neither (no deployment caused it)")
public record CorrectIncidentLinkRequest(
        @Schema(description = "The causing deployment's repository id; null or absent with deploymentId: no "
                + "deployment caused the incident", examples = "0e6b3c8a-4d2f-4b1e-9a7c-5d3e2f1a0b9c")
        UUID repoId,
        @Schema(description = "The causing deployment's id in that repository, 1–200 characters", examples = "1842")
        @Size(min = 1, max = 200)
        @Pattern(regexp = PeopleRules.SINGLE_LINE_PATTERN, message = PeopleRules.SINGLE_LINE_RULE)
        String deploymentId,
        @Schema(description = "Why, at most 1000 characters", examples = "The outage began with the config push of "
                + "deployment 1842, not with the release before it")
        @Size(max = 1000)
        String note) {

    CorrectionDraft toDraft() {
        if ((repoId == null) != (deploymentId == null)) {
            throw ProblemException.invalidField(repoId == null ? "repoId" : "deploymentId",
                    "repoId and deploymentId go together: give both, or neither for no deployment");
        }
        return new CorrectionDraft(repoId, deploymentId, note == null ? "" : note);
    }
}
