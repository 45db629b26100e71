package io.devhealth.identity.sync.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.sync.SyncConfiguration;
import io.devhealth.identity.sync.service.SyncConfigurationService.OrganizedConfiguration;

/**
 * A sync configuration as sync-service needs it to run: with its organization's slug and settings and the current
 * cursor.
 */
public record SyncConfigurationDetails(UUID id, UUID orgId, String orgSlug, String name, String provider,
        Map<String, Object> options, Map<String, Object> cursor, Integer scheduleIntervalSeconds,
        ScheduleResponse schedule, Instant scheduleNextRunAt, UUID credentialId, Integer backfillDays,
        boolean enabled,
        @Schema(description = "Every known setting of the organization (its value or the default), as "
                + "GET /internal/v1/orgs/{orgId}/settings returns them",
                examples = "{\"timezone\": \"UTC\", \"repositories.local-roots\": [\"/srv/git\"]}")
        Map<String, JsonNode> orgSettings) {

    static SyncConfigurationDetails from(OrganizedConfiguration organized) {
        SyncConfiguration configuration = organized.configuration();
        return new SyncConfigurationDetails(configuration.id, configuration.organizationId, organized.orgSlug(),
                configuration.name, configuration.provider, configuration.options, configuration.cursor,
                configuration.scheduleIntervalSeconds, ScheduleResponse.from(configuration.cronSchedule()),
                configuration.scheduleNextRunAt, configuration.credentialId, configuration.backfillDays,
                configuration.enabled, organized.orgSettings());
    }
}
