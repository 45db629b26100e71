package io.devhealth.sync.job.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.job.service.RunLauncher;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Polls identity-service for sync configurations whose schedule is due, every
 * {@code devhealth.sync.poll-interval} (first poll after {@code devhealth.sync.poll-delay}; {@code off}
 * disables it, as tests do — they call {@link RunLauncher#startDue()} directly). Every replica polls; the
 * leases in identity make sure each due configuration runs once.
 */
@ApplicationScoped
class SyncScheduler {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

    private final RunLauncher runs;

    @Inject
    SyncScheduler(RunLauncher runs) {
        this.runs = runs;
    }

    @Scheduled(identity = "sync-due-configurations", every = "{devhealth.sync.poll-interval}",
            delayed = "{devhealth.sync.poll-delay}", concurrentExecution = ConcurrentExecution.SKIP)
    void startDue() {
        try {
            int started = runs.startDue().size();
            if (started > 0) {
                LOG.infof("scheduler: started %d sync run(s)", started);
            }
        } catch (RuntimeException e) {
            // identity unavailable: the next poll tries again; no stack trace every 30 s.
            LOG.warnf("scheduler: could not list due sync configurations: %s", e.toString());
        }
    }
}
