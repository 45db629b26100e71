package io.devhealth.identity.sync.rest;

import java.util.Map;
import java.util.UUID;

import io.devhealth.identity.sync.service.SyncConfigurationService.OrganizedConfiguration;

/** A sync configuration as sync-service needs it to run: with its organization's slug and the current cursor. */
public record SyncConfigurationDetails(UUID id, UUID orgId, String orgSlug, String name, String provider,
        Map<String, Object> options, Map<String, Object> cursor, Integer scheduleIntervalSeconds, boolean enabled) {

    static SyncConfigurationDetails from(OrganizedConfiguration organized) {
        var configuration = organized.configuration();
        return new SyncConfigurationDetails(configuration.id, configuration.organizationId, organized.orgSlug(),
                configuration.name, configuration.provider, configuration.options, configuration.cursor,
                configuration.scheduleIntervalSeconds, configuration.enabled);
    }
}
