package io.devhealth.identity.people.repository;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.RejectedSuggestion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class RejectedSuggestionRepository implements PanacheRepositoryBase<RejectedSuggestion, UUID> {

    /** The fingerprints of every suggestion the organization rejected. */
    public Uni<Set<String>> fingerprints(UUID organizationId) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select r.fingerprint from RejectedSuggestion r where r.organizationId = :org", String.class)
                .setParameter("org", organizationId)
                .getResultList())
                .map(list -> Set.copyOf(new HashSet<>(list)));
    }
}
