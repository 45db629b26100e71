package io.devhealth.identity.setting.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.support.text.CleanText;

/**
 * Body of {@code PUT /api/v1/identity/orgs/{org}/settings/{key}}. The value's strings are checked by the key's
 * own rules (free-form JSON is beyond {@link CleanText}'s reach).
 */
@CleanText
public record PutSettingRequest(
        @Schema(description = "The new value; its shape depends on the key (see the operation's description)",
                implementation = Object.class, examples = "[\"production\", \"prod-*\"]")
        JsonNode value) {
}
