package io.devhealth.analytics.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An incident as its provider last reported it (PagerDuty, or an issue labelled as one on GitHub, GitLab or Jira),
 * with the deployment sync-service linked it to and when service was restored. Times are UTC, durations hours.
 *
 * @param link null until sync-service has linked the organization's incidents (every incident gets a link then,
 *             {@code method: none} with a reason when no deployment caused it)
 */
public record IncidentItem(
        @Schema(description = "pagerduty, github, gitlab or jira", examples = "pagerduty") String provider,
        @Schema(description = "The provider's id (an issue key for Jira)", examples = "Q1ABCDEF2GHIJ")
        String incidentId,
        @Schema(description = "The provider's incident number; null when it has none", examples = "1042") Long number,
        @Schema(examples = "Checkout errors above 5%") String title,
        @Schema(description = "triggered, acknowledged or resolved", examples = "resolved") String status,
        @Schema(description = "PagerDuty's urgency (high, low); an issue's priority", examples = "high") String urgency,
        @Schema(description = "The PagerDuty service, or the issue's project", examples = "checkout") String service,
        @Schema(description = "The repositories its service or issue maps to",
                examples = "[\"0b4e7c1a-5f0e-4d8a-9a57-1c2d3e4f5a6b\"]") List<UUID> repoIds,
        @Schema(description = "The teams its service maps to (setting pagerduty.services)",
                examples = "[\"payments\"]") List<String> teamKeys,
        @Schema(description = "Whether the organization's incident rules count it (DORA uses only those)",
                examples = "true") boolean countsAsIncident,
        @Schema(description = "Triggered", examples = "2025-03-03T12:10:00Z") Instant createdAt,
        @Schema(examples = "2025-03-03T12:14:00Z") Instant acknowledgedAt,
        @Schema(examples = "2025-03-03T15:00:00Z") Instant resolvedAt,
        @Schema(description = "Service restored: the earlier of the resolution and the remediating deployment's "
                + "finish when linked, else the resolution; null while not restored",
                examples = "2025-03-03T14:30:00Z") Instant recoveredAt,
        @Schema(description = "recoveredAt − createdAt, hours; null while not restored", examples = "2.3333")
        Double recoveryHours,
        IncidentLink link,
        @Schema(examples = "https://acme.pagerduty.com/incidents/Q1ABCDEF2GHIJ") String url) {

    /**
     * The deployment that caused the incident, as sync-service linked it (incident_links, V10).
     *
     * @param deploymentFinishedAt the caused deployment's finish, when its DORA fact is known
     */
    public record IncidentLink(
            @Schema(description = "manual, explicit-deployment, explicit-commit, explicit-pull-request, "
                    + "last-production-deployment or none", examples = "last-production-deployment") String method,
            @Schema(description = "Why it is unlinked (method none): corrected-to-none, no-repository, "
                    + "no-earlier-deployment, corrected-deployment-unknown; null when linked", examples = "null")
            String reason,
            @Schema(description = "null when unlinked", examples = "0b4e7c1a-5f0e-4d8a-9a57-1c2d3e4f5a6b") UUID repoId,
            @Schema(description = "null when unlinked", examples = "acme/api") String repo,
            @Schema(description = "null when unlinked", examples = "1234567890") String deploymentId,
            @Schema(examples = "2025-03-03T12:00:00Z") Instant deploymentFinishedAt,
            @Schema(description = "The next deployment made while the incident was open; null when none",
                    examples = "1234567891") String remediationDeploymentId,
            @Schema(description = "DORA failed deployment recovery time: recoveredAt − deploymentFinishedAt, hours; "
                    + "null when unlinked or not restored", examples = "2.5") Double failedDeploymentRecoveryHours) {
    }
}
