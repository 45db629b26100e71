package io.devhealth.identity.org.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Organization;
import io.devhealth.identity.org.repository.CallerAccessRepository;
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
 * may be up to one token lifetime old). Superusers may do everything in every organization. Writes check with
 * {@link #require}, reads with {@link #requireForRead} (cached for a few seconds, see {@link CallerAccessCache}).
 */
@ApplicationScoped
public class OrgAccess {

    private final CallerService callers;
    private final OrganizationRepository organizations;
    private final CallerAccessRepository accessRows;
    private final CallerAccessCache cache;

    OrgAccess(CallerService callers, OrganizationRepository organizations, CallerAccessRepository accessRows,
            CallerAccessCache cache) {
        this.callers = callers;
        this.organizations = organizations;
        this.accessRows = accessRows;
        this.cache = cache;
    }

    /**
     * The caller and the organization {@code orgRef} (slug or id) names, when the caller's role there holds
     * {@code permission} ({@link OrgPermission}, the one permission matrix). Fails with 401 when the caller's account
     * is unknown or deactivated, 404 when there is no such (live) organization and 403 when the caller is not a member
     * or its role lacks the permission (the organization's existence is not secret: 403, not 404). The entities are
     * the session's own: a transaction may change them.
     */
    public Uni<CallerInOrg> require(String orgRef, OrgPermission permission) {
        // One query for the caller, the organization and the membership: this runs on every org-scoped request.
        Optional<OrgRef> ref = OrgRef.parse(orgRef);
        return callers.callerId().flatMap(userId -> ref.isEmpty()
                ? callers.current().map(caller -> decide(orgRef, permission, caller, null, null))
                : organizations.callerIn(userId, ref.get()).map(row -> row == null
                        ? decide(orgRef, permission, null, null, null)
                        : decide(orgRef, permission, row.user(), row.organization(), row.role())));
    }

    /**
     * {@link #require}'s answer for requests that only read: from {@link CallerAccessCache} or one prepared query,
     * without a Hibernate session. The caller and organization are detached copies, which a transaction must not
     * change (use {@link #require} to write). A change made through this replica shows at the next request; one
     * made elsewhere within {@code devhealth.auth.access-cache-ttl}.
     */
    public Uni<CallerInOrg> requireForRead(String orgRef, OrgPermission permission) {
        return callers.callerId()
                .flatMap(userId -> cache.get(userId, orgRef, () -> accessRows.find(userId, OrgRef.parse(orgRef))))
                .map(access -> access == null
                        ? decide(orgRef, permission, null, null, null)
                        : decide(orgRef, permission, access.user(), access.organization(), access.role()));
    }

    /** The permission matrix applied to what was read: 401, 404 or 403 problems as {@link #require} documents. */
    private static CallerInOrg decide(String orgRef, OrgPermission permission, User user, Organization organization,
            OrgRole role) {
        User caller = CallerService.requireActive(user);
        if (organization == null) {
            throw notFound(orgRef);
        }
        if (!caller.superuser) {
            requirePermission(role, permission, organization);
        }
        return new CallerInOrg(caller, organization, role);
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
