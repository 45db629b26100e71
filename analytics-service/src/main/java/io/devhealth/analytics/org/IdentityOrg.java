package io.devhealth.analytics.org;

import java.util.UUID;

/** An organization as identity-service describes it (other fields of its answer are ignored). */
public record IdentityOrg(UUID id, String slug, String name) {
}
