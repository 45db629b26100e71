package io.devhealth.identity.people.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class ChangeFeedRepository implements PanacheRepositoryBase<ChangeFeedVersion, UUID> {

    /** The organization's counter, created at 0 when missing, locked until the transaction ends. */
    public Uni<ChangeFeedVersion> lock(UUID organizationId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeMutationQuery("""
                        INSERT INTO change_feed_versions (organization_id) VALUES (?1)
                        ON CONFLICT (organization_id) DO NOTHING""")
                        .setParameter(1, organizationId)
                        .executeUpdate())
                .flatMap(inserted -> findById(organizationId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The organization's last committed version; 0 before its first change. */
    public Uni<Long> currentVersion(UUID organizationId) {
        return findById(organizationId).map(counter -> counter == null ? 0L : counter.version);
    }

    /**
     * Every live organization's last committed version (0 before its first change), by organization id: what a
     * feed reader compares with the versions it applied to know which organizations to read.
     */
    public Uni<List<OrganizationFeedVersion>> listLive() {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("""
                        select new io.devhealth.identity.people.repository.OrganizationFeedVersion(
                            o.id, coalesce(v.version, 0L))
                        from Organization o left join ChangeFeedVersion v on v.organizationId = o.id
                        where o.deletedAt is null
                        order by o.id""", OrganizationFeedVersion.class)
                .getResultList());
    }

    /** Records the deletion of an {@code entity} ({@link ChangeFeedDeletion#PERSON} or TEAM) at {@code version}. */
    public Uni<Void> recordDeletion(UUID organizationId, String entity, UUID entityId, long version) {
        return Panache.getSession()
                .flatMap(session -> session.persist(ChangeFeedDeletion.of(organizationId, entity, entityId, version)));
    }

    /** At most {@code limit} deletions of {@code entity} after the feed position ({@code version}, {@code afterId}). */
    public Uni<List<ChangeFeedDeletion>> listDeletedAfter(UUID organizationId, String entity, long version,
            UUID afterId, int limit) {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery("""
                        from ChangeFeedDeletion d
                        where d.organizationId = :org and d.entity = :entity
                          and (d.changeVersion > :version or (d.changeVersion = :version and d.entityId > :afterId))
                        order by d.changeVersion, d.entityId""", ChangeFeedDeletion.class)
                .setParameter("org", organizationId)
                .setParameter("entity", entity)
                .setParameter("version", version)
                .setParameter("afterId", afterId)
                .setMaxResults(limit)
                .getResultList());
    }
}
