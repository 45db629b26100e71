package io.devhealth.identity.sync.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.devhealth.identity.sync.SyncConfiguration;
import io.devhealth.identity.sync.SyncRunStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class SyncConfigurationRepository implements PanacheRepositoryBase<SyncConfiguration, UUID> {

    /** The configuration, its row locked until the transaction ends ({@code SELECT … FOR UPDATE}); null if none. */
    public Uni<SyncConfiguration> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The configuration if it belongs to the organization; null otherwise. */
    public Uni<SyncConfiguration> findInOrganization(UUID organizationId, UUID id) {
        return find("organizationId = ?1 and id = ?2", organizationId, id).firstResult();
    }

    public Uni<List<SyncConfiguration>> listInOrganization(UUID organizationId) {
        return list("organizationId", Sort.by("name"), organizationId);
    }

    /**
     * Enabled configurations a scheduler should claim at {@code now}: no running run holds a live lease, and either
     * the schedule is due — a cron schedule once its next fire time has come; otherwise an interval schedule when the
     * last run started at least one interval before {@code now}, or it never ran — or a run is orphaned: still running
     * with an expired lease (its holder died), on any configuration, scheduled or not. Claiming an orphaned
     * configuration fails the orphan and starts a new run from the last committed cursor: the interrupted run is taken
     * over one lease after its holder stopped, not an interval (or never, for on-demand configurations) later.
     */
    public Uni<List<SyncConfiguration>> listDue(Instant now) {
        return list("""
                from SyncConfiguration c
                where c.enabled = true
                  and (c.scheduleCron is not null and c.scheduleNextRunAt <= :now
                       or c.scheduleCron is null and c.scheduleIntervalSeconds is not null
                          and not exists (from SyncRun r where r.syncConfigurationId = c.id
                                            and r.startedAt + (c.scheduleIntervalSeconds) second > :now)
                       or exists (from SyncRun r where r.syncConfigurationId = c.id
                                    and r.status = :running and r.leaseExpiresAt <= :now))
                  and not exists (from SyncRun r where r.syncConfigurationId = c.id
                                    and r.status = :running and r.leaseExpiresAt > :now)
                order by c.id""", Parameters.with("running", SyncRunStatus.RUNNING).and("now", now));
    }
}
