package io.devhealth.identity.people.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.repository.OrganizationRepository;
import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.repository.ObservedIdentityRepository;
import io.devhealth.identity.people.repository.ObservedIdentityRepository.Observation;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** What sync-service reports having seen: the provider identities suggestions are computed from. */
@ApplicationScoped
public class ObservedIdentityService {

    /** The bound of one report. */
    public static final int MAX_BATCH = 1000;

    private final OrganizationRepository organizations;
    private final ObservedIdentityRepository observed;

    ObservedIdentityService(OrganizationRepository organizations, ObservedIdentityRepository observed) {
        this.organizations = organizations;
        this.observed = observed;
    }

    /**
     * Records the identities (validated by the request), once per provider and case-insensitive external id: the
     * last report of one wins, a null name or email keeps the one recorded. A git identity's email is its id.
     * Returns how many distinct identities were recorded; 404 when the organization does not exist.
     */
    @WithTransaction
    public Uni<Integer> observe(UUID organizationId, List<IdentityDraft> identities) {
        Map<String, Observation> distinct = new LinkedHashMap<>();
        for (IdentityDraft identity : identities) {
            String email = identity.provider() == IdentityProvider.GIT ? identity.externalId() : identity.email();
            distinct.put(identity.matchKey(),
                    new Observation(identity.provider(), identity.externalId(), identity.name(), email));
        }
        return organizations.findById(organizationId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "organization " + organizationId + " does not exist"))
                .flatMap(organization -> observed.upsert(organizationId, List.copyOf(distinct.values())))
                .replaceWith(distinct.size());
    }
}
