package io.devhealth.identity.org.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Organization;
import io.devhealth.support.auth.OrgRef;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** The organization {@code ref} names ({@link OrgRef}: a canonical id or a slug); null if none. */
    public Uni<Organization> findByRef(String ref) {
        return OrgRef.parse(ref).map(parsed -> switch (parsed) {
            case OrgRef.ById byId -> findById(byId.id());
            case OrgRef.BySlug bySlug -> find("slug", bySlug.slug()).firstResult();
        }).orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** The organizations {@code userId} is a member of, by slug. */
    public Uni<List<Organization>> listForMember(UUID userId) {
        return list("id in (select m.organizationId from Membership m where m.userId = ?1)", Sort.by("slug"), userId);
    }

    public Uni<List<Organization>> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }
}
