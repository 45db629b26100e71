package io.devhealth.identity.org.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Membership;
import io.devhealth.identity.org.Organization;
import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.user.service.CallerService;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrganizationService {

    private final CallerService callers;
    private final OrgAccess access;
    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;

    OrganizationService(CallerService callers, OrgAccess access, OrganizationRepository organizations,
            MembershipRepository memberships) {
        this.callers = callers;
        this.access = access;
        this.organizations = organizations;
        this.memberships = memberships;
    }

    /**
     * Creates an organization owned by the caller. {@code slug} must already match
     * the slug rule of {@link io.devhealth.support.auth.OrgRef}; a taken slug is a 409 problem.
     */
    @ChangesAccess
    @WithTransaction
    public Uni<Organization> create(String slug, String name) {
        return callers.current().flatMap(caller -> organizations.persistAndFlush(Organization.of(slug, name.strip()))
                .call(organization -> memberships.persist(Membership.of(organization.id, caller.id, OrgRole.OWNER))))
                .onFailure(PgErrors.uniqueViolation("organizations_slug_key"))
                .transform(duplicate -> ProblemException.conflict(
                        "an organization with slug '" + slug + "' already exists"));
    }

    /** The caller's organizations (every organization for a superuser), by slug. */
    @WithSession
    public Uni<List<Organization>> listVisible() {
        return callers.current().flatMap(caller -> caller.superuser
                ? organizations.listLive()
                : organizations.listForMember(caller.id));
    }

    /**
     * The organization {@code orgRef} names, if the caller is a member (any role) or a superuser. No session: the
     * access check reads every column the answer shows.
     */
    public Uni<Organization> get(String orgRef) {
        return access.requireForRead(orgRef, OrgPermission.ORG_READ).map(OrgAccess.CallerInOrg::organization);
    }

    /** Renames the organization ({@link OrgPermission#ORG_UPDATE}); the slug never changes. */
    @ChangesAccess
    @WithTransaction
    public Uni<Organization> rename(String orgRef, String name) {
        return access.require(orgRef, OrgPermission.ORG_UPDATE)
                .map(authorized -> {
                    authorized.organization().name = name;
                    return authorized.organization();
                });
    }

    /**
     * Soft-deletes the organization ({@link OrgPermission#ORG_DELETE}, owners): every API stops showing it at
     * once (tokens issued before still name it, but no service resolves it); its data stays until purged.
     */
    @ChangesAccess
    @WithTransaction
    public Uni<Void> delete(String orgRef) {
        return access.require(orgRef, OrgPermission.ORG_DELETE)
                .invoke(authorized -> {
                    authorized.organization().deletedAt = Instant.now();
                    authorized.organization().deletedBy = authorized.caller().id;
                })
                .replaceWithVoid();
    }
}
