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

    /** Whether {@code orgIdOrSlug} names this organization, by id or by slug. */
    public boolean names(String orgIdOrSlug) {
        return slug.equals(orgIdOrSlug) || orgId.toString().equalsIgnoreCase(orgIdOrSlug);
    }
}
