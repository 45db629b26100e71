package io.devhealth.identity.credential.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.devhealth.identity.credential.IntegrationCredential;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class IntegrationCredentialRepository implements PanacheRepositoryBase<IntegrationCredential, UUID> {

    /** The credential if it belongs to the organization; null otherwise. */
    public Uni<IntegrationCredential> findInOrganization(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    /** Like {@link #findInOrganization}, the row locked until the transaction ends ({@code FOR UPDATE}). */
    public Uni<IntegrationCredential> findInOrganizationForUpdate(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The credential, its row locked until the transaction ends; null if none. */
    public Uni<IntegrationCredential> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** One page of the organization's credentials by name, provider and id; {@code offset} rows skipped. */
    public Uni<List<IntegrationCredential>> pageInOrganization(UUID organizationId, int offset, int limit) {
        return find("organizationId", Sort.by("name").and("provider").and("id"), organizationId)
                .range(offset, offset + limit - 1).list();
    }

    public Uni<Long> countInOrganization(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    /** Records a use, touching no other column (a secret replacement or re-wrap may be under way). */
    public Uni<Integer> markUsed(UUID id, Instant usedAt) {
        return update("lastUsedAt = ?1 where id = ?2", usedAt, id);
    }

    /** The ids of the rows wrapped by another master key than {@code keyId}, after {@code afterId}, in id order. */
    public Uni<List<UUID>> idsNotUnderKey(String keyId, UUID afterId, int limit) {
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select c.id from IntegrationCredential c
                        where c.keyId <> :keyId and c.id > :afterId order by c.id""", UUID.class)
                .setParameter("keyId", keyId)
                .setParameter("afterId", afterId)
                .setMaxResults(limit)
                .getResultList());
    }

    /** How many rows each master key wraps, by key id. */
    public Uni<Map<String, Long>> countByKeyId() {
        return getSession().flatMap(session -> session.createSelectionQuery(
                        "select c.keyId, count(c) from IntegrationCredential c group by c.keyId order by c.keyId",
                        Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /**
     * The names of up to {@code limit} sync configurations that use the credential (their
     * {@code credential_id} forbids its deletion).
     */
    public Uni<List<String>> syncConfigurationsUsing(UUID credentialId, int limit) {
        return getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT name FROM sync_configurations WHERE credential_id = :id ORDER BY name LIMIT :limit",
                        String.class)
                .setParameter("id", credentialId)
                .setParameter("limit", limit)
                .getResultList());
    }
}
