package io.devhealth.sync.metrics.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.devhealth.sync.metrics.DailyMetrics;
import io.devhealth.sync.metrics.MetricsException;
import io.devhealth.sync.metrics.OrgTimeZone;
import io.devhealth.sync.metrics.config.MetricsConfig;
import io.devhealth.sync.metrics.repository.MetricsRecompute;
import io.devhealth.sync.metrics.repository.MetricsRecomputeRepository;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Executes recomputations on virtual threads of this replica: when the organization's tables were computed in another
 * zone, every day of every table first ({@link DailyMetrics#recomputeEveryDay}, which covers the range); else the
 * work-item facts, then the range in steps of {@code devhealth.metrics.recompute.chunk-days}, recording progress (and
 * so a heartbeat) after each step. A failure records its reason; shutdown records the recomputations it interrupts as
 * failed.
 */
@ApplicationScoped
public class MetricsRecomputeRunner {

    private static final Logger LOG = Logger.getLogger(MetricsRecomputeRunner.class);

    private final DailyMetrics metrics;
    private final MetricsRecomputeRepository store;
    private final int chunkDays;
    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();

    MetricsRecomputeRunner(DailyMetrics metrics, MetricsRecomputeRepository store, MetricsConfig config) {
        this.metrics = metrics;
        this.store = store;
        this.chunkDays = Math.max(1, config.recompute().chunkDays());
    }

    /** Starts {@code recompute} (stored as queued) in the background and returns at once. */
    void start(MetricsRecompute recompute) {
        Thread thread = Thread.ofVirtual().name("metrics-recompute-" + recompute.id()).unstarted(() -> {
            try {
                execute(recompute);
            } finally {
                running.remove(recompute.id());
            }
        });
        running.put(recompute.id(), thread);
        thread.start();
    }

    private void execute(MetricsRecompute queued) {
        MetricsRecompute current = queued.running(0, Instant.now());
        try {
            store.save(current);
            OrgTimeZone zone = new OrgTimeZone(queued.timeZone());
            if (metrics.zoneChanged(queued.orgId(), zone)) {
                metrics.recomputeEveryDay(queued.orgId(), zone);
            } else {
                metrics.rebuildFacts(queued.orgId(), zone);
                for (LocalDate day = queued.from(); !day.isAfter(queued.to()); day = day.plusDays(chunkDays)) {
                    LocalDate last = day.plusDays(chunkDays - 1L);
                    last = last.isAfter(queued.to()) ? queued.to() : last;
                    if (Thread.currentThread().isInterrupted()) {
                        throw new MetricsException("sync-service shut down before the recomputation finished", null);
                    }
                    metrics.recomputeDays(queued.orgId(), day, last, zone);
                    current = current.running(current.daysDone() + (int) (last.toEpochDay() - day.toEpochDay() + 1),
                            Instant.now());
                    store.save(current);
                }
            }
            store.save(current.succeeded(Instant.now()));
        } catch (MetricsException e) {
            LOG.warnf("metrics recomputation %s of organization %s failed: %s", queued.id(), queued.orgId(),
                    e.getMessage());
            saveFailure(current, e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "metrics recomputation %s of organization %s failed", queued.id(), queued.orgId());
            saveFailure(current, "internal error");
        }
    }

    private void saveFailure(MetricsRecompute current, String reason) {
        try {
            store.save(current.failed(reason, Instant.now()));
        } catch (MetricsException e) {
            LOG.warnf("could not record the failure of metrics recomputation %s: %s", current.id(), e.getMessage());
        }
    }

    /** Interrupts this replica's recomputations: each records itself failed at its next step. */
    void onShutdown(@Observes ShutdownEvent event) {
        running.values().forEach(Thread::interrupt);
    }
}
