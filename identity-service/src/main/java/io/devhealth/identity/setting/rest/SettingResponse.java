package io.devhealth.identity.setting.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.setting.service.EffectiveSetting;

/** A setting as it applies to the organization. */
public record SettingResponse(
        @Schema(examples = "dora.production-environments") String key,
        @Schema(description = "The organization's value, or the key's default when it has not set one",
                implementation = Object.class, examples = "[\"production\", \"prod\"]")
        JsonNode value,
        @Schema(description = "Whether value is the key's default (the organization has not set it)",
                examples = "true")
        @JsonProperty("default") boolean isDefault,
        @Schema(description = "When the organization last set it; null for a default",
                examples = "2026-12-02T10:15:30Z")
        Instant updatedAt) {

    static SettingResponse from(EffectiveSetting setting) {
        return new SettingResponse(setting.key(), setting.value(), setting.isDefault(), setting.updatedAt());
    }
}
