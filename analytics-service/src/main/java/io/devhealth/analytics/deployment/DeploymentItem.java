package io.devhealth.analytics.deployment;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A deployment as the provider reported it (its latest status). */
public record DeploymentItem(
        UUID repoId,
        @Schema(examples = "acme/api") String repo,
        @Schema(examples = "github") String provider,
        @Schema(description = "The provider's id", examples = "1234567890") String deploymentId,
        @Schema(examples = "production") String environment,
        @Schema(description = "One of the organization's production environments", examples = "true")
        boolean production,
        @Schema(description = "success, failure, error, inactive, in_progress or queued", examples = "success")
        String status,
        @Schema(examples = "9fceb02d0ae598e95dc970b74767f19372d61af8") String commitSha,
        @Schema(examples = "main") String ref,
        @Schema(examples = "2025-03-01T09:30:00Z") Instant createdAt,
        @Schema(description = "null while not finished", examples = "2025-03-01T09:34:10Z") Instant finishedAt,
        @Schema(examples = "https://github.com/acme/api/deployments/1234567890") String url) {
}
