package io.devhealth.identity.sync.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.sync.SyncConfiguration;
import io.devhealth.identity.sync.SyncRun;
import io.devhealth.identity.sync.SyncRunStatus;
import io.devhealth.identity.sync.SyncTrigger;
import io.devhealth.identity.sync.repository.SyncConfigurationRepository;
import io.devhealth.identity.sync.repository.SyncRunRepository;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The leases that make sync runs exclusive across sync-service replicas. A run is claimed for a holder with a
 * lease of some seconds, kept alive by heartbeats and ended by its holder. Each operation is one transaction
 * that locks the row it decides on, so concurrent claims of one configuration serialize: exactly one wins.
 * Times come from this service's clock (truncated to PostgreSQL's microseconds); leases of tens of seconds
 * dwarf the clock skew between replicas.
 */
@ApplicationScoped
public class SyncLeaseService {

    private static final Logger LOG = Logger.getLogger(SyncLeaseService.class);

    private final SyncConfigurationRepository configurations;
    private final SyncRunRepository runs;

    SyncLeaseService(SyncConfigurationRepository configurations, SyncRunRepository runs) {
        this.configurations = configurations;
        this.runs = runs;
    }

    /**
     * Starts a run of the configuration leased to {@code holder} for {@code lease}. With the configuration row
     * locked: a running run with a live lease makes this a 409 sync-run-already-running problem; one whose lease
     * expired is failed first ("lease expired: holder … stopped heartbeating at …") and the claim proceeds. The
     * unique index allowing one running run per configuration backs this up (also a 409). A scheduled claim of a
     * cron schedule moves its next run to the first fire time after now (missed fire times are not caught up).
     * A scheduled claim is granted only while the configuration is due (see
     * {@link SyncConfigurationRepository#listDue}), decided under the same lock: a replica that listed it as due
     * before another replica's run of that due time ended gets a 409 conflict instead of a second run.
     * 404 when the configuration does not exist, 422 when {@code requestedBy} names no user.
     */
    @WithTransaction
    public Uni<SyncRun> claim(UUID configurationId, SyncTrigger trigger, UUID requestedBy, String holder,
            Duration lease) {
        Instant now = now();
        return configurations.findForUpdate(configurationId)
                .onItem().ifNull().failWith(() -> SyncConfigurationService.notFound(configurationId))
                .flatMap(configuration -> runs.findRunning(configuration.id)
                        .call(running -> trigger == SyncTrigger.SCHEDULE ? requireDue(configuration, running, now)
                                : Uni.createFrom().voidItem())
                        .call(running -> running == null ? Uni.createFrom().voidItem() : failExpired(running, now))
                        .flatMap(previous -> runs.persistAndFlush(
                                SyncRun.start(configuration, trigger, requestedBy, holder, lease, now)))
                        .invoke(started -> advanceCronSchedule(configuration, trigger, now)))
                .onFailure(PgErrors.uniqueViolation("sync_runs_one_running_per_configuration"))
                .transform(raced -> ProblemException.syncRunAlreadyRunning(
                        "another run of sync configuration " + configurationId + " is running"))
                .onFailure(PgErrors.foreignKeyViolation("sync_runs_requested_by_fkey"))
                .transform(unknown -> ProblemException.invalidField("requestedBy", "no user has this id"));
    }

    /**
     * Renews the lease of {@code holder}'s running run to {@code now + lease} and records its progress
     * ({@code null} values keep the current ones). A lease that expired but was not taken over is renewed.
     * 409 lease-lost when the run ended or another holder has it, 404 when there is no such run.
     */
    @WithTransaction
    public Uni<SyncRun> heartbeat(UUID runId, String holder, Duration lease, String phase, Long itemsProcessed,
            Long itemsTotal) {
        Instant now = now();
        return heldRun(runId, holder).invoke(run -> run.heartbeat(lease,
                phase != null ? phase : run.phase,
                itemsProcessed != null ? itemsProcessed : run.itemsProcessed,
                itemsTotal != null ? itemsTotal : run.itemsTotal,
                now));
    }

