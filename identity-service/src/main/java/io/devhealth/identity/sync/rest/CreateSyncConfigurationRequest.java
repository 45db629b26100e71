package io.devhealth.identity.sync.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.service.NewSyncConfiguration;
import io.devhealth.support.text.CleanText;

/** Body of {@code POST /api/v1/identity/orgs/{org}/sync-configurations}. */
@CleanText
public record CreateSyncConfigurationRequest(
        @Schema(description = "Unique within the organization, 1–200 characters", examples = "devhealth")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Provider; fixed once created", examples = "git")
        @NotNull @Pattern(regexp = "git|github|gitlab|jira|pagerduty",
                message = "must be one of git, github, gitlab, jira, pagerduty") String provider,
        @Schema(description = "Provider options, unknown ones refused. git: {\"repositoryPath\": \"/abs/path\"} under "
                + "the organization's repositories.local-roots and the operator's devhealth.sync.local-roots; "
                + "github: {\"owner\", \"repos\"} or {\"org\"}, optional \"apiUrl\" and \"gitHistory\" (boolean, "
                + "default true: clone the repositories and sync their commits too); gitlab: {\"groups\"} and/or "
                + "{\"projects\"} (ids or full paths), optional \"baseUrl\" and \"gitHistory\"; jira: {\"siteUrl\"} and "
                + "{\"projectKeys\"} or {\"jql\"}; pagerduty: optional {\"serviceIds\"}",
                examples = "{\"repositoryPath\": \"/srv/git/devhealth.git\"}")
        @NotNull Map<String, Object> options,
        @Schema(description = "Cron schedule; takes precedence over scheduleIntervalSeconds when both are set")
        @Valid ScheduleRequest schedule,
        @Schema(description = "Seconds between scheduled runs (≥ 60); ignored while schedule is set; neither: on "
                + "demand only", examples = "21600")
        @Min(60) Integer scheduleIntervalSeconds,
        @Schema(description = "An integration credential of this organization for the same provider")
        UUID credentialId,
        @Schema(description = "How many days back the first, full sync reaches (1–3650); null: all history",
                examples = "90")
        @Min(1) @Max(3650) Integer backfillDays,
        @Schema(description = "Default true") Boolean enabled) {

    NewSyncConfiguration toNew() {
        return new NewSyncConfiguration(name, provider, options, schedule == null ? null : schedule.cron(),
                schedule == null ? null : schedule.timeZone(), scheduleIntervalSeconds, credentialId, backfillDays,
                enabled == null || enabled);
    }
}
