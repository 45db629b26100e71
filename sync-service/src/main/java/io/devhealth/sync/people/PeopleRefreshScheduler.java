package io.devhealth.sync.people;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/**
 * Refreshes ClickHouse's people and teams every {@code devhealth.people.refresh-interval} (10 s: a mapping change
 * reaches metrics within a minute; a refresh with nothing to do is one request to identity). Every replica
 * refreshes; the writes are idempotent, so no lease is needed.
 */
@ApplicationScoped
class PeopleRefreshScheduler {

    private static final Logger LOG = Logger.getLogger(PeopleRefreshScheduler.class);

    private final PeopleRefresh refresh;

    PeopleRefreshScheduler(PeopleRefresh refresh) {
        this.refresh = refresh;
    }

    @Scheduled(identity = "people-refresh", every = "{devhealth.people.refresh-interval}",
            delayed = "{devhealth.sync.poll-delay}", concurrentExecution = ConcurrentExecution.SKIP)
    void refresh() {
        try {
            PeopleRefresh.Summary summary = refresh.refreshAll();
            if (summary.organizations() > 0) {
                LOG.infof("people refresh: %d organization(s), %d row(s) written, %d failed",
                        summary.organizations(), summary.rows(), summary.failed());
            }
        } catch (RuntimeException e) {
            // identity or ClickHouse unavailable: the next refresh tries again; no stack trace every 10 s.
            LOG.warnf("people refresh failed: %s", e.toString());
        }
    }
}
