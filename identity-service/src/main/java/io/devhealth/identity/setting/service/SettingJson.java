package io.devhealth.identity.setting.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Setting values between their stored JSON text and JSON trees (plain JSON: no modules are involved). */
final class SettingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SettingJson() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Stored values were written by this service (or PostgreSQL's jsonb output): always JSON.
            throw new IllegalStateException("a stored setting is not JSON", e);
        }
    }

    static String write(JsonNode value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
