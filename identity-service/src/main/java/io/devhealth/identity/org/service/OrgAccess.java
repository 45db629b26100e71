package io.devhealth.identity.org.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Organization;
import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.user.User;
import io.devhealth.identity.user.service.CallerService;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.auth.OrgRef;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Organization-level authorization from the memberships table (not from the token's {@code orgs} claim, which
 * may be up to one token lifetime old). Superusers may do everything in every organization.
 */
@ApplicationScoped
public class OrgAccess {

    private final CallerService callers;
    private final OrganizationRepository organizations;

    OrgAccess(CallerService callers, OrganizationRepository organizations) {
        this.callers = callers;
        this.organizations = organizations;
    }

    /**
     * The caller and the organization {@code orgRef} (slug or id) names, when the caller's role there holds
     * {@code permission} ({@link OrgPermission}, the one permission matrix). Fails with 404 when there is no such
     * organization and 403 when the caller is not a member or its role lacks the permission (the organization's
     * existence is not secret: 403, not 404).
     */
    public Uni<CallerInOrg> require(String orgRef, OrgPermission permission) {
        // One query for the caller, the organization and the membership: this runs on every org-scoped request.
        Optional<OrgRef> ref = OrgRef.parse(orgRef);
        return callers.callerId().flatMap(userId -> ref.isEmpty()
                ? callers.current().replaceWith(Uni.createFrom().<CallerInOrg>failure(notFound(orgRef)))
                : organizations.callerIn(userId, ref.get()).map(row -> {
                    User caller = CallerService.requireActive(row == null ? null : row.user());
                    if (row.organization() == null) {
                        throw notFound(orgRef);
                    }
                    if (!caller.superuser) {
                        requirePermission(row.role(), permission, row.organization());
                    }
                    return new CallerInOrg(caller, row.organization(), row.role());
                }));
    }

    private static ProblemException notFound(String orgRef) {
        return ProblemException.notFound("organization '" + orgRef + "' does not exist");
    }

    private static void requirePermission(OrgRole role, OrgPermission permission, Organization organization) {
        if (role == null) {
            throw ProblemException.forbidden("you are not a member of organization '" + organization.slug + "'");
        }
        if (!permission.grantedTo(role)) {
            throw ProblemException.forbidden("this requires the " + permission.minimumRole().claimValue()
                    + " role in organization '" + organization.slug + "'; you are " + role.claimValue());
        }
    }

    /**
     * An authorized caller, the organization it acts on and its role there (null for a superuser who is not a
     * member).
     */
    public record CallerInOrg(User caller, Organization organization, OrgRole role) {

        /** Whether the caller holds {@code permission} here (superusers hold every permission). */
        public boolean holds(OrgPermission permission) {
            return caller.superuser || permission.grantedTo(role);
        }

        /** Whether the caller is an owner here, or a superuser. */
        public boolean isOwner() {
            return caller.superuser || role == OrgRole.OWNER;
        }
    }
}
