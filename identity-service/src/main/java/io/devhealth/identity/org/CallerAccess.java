package io.devhealth.identity.org;

import java.time.Instant;
import java.util.UUID;

import io.devhealth.identity.user.User;
import io.devhealth.support.auth.OrgRole;

/**
 * What an organization-scoped read is authorized from, read in one query: the caller, the live organization a
 * reference names (null when none) and the caller's role there (null when not a member). Immutable, so it can be
 * cached and shared between requests; {@link #user()} and {@link #organization()} hand out fresh, detached copies.
 */
public record CallerAccess(UUID userId, String email, String displayName, boolean superuser, boolean active,
        OrganizationRow org, OrgRole role) {

    /** The organization's columns an authorized read needs. */
    public record OrganizationRow(UUID id, String slug, String name, Instant createdAt) {
    }

    /** A new detached {@link User} with these columns (no password hash): never persisted or merged. */
    public User user() {
        User user = new User();
        user.id = userId;
        user.email = email;
        user.displayName = displayName;
        user.superuser = superuser;
        user.active = active;
        return user;
    }

    /** A new detached {@link Organization} with these columns, or null when there is no such live organization. */
    public Organization organization() {
        if (org == null) {
            return null;
        }
        Organization organization = Organization.of(org.slug(), org.name());
        organization.id = org.id();
        organization.createdAt = org.createdAt();
        return organization;
    }
}
