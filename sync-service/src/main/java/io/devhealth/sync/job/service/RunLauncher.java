package io.devhealth.sync.job.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.client.ClaimRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.RunAlreadyRunningException;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.completion.RunCompletion;
import io.devhealth.sync.job.execution.RunExecutor;

/**
 * Starts sync runs: claims a run (its lease) in identity-service, then hands it to {@link RunExecutor}. The
 * lease, not this class, is what keeps two replicas from running the same configuration: identity grants a claim
 * only when no run of the configuration holds a live lease.
 */
@ApplicationScoped
public class RunLauncher {

    private static final Logger LOG = Logger.getLogger(RunLauncher.class);

    private final IdentityClient identity;
    private final RunExecutor executor;
    private final RunCompletion completion;

    @Inject
    public RunLauncher(IdentityClient identity, RunExecutor executor, RunCompletion completion) {
        this.identity = identity;
        this.executor = executor;
        this.completion = completion;
    }

    /**
     * Claims a manual run of {@code configuration} for {@code requestedBy} and starts it in the background.
     *
     * @return the run as claimed (status running, phase starting)
     * @throws RunAlreadyRunningException when a run of the configuration is already running
     */
    public SyncRun startManual(SyncConfiguration configuration, UUID requestedBy) {
        SyncRun run = claim(configuration, ClaimRequest.MANUAL, requestedBy);
        executor.start(configuration, run);
        return run;
    }

    /**
     * One scheduler poll: asks identity for the due configurations and claims and starts as many as this
     * instance has free slots for. A configuration another replica claimed first (409) is skipped quietly.
     *
     * @return the runs started
     */
    public List<SyncRun> startDue() {
        if (executor.freeSlots() == 0) {
            LOG.debug("scheduler: no free sync slot, not polling");
            return List.of();
        }
        List<SyncConfiguration> due = identity.dueConfigurations();
        List<SyncRun> started = new ArrayList<>();
        for (SyncConfiguration configuration : due) {
            if (executor.freeSlots() == 0) {
                LOG.debugf("scheduler: %d due configuration(s) left for the next poll or another replica",
                        due.size() - started.size());
                break;
            }
            try {
                SyncRun run = claim(configuration, ClaimRequest.SCHEDULE, null);
                executor.start(configuration, run);
                started.add(run);
            } catch (RunAlreadyRunningException e) {
                LOG.debugf("scheduler: sync configuration %s is already running elsewhere", configuration.id());
            } catch (RuntimeException e) {
                LOG.warnf("scheduler: could not start a run of sync configuration %s (%s): %s", configuration.id(),
                        configuration.name(), e.toString());
            }
        }
        return started;
    }

    private SyncRun claim(SyncConfiguration configuration, String trigger, UUID requestedBy) {
        return identity.claim(new ClaimRequest(configuration.id(), trigger, requestedBy, completion.holder(),
                completion.leaseSeconds()));
    }
}
