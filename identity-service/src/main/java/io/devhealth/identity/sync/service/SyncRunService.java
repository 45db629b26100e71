package io.devhealth.identity.sync.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.sync.SyncRun;
import io.devhealth.identity.sync.repository.SyncConfigurationRepository;
import io.devhealth.identity.sync.repository.SyncRunRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Sync runs as organization members see them; sync-service starts and ends them through {@link SyncLeaseService}. */
@ApplicationScoped
public class SyncRunService {

    private final OrgAccess access;
    private final SyncConfigurationRepository configurations;
    private final SyncRunRepository runs;

    SyncRunService(OrgAccess access, SyncConfigurationRepository configurations, SyncRunRepository runs) {
        this.access = access;
        this.configurations = configurations;
        this.runs = runs;
    }

    /** The configuration's latest {@code limit} runs, newest first; 404 when it is not in the organization. */
    @WithSession
    public Uni<List<SyncRun>> listForConfiguration(String orgRef, UUID configurationId, int limit) {
        return access.require(orgRef, OrgPermission.SYNC_READ)
                .flatMap(granted -> configurations.findInOrganization(granted.organization().id, configurationId))
                .onItem().ifNull().failWith(() -> SyncConfigurationService.notFound(configurationId))
                .flatMap(configuration -> runs.listLatest(configuration.id, limit));
    }

    /** One run of the organization; 404 when it is not in that organization. */
    @WithSession
    public Uni<SyncRun> get(String orgRef, UUID runId) {
        return access.require(orgRef, OrgPermission.SYNC_READ)
                .flatMap(granted -> runs.findInOrganization(granted.organization().id, runId))
                .onItem().ifNull().failWith(() -> notFound(runId));
    }

    static RuntimeException notFound(UUID runId) {
        return ProblemException.notFound("sync run " + runId + " does not exist");
    }
}
