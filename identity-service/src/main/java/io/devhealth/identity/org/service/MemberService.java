package io.devhealth.identity.org.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.MemberView;
import io.devhealth.identity.org.Membership;
import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.user.User;
import io.devhealth.identity.user.repository.UserRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Organization members and their roles. Beyond {@link OrgPermission#MEMBERS_MANAGE}: only an owner (or a
 * superuser) grants, changes or revokes the owner role, and an organization always keeps an owner. Changes lock
 * the organization's row, so two concurrent demotions cannot both pass the last-owner check. Any member may
 * leave (remove itself), unless it is the last owner.
 */
@ApplicationScoped
public class MemberService {

    private final OrgAccess access;
    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final UserRepository users;

    MemberService(OrgAccess access, OrganizationRepository organizations, MembershipRepository memberships,
            UserRepository users) {
        this.access = access;
        this.organizations = organizations;
        this.memberships = memberships;
        this.users = users;
    }

    @WithSession
    public Uni<Page<MemberView>> list(String orgRef, PageRequest page) {
        return access.requireForRead(orgRef, OrgPermission.MEMBERS_READ).flatMap(authorized -> {
            UUID orgId = authorized.organization().id;
            return memberships.page(orgId, page)
                    .flatMap(items -> memberships.countMembers(orgId).map(total -> Page.of(items, page, total)));
        });
    }

    /**
     * Adds the existing user with {@code email} in {@code role}.
     *
     * @throws ProblemException 404 when no user has that email; 409 when already a member; 403 when a non-owner
     *         grants owner
     */
    @ChangesAccess
    @WithTransaction
    public Uni<MemberView> add(String orgRef, String email, OrgRole role) {
        return access.require(orgRef, OrgPermission.MEMBERS_MANAGE).flatMap(authorized -> {
            requireOwnerFor(authorized, role);
            return users.findByEmail(email).onItem().ifNull()
                    .failWith(() -> ProblemException.notFound("no user has the email '" + email + "'"))
                    .call(user -> memberships.persistAndFlush(Membership.of(authorized.organization().id, user.id, role))
                            .onFailure(PgErrors.uniqueViolation("memberships_organization_user_key"))
                            .transform(duplicate -> ProblemException.conflict(
                                    email + " is already a member of '" + authorized.organization().slug + "'")))
                    .flatMap(user -> memberships.find(authorized.organization().id, user.id)
                            .map(membership -> view(user, membership)));
        });
    }

    /** Changes a member's role; see the class rules. 404 when {@code userId} is not a member. */
    @ChangesAccess
    @WithTransaction
    public Uni<MemberView> changeRole(String orgRef, UUID userId, OrgRole role) {
        return access.require(orgRef, OrgPermission.MEMBERS_MANAGE)
                .call(authorized -> organizations.lock(authorized.organization().id))
                .flatMap(authorized -> member(authorized, userId).flatMap(membership -> {
                    if (membership.role == role) {
                        return users.findById(userId).map(user -> view(user, membership));
                    }
                    requireOwnerFor(authorized, membership.role);
                    requireOwnerFor(authorized, role);
                    return keepAnOwner(authorized, membership).invoke(() -> membership.role = role)
                            .chain(() -> users.findById(userId)).map(user -> view(user, membership));
                }));
    }

    /** Removes a member (or the caller leaves); see the class rules. 404 when {@code userId} is not a member. */
    @ChangesAccess
    @WithTransaction
    public Uni<Void> remove(String orgRef, UUID userId) {
        return access.require(orgRef, OrgPermission.ORG_READ)
                .call(authorized -> organizations.lock(authorized.organization().id))
                .flatMap(authorized -> {
                    boolean leaving = authorized.caller().id.equals(userId);
                    if (!leaving) {
                        requireManager(authorized);
                    }
                    return member(authorized, userId).flatMap(membership -> {
                        if (!leaving) {
                            requireOwnerFor(authorized, membership.role);
                        }
                        return keepAnOwner(authorized, membership).chain(() -> memberships.delete(membership));
                    });
                });
    }

    private Uni<Membership> member(OrgAccess.CallerInOrg authorized, UUID userId) {
        return memberships.find(authorized.organization().id, userId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("user " + userId + " is not a member of '"
                        + authorized.organization().slug + "'"));
    }

    /** Fails with 409 when {@code membership} is the organization's only owner (it is being demoted or removed). */
    private Uni<Void> keepAnOwner(OrgAccess.CallerInOrg authorized, Membership membership) {
        if (membership.role != OrgRole.OWNER) {
            return Uni.createFrom().voidItem();
        }
        return memberships.countOwners(authorized.organization().id).invoke(owners -> {
            if (owners <= 1) {
                throw ProblemException.conflict("'" + authorized.organization().slug
                        + "' must keep an owner: make another member owner first");
            }
        }).replaceWithVoid();
    }

    /** Only owners (and superusers) may grant or take away the owner role. */
    private static void requireOwnerFor(OrgAccess.CallerInOrg authorized, OrgRole role) {
        if (role == OrgRole.OWNER && !authorized.isOwner()) {
            throw ProblemException.forbidden("only an owner can grant, change or revoke the owner role");
        }
    }

    private static void requireManager(OrgAccess.CallerInOrg authorized) {
        if (!authorized.holds(OrgPermission.MEMBERS_MANAGE)) {
            throw ProblemException.forbidden("this requires the "
                    + OrgPermission.MEMBERS_MANAGE.minimumRole().claimValue() + " role in organization '"
                    + authorized.organization().slug + "'");
        }
    }

    private static MemberView view(User user, Membership membership) {
        return new MemberView(user.id, user.email, user.displayName, membership.role, membership.createdAt);
    }
}
