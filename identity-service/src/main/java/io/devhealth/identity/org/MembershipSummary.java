package io.devhealth.identity.org;

import java.util.UUID;

import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;

/** A user's membership with the organization's names: what tokens and {@code /me} report. */
public record MembershipSummary(UUID orgId, String slug, String name, OrgRole role) {

    public OrgGrant grant() {
        return new OrgGrant(orgId, slug, role);
    }
}
