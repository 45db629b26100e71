package io.devhealth.identity.user.rest;

import java.util.List;
import java.util.UUID;

import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.identity.user.service.UserService.Profile;

/** The signed-in user, {@code GET /api/v1/identity/me}. */
public record MeResponse(UUID id, String email, String displayName, boolean superuser, List<Membership> memberships) {

    static MeResponse from(Profile profile) {
        return new MeResponse(profile.user().id, profile.user().email, profile.user().displayName,
                profile.user().superuser, profile.memberships().stream().map(Membership::from).toList());
    }

    /** {@code role}: owner, admin, member or viewer. */
    public record Membership(UUID orgId, String slug, String name, String role) {

        static Membership from(MembershipSummary summary) {
            return new Membership(summary.orgId(), summary.slug(), summary.name(), summary.role().claimValue());
        }
    }
}
