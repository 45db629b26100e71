package io.devhealth.identity.org.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.Organization;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** The organization {@code ref} names: its id when {@code ref} is a UUID, else its slug; null if none. */
    public Uni<Organization> findByRef(String ref) {
        return asUuid(ref).map(this::findById).orElseGet(() -> find("slug", ref).firstResult());
    }

    /** The organizations {@code userId} is a member of, by slug. */
    public Uni<List<Organization>> listForMember(UUID userId) {
        return list("id in (select m.organizationId from Membership m where m.userId = ?1)", Sort.by("slug"), userId);
    }

    public Uni<List<Organization>> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    private static Optional<UUID> asUuid(String ref) {
        try {
            return Optional.of(UUID.fromString(ref));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
