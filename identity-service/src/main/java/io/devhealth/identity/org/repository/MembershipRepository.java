package io.devhealth.identity.org.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Membership;
import io.devhealth.identity.org.MemberView;
import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, UUID> {

    /** {@code userId}'s role in the organization, or null when not a member. */
    public Uni<OrgRole> roleOf(UUID organizationId, UUID userId) {
        return find("organizationId = ?1 and userId = ?2", organizationId, userId).firstResult()
                .map(membership -> membership == null ? null : membership.role);
    }

    /** Every membership of {@code userId} in a live organization, with the organizations' slugs and names, by slug. */
    public Uni<List<MembershipSummary>> summariesOf(UUID userId) {
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select new io.devhealth.identity.org.MembershipSummary(o.id, o.slug, o.name, m.role)
                        from Membership m join Organization o on o.id = m.organizationId
                        where m.userId = :userId and o.deletedAt is null
                        order by o.slug""", MembershipSummary.class)
                .setParameter("userId", userId)
                .getResultList());
    }

    /** The membership of {@code userId} in the organization; null if none. */
    public Uni<Membership> find(UUID organizationId, UUID userId) {
        return find("organizationId = ?1 and userId = ?2", organizationId, userId).firstResult();
    }

    /** How many owners the organization has. */
    public Uni<Long> countOwners(UUID organizationId) {
        return count("organizationId = ?1 and role = ?2", organizationId, OrgRole.OWNER);
    }

    /** A page of the organization's members with their users' emails and names, by email. */
    public Uni<List<MemberView>> page(UUID organizationId, PageRequest page) {
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select new io.devhealth.identity.org.MemberView(u.id, u.email, u.displayName, m.role, m.createdAt)
                        from Membership m join User u on u.id = m.userId
                        where m.organizationId = :organizationId
                        order by lower(u.email), u.id""", MemberView.class)
                .setParameter("organizationId", organizationId)
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList());
    }

    public Uni<Long> countMembers(UUID organizationId) {
        return count("organizationId", organizationId);
    }
}
