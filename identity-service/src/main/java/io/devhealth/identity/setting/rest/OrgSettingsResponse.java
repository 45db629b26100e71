package io.devhealth.identity.setting.rest;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Every known setting of an organization, as services read them ({@code GET /internal/v1/orgs/{orgId}/settings}). */
public record OrgSettingsResponse(
        UUID orgId,
        @Schema(description = "Key → value (the organization's, or the default) for every known setting",
                examples = "{\"timezone\": \"UTC\", \"repositories.local-roots\": []}")
        Map<String, JsonNode> settings) {
}
