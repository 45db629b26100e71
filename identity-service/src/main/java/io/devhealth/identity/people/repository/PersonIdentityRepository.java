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
        return Chunks.query(personIds, slice -> list("personId in ?1", slice));
    }

    /** How many identities each of these people has (people without any are left out). */
    public Uni<Map<UUID, Long>> countByPerson(Collection<UUID> personIds) {
        return Chunks.query(personIds, slice -> Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select i.personId, count(i) from PersonIdentity i where i.personId in :ids group by i.personId",
                        Object[].class)
                .setParameter("ids", slice)
                .getResultList()))
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
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
        return Chunks.query(lowerIds, slice -> list(
                "organizationId = ?1 and provider = ?2 and lower(externalId) in ?3", organizationId, provider, slice));
    }
}
