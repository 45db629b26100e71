package io.devhealth.identity.sync.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.devhealth.identity.sync.SyncConfiguration;

/** A sync configuration as organization members see it. */
public record SyncConfigurationResponse(UUID id, UUID orgId, String name, String provider, Map<String, Object> options,
        Integer scheduleIntervalSeconds, boolean enabled, Instant createdAt, Instant updatedAt) {

    static SyncConfigurationResponse from(SyncConfiguration configuration) {
        return new SyncConfigurationResponse(configuration.id, configuration.organizationId, configuration.name,
                configuration.provider, configuration.options, configuration.scheduleIntervalSeconds,
                configuration.enabled, configuration.createdAt, configuration.updatedAt);
    }
}
