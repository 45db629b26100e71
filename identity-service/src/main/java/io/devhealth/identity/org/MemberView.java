package io.devhealth.identity.org;

import java.time.Instant;
import java.util.UUID;

import io.devhealth.support.auth.OrgRole;

/** A member of an organization with the user's email and name: what {@code GET /orgs/{org}/members} lists. */
public record MemberView(UUID userId, String email, String displayName, OrgRole role, Instant memberSince) {
}
