package io.devhealth.identity.sync.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /internal/v1/sync-runs/{id}/heartbeat}; null progress values keep the current ones. */
public record HeartbeatRequest(
        @NotBlank @Size(max = 200) String holder,
        @Schema(description = "New lease length in seconds, from now") @NotNull @Min(1) @Max(3600) Integer leaseSeconds,
        @Schema(description = "What the run is doing now", examples = "extracting") @Size(max = 64) String phase,
        @PositiveOrZero Long itemsProcessed,
        @PositiveOrZero Long itemsTotal) {
}
