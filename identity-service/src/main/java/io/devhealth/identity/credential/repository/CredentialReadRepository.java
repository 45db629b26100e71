package io.devhealth.identity.credential.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.credential.CredentialRead;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class CredentialReadRepository implements PanacheRepositoryBase<CredentialRead, UUID> {

    /** One page of a credential's reads, newest first; {@code offset} rows skipped. */
    public Uni<List<CredentialRead>> pageForCredential(UUID credentialId, int offset, int limit) {
        return find("credentialId", Sort.descending("createdAt", "id"), credentialId)
                .range(offset, offset + limit - 1).list();
    }

    public Uni<Long> countForCredential(UUID credentialId) {
        return count("credentialId", credentialId);
    }

    /** Whether {@code syncRunId} names a run of the organization. */
    public Uni<Boolean> isRunOfOrganization(UUID syncRunId, UUID organizationId) {
        return getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT count(*) FROM sync_runs WHERE id = :run AND organization_id = :org", Long.class)
                .setParameter("run", syncRunId)
                .setParameter("org", organizationId)
                .getSingleResult())
                .map(count -> count > 0);
    }
}
