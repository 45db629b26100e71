package io.devhealth.identity.people.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.PersonIdentity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class PersonIdentityRepository implements PanacheRepositoryBase<PersonIdentity, UUID> {

    /**
     * The mapped columns, for native queries: Hibernate Reactive cannot read an entity from a row with columns it
     * does not map (V1's superseded canonical_key and user_id).
     */
    private static final String SELECT = """
            SELECT id, organization_id, person_id, provider, external_id, display_name, email, created_at, updated_at
            FROM identity_mappings""";

    /** Persists every identity of {@code added} (none is fine). */
    public Uni<Void> persistAll(List<PersonIdentity> added) {
        return added.isEmpty() ? Uni.createFrom().voidItem() : persist(added);
    }

    /** The person's identities by provider, then external id. */
    public Uni<List<PersonIdentity>> listForPerson(UUID personId) {
        return list("personId", Sort.by("provider").and("externalId"), personId);
    }

    /** The identities of these people, in no particular order. */
    public Uni<List<PersonIdentity>> listForPeople(Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        SELECT + " WHERE person_id = ANY(?1)", PersonIdentity.class)
                .setParameter(1, AnyOf.uuids(personIds))
                .getResultList());
    }

    /** How many identities each of these people has (people without any are left out). */
    public Uni<Map<UUID, Long>> countByPerson(Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery(
                        "SELECT person_id, count(*) FROM identity_mappings WHERE person_id = ANY(?1) GROUP BY person_id")
                .setParameter(1, AnyOf.uuids(personIds))
                .getResultList())
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** The organization's identity of {@code provider} whose external id equals {@code externalId} ignoring case. */
    public Uni<PersonIdentity> findByExternalId(UUID organizationId, IdentityProvider provider, String externalId) {
        return find("organizationId = ?1 and provider = ?2 and lower(externalId) = lower(?3)",
                organizationId, provider, externalId).firstResult();
    }

    /** The organization's identities of {@code provider} whose lower-cased external id is one of {@code lowerIds}. */
    public Uni<List<PersonIdentity>> listByExternalIds(UUID organizationId, IdentityProvider provider,
            Collection<String> lowerIds) {
        if (lowerIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        SELECT + " WHERE organization_id = ?1 AND provider = ?2 AND lower(external_id) = ANY(?3)",
                        PersonIdentity.class)
                .setParameter(1, organizationId)
                .setParameter(2, provider.apiName())
                .setParameter(3, AnyOf.texts(lowerIds))
                .getResultList());
    }
}
