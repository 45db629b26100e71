package io.devhealth.support.auth;

import java.util.Objects;
import java.util.UUID;

/** One organization membership as carried in an access token. */
public record OrgGrant(UUID orgId, String slug, OrgRole role) {

    public OrgGrant {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(role, "role");
    }

    /** Whether {@code orgRef} (an {@link OrgRef}: canonical id or slug) names this organization. */
    public boolean names(String orgRef) {
        return OrgRef.parse(orgRef).map(ref -> ref.names(orgId, slug)).orElse(false);
    }
}
