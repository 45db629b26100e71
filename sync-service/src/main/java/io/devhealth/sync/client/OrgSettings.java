package io.devhealth.sync.client;

import java.util.Map;
import java.util.UUID;

/**
 * An organization's settings as identity-service hands them to services ({@code GET /internal/v1/orgs/{orgId}/settings}):
 * every known key with the organization's value or the default — the same map sync configurations carry.
 */
public record OrgSettings(UUID orgId, Map<String, Object> settings) {

    public OrgSettings {
        settings = settings == null ? Map.of() : settings;
    }
}
