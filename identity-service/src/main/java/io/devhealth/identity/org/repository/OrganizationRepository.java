package io.devhealth.identity.org.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.devhealth.identity.org.Organization;
import io.devhealth.identity.user.User;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.auth.OrgRef;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** The live organization {@code ref} names ({@link OrgRef}: a canonical id or a slug); null if none or deleted. */
    public Uni<Organization> findByRef(String ref) {
        return OrgRef.parse(ref).map(parsed -> switch (parsed) {
            case OrgRef.ById byId -> find("id = ?1 and deletedAt is null", byId.id()).firstResult();
            case OrgRef.BySlug bySlug -> find("slug = ?1 and deletedAt is null", bySlug.slug()).firstResult();
        }).orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** The live organizations {@code userId} is a member of, by slug. */
    public Uni<List<Organization>> listForMember(UUID userId) {
        return list("deletedAt is null and id in (select m.organizationId from Membership m where m.userId = ?1)",
                Sort.by("slug"), userId);
    }

    /** Every live organization, by slug. */
    public Uni<List<Organization>> listLive() {
        return list("deletedAt is null", Sort.by("slug"));
    }

    /** The organization with its row locked until the transaction ends (serializes membership changes). */
    public Uni<Organization> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<Organization>> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /**
     * In one query: the user {@code userId}, the live organization {@code ref} names (null if none) and the user's
     * role there (null if not a member). Null when the user does not exist.
     */
    public Uni<CallerRow> callerIn(UUID userId, OrgRef ref) {
        String organization = switch (ref) {
            case OrgRef.ById byId -> "o.id = :org";
            case OrgRef.BySlug bySlug -> "o.slug = :org";
        };
        Object key = switch (ref) {
            case OrgRef.ById byId -> byId.id();
            case OrgRef.BySlug bySlug -> bySlug.slug();
        };
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select u, o, m.role from User u
                        left join Organization o on %s and o.deletedAt is null
                        left join Membership m on m.organizationId = o.id and m.userId = u.id
                        where u.id = :user""".formatted(organization), Object[].class)
                .setParameter("user", userId)
                .setParameter("org", key)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new CallerRow((User) row[0], (Organization) row[1], (OrgRole) row[2]));
    }

    /** A caller, an organization (null if none) and the caller's role in it (null if not a member). */
    public record CallerRow(User user, Organization organization, OrgRole role) {
    }
}
