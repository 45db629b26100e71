package io.devhealth.identity.setting.service;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A setting as it applies to an organization.
 *
 * @param value     the organization's value, or the key's default when it has not set one
 * @param isDefault whether {@code value} is the default (nothing stored)
 * @param updatedAt when the organization last set it; null for a default
 */
public record EffectiveSetting(String key, JsonNode value, boolean isDefault, Instant updatedAt) {
}
