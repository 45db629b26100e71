package io.devhealth.identity.org.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Membership;
import io.devhealth.identity.org.MembershipSummary;
import io.devhealth.support.auth.OrgRole;
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

    /** Every membership of {@code userId} with the organizations' slugs and names, by slug. */
    public Uni<List<MembershipSummary>> summariesOf(UUID userId) {
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select new io.devhealth.identity.org.MembershipSummary(o.id, o.slug, o.name, m.role)
                        from Membership m join Organization o on o.id = m.organizationId
                        where m.userId = :userId
                        order by o.slug""", MembershipSummary.class)
                .setParameter("userId", userId)
                .getResultList());
    }
}
