package io.devhealth.identity.sync.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.sync.SyncConfiguration;
import io.devhealth.identity.sync.service.ConfigurationView;

/** A sync configuration as organization members see it. */
public record SyncConfigurationResponse(
        UUID id,
        UUID orgId,
        @Schema(examples = "devhealth") String name,
        @Schema(enumeration = {"git", "github", "gitlab", "jira", "pagerduty"}, examples = "git") String provider,
        @Schema(examples = "{\"repositoryPath\": \"/srv/git/devhealth.git\"}") Map<String, Object> options,
        @Schema(description = "Cron schedule; takes precedence over scheduleIntervalSeconds") ScheduleResponse schedule,
        @Schema(description = "Seconds between scheduled runs; ignored while schedule is set", examples = "21600")
        Integer scheduleIntervalSeconds,
        @Schema(description = "When the scheduler next starts a run; a past time means due now (started at its "
                + "next poll); null: disabled or on demand only", examples = "2026-12-02T18:00:00Z")
        Instant nextRunAt,
        @Schema(description = "The integration credential it authenticates with") UUID credentialId,
        @Schema(description = "Days the first full sync reaches back; null: all history", examples = "90")
        Integer backfillDays,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    static SyncConfigurationResponse from(ConfigurationView view) {
        SyncConfiguration configuration = view.configuration();
        return new SyncConfigurationResponse(configuration.id, configuration.organizationId, configuration.name,
                configuration.provider, configuration.options, ScheduleResponse.from(configuration.cronSchedule()),
                configuration.scheduleIntervalSeconds, view.nextRunAt(), configuration.credentialId,
                configuration.backfillDays, configuration.enabled, configuration.createdAt, configuration.updatedAt);
    }
}
