package io.devhealth.identity.sync.rest;

import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.service.NewSyncConfiguration;

/** Body of {@code POST /api/v1/identity/orgs/{org}/sync-configurations}. */
public record CreateSyncConfigurationRequest(
        @Schema(description = "Unique within the organization, 1–200 characters", examples = "devhealth")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Only git is supported so far", examples = "git")
        @NotNull @Pattern(regexp = "git|github|gitlab|jira|pagerduty",
                message = "must be one of git, github, gitlab, jira, pagerduty") String provider,
        @Schema(description = "Provider options; git: {\"repositoryPath\": \"/absolute/path\"}")
        @NotNull Map<String, Object> options,
        @Schema(description = "Seconds between scheduled runs; null: on demand only")
        @Min(60) Integer scheduleIntervalSeconds,
        @Schema(description = "Default true") Boolean enabled) {

    NewSyncConfiguration toNew() {
        return new NewSyncConfiguration(name, provider, options, scheduleIntervalSeconds, enabled == null || enabled);
    }
}
