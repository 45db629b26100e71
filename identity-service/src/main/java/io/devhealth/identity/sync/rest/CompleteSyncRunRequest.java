package io.devhealth.identity.sync.rest;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /internal/v1/sync-runs/{id}/complete}. */
public record CompleteSyncRunRequest(
        @NotBlank @Size(max = 200) String holder,
        @Schema(enumeration = {"succeeded", "failed"})
        @NotNull @Pattern(regexp = "succeeded|failed", message = "must be succeeded or failed") String status,
        @PositiveOrZero Long itemsProcessed,
        @Schema(description = "Rows written per table and other figures") Map<String, Object> counts,
        @Schema(description = "Why the run failed; required when status is failed") @Size(max = 4000) String error,
        @Schema(description = "The new sync position; stored on the configuration only when status is succeeded")
        Map<String, Object> cursor) {
}
