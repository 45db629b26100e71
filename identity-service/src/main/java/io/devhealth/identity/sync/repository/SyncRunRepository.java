package io.devhealth.identity.sync.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.devhealth.identity.sync.SyncRun;
import io.devhealth.identity.sync.SyncRunStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class SyncRunRepository implements PanacheRepositoryBase<SyncRun, UUID> {

    /** The run with its row locked until the transaction ends; null if none. */
    public Uni<SyncRun> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The configuration's running run (at most one, by a unique index); null if none. */
    public Uni<SyncRun> findRunning(UUID syncConfigurationId) {
        return find("syncConfigurationId = ?1 and status = ?2", syncConfigurationId, SyncRunStatus.RUNNING)
                .firstResult();
    }

    /** The run if it belongs to the organization; null otherwise. */
    public Uni<SyncRun> findInOrganization(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    /** The configuration's latest runs, newest first. */
    public Uni<List<SyncRun>> listLatest(UUID syncConfigurationId, int limit) {
        return find("syncConfigurationId", Sort.descending("startedAt", "id"), syncConfigurationId)
                .page(Page.ofSize(limit))
                .list();
    }

    /** When the latest run of each configuration started; configurations that never ran are absent. */
    public Uni<Map<UUID, Instant>> latestStarts(Collection<UUID> syncConfigurationIds) {
        if (syncConfigurationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().flatMap(session -> session.createSelectionQuery("""
                        select r.syncConfigurationId, max(r.startedAt) from SyncRun r
                        where r.syncConfigurationId in :ids group by r.syncConfigurationId""", Object[].class)
                        .setParameter("ids", syncConfigurationIds)
                        .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (UUID) row[0], row -> (Instant) row[1])));
    }
}
