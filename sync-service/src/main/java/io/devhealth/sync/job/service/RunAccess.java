package io.devhealth.sync.job.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.sync.client.IdentityAccessDeniedException;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.Organization;

/**
 * Decides whether the caller's verified token may act on an organization named in the path (slug or id).
 * identity-service is asked first, with the caller's own token, for every request: it refuses a deactivated user's
 * or a removed member's token at once (401/403), though it is signed and unexpired, and it tells an unknown
 * organization (404) from someone else's (403) — the same distinctions analytics-service makes. The role then comes
 * from the token's {@code orgs} claim; superusers may act on every organization.
 */
@ApplicationScoped
public class RunAccess {

    private final IdentityClient identity;

    @Inject
    public RunAccess(IdentityClient identity) {
        this.identity = identity;
    }

    /**
     * @return the organization's id when the caller's role in it holds {@code permission} (the matrix of
     *         {@link OrgPermission}), or the caller is a superuser
     * @throws ProblemException 403 when the organization exists but the caller may not do this, 404 when it
     *                          does not exist
     * @throws IdentityAccessDeniedException 401 when identity no longer accepts the caller's token
     */
    public UUID require(JsonWebToken caller, String org, OrgPermission permission) {
        Organization organization = lookUp(caller, org);
        Optional<OrgGrant> grant = OrgClaims.find(caller, org);
        if (grant.isPresent() && permission.grantedTo(grant.get().role())) {
            return grant.get().orgId();
        }
        if (OrgClaims.isSuperuser(caller)) {
            return organization.id();
        }
        if (grant.isPresent()) {
            throw ProblemException.forbidden("requires role " + permission.minimumRole().claimValue() + " in organization " + org
                    + " (yours: " + grant.get().role().claimValue() + ")");
        }
        throw ProblemException.forbidden("not a member of organization " + org);
    }

    private Organization lookUp(JsonWebToken caller, String org) {
        try {
            return identity.findOrganization(org, bearer(caller))
                    .orElseThrow(() -> ProblemException.notFound("organization " + org + " not found"));
        } catch (IdentityAccessDeniedException e) {
            if (e.status() == 403) {
                throw ProblemException.forbidden("not a member of organization " + org);
            }
            throw e;
        }
    }

    /** The caller's own token as an Authorization header value, for calls made on the caller's behalf. */
    static String bearer(JsonWebToken caller) {
        return "Bearer " + caller.getRawToken();
    }
}