    /**
     * Ends {@code holder}'s running run as succeeded or failed ({@code error} required when failed; {@code null}
     * progress values keep the current ones). On success a non-null {@code cursor} becomes the configuration's
     * cursor in the same transaction; a failed run never moves it. 409 lease-lost when the run ended or another
     * holder has it, 404 when there is no such run.
     */
    @WithTransaction
    public Uni<SyncRun> complete(UUID runId, String holder, SyncRunStatus outcome, Long itemsProcessed,
            Map<String, Object> counts, String error, Map<String, Object> cursor) {
        if (outcome == SyncRunStatus.FAILED && (error == null || error.isBlank())) {
            return Uni.createFrom().failure(ProblemException.invalidField("error", "required when status is failed"));
        }
        Instant now = now();
        return heldRun(runId, holder)
                .invoke(run -> run.finish(outcome,
                        itemsProcessed != null ? itemsProcessed : run.itemsProcessed,
                        counts != null ? counts : run.counts,
                        error,
                        now))
                .call(run -> outcome == SyncRunStatus.SUCCEEDED && cursor != null
                        ? configurations.findById(run.syncConfigurationId)
                                .invoke(configuration -> configuration.cursor = cursor)
                        : Uni.createFrom().voidItem());
    }

    /**
     * Fails unless {@code configuration} is due for a scheduled run at {@code now}: enabled, and its schedule's next
     * run has come, or {@code running} is a run it may take over (an expired lease; a live one is a 409 anyway).
     */
    private Uni<Void> requireDue(SyncConfiguration configuration, SyncRun running, Instant now) {
        if (!configuration.enabled) {
            return Uni.createFrom().failure(ProblemException.conflict(
                    "sync configuration " + configuration.id + " is disabled; the scheduler does not run it"));
        }
        if (running != null) {
            return Uni.createFrom().voidItem();
        }
        return runs.latestStarts(List.of(configuration.id)).invoke(starts -> {
            Instant next = configuration.nextRunAt(starts.get(configuration.id));
            if (next == null || next.isAfter(now)) {
                throw ProblemException.conflict("sync configuration " + configuration.id + " is not due"
                        + (next == null ? "" : " before " + next) + ": its run for this due time already started");
            }
        }).replaceWithVoid();
    }

    private static void advanceCronSchedule(SyncConfiguration configuration, SyncTrigger trigger, Instant now) {
        if (trigger == SyncTrigger.SCHEDULE && configuration.scheduleCron != null) {
            configuration.scheduleNextRunAt = configuration.cronSchedule().nextAfter(now);
        }
    }

    private Uni<SyncRun> heldRun(UUID runId, String holder) {
        return runs.findForUpdate(runId)
                .onItem().ifNull().failWith(() -> SyncRunService.notFound(runId))
                .invoke(run -> {
                    if (!run.isRunning()) {
                        throw ProblemException.leaseLost(
                                "run " + runId + " has already ended: " + run.status.name().toLowerCase(Locale.ROOT));
                    }
                    if (!run.leaseHolder.equals(holder)) {
                        throw ProblemException.leaseLost(
                                "the lease of run " + runId + " is held by " + run.leaseHolder);
                    }
                });
    }

    private Uni<Void> failExpired(SyncRun running, Instant now) {
        if (!running.leaseExpired(now)) {
            return Uni.createFrom().failure(ProblemException.syncRunAlreadyRunning("run " + running.id
                    + " is running: " + running.leaseHolder + " holds its lease until " + running.leaseExpiresAt));
        }
        String reason = "lease expired: holder " + running.leaseHolder + " stopped heartbeating at "
                + running.heartbeatAt;
        LOG.infof("failing run %s of sync configuration %s: %s", running.id, running.syncConfigurationId, reason);
        running.finish(SyncRunStatus.FAILED, running.itemsProcessed, running.counts, reason, now);
        // Flushed now: Hibernate would otherwise insert the new run before this update, and the unique index on
        // running runs would reject the insert.
        return runs.flush();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
