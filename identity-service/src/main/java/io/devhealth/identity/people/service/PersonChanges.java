package io.devhealth.identity.people.service;

import java.util.UUID;

/**
 * A partial update of a person (JSON merge patch): a {@code set*} flag says the member was sent; its value then
 * replaces the current one, null clearing it (the display name cannot be cleared).
 */
public record PersonChanges(boolean setKey, String key, boolean setDisplayName, String displayName,
        boolean setPrimaryEmail, String primaryEmail, boolean setUserId, UUID userId) {
}
