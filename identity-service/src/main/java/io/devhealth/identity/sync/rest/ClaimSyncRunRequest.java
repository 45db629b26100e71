package io.devhealth.identity.sync.rest;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /internal/v1/sync-runs}. */
public record ClaimSyncRunRequest(
        @NotNull UUID syncConfigurationId,
        @Schema(enumeration = {"manual", "schedule"})
        @NotNull @Pattern(regexp = "manual|schedule", message = "must be manual or schedule") String trigger,
        @Schema(description = "The user who asked for a manual run") UUID requestedBy,
        @Schema(description = "Who runs it: a pod or instance id") @NotBlank @Size(max = 200) String holder,
        @Schema(description = "Lease length in seconds; renew with heartbeats before it ends")
        @NotNull @Min(1) @Max(3600) Integer leaseSeconds) {
}
