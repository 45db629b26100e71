package io.devhealth.sync.client;

import java.util.UUID;

/** An organization as identity-service's public API returns it ({@code GET /api/v1/identity/orgs/{org}}). */
public record Organization(UUID id, String slug, String name) {
}
