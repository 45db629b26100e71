package io.devhealth.identity.org.service;

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
import io.quarkus.panache.common.Sort;
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
     * {@link Organization#SLUG_PATTERN}; a taken slug is a 409 problem.
     */
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
                ? organizations.listAll(Sort.by("slug"))
                : organizations.listForMember(caller.id));
    }

    /** The organization {@code orgRef} names, if the caller is a member (any role) or a superuser. */
    @WithSession
    public Uni<Organization> get(String orgRef) {
        return access.require(orgRef, OrgPermission.ORG_READ).map(OrgAccess.CallerInOrg::organization);
    }
}
