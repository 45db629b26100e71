package io.devhealth.sync.job.completion;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.client.CompleteRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.LeaseLostException;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.config.SyncJobConfig;

/**
 * The lease protocol of a run with identity-service, after the claim: heartbeats while it executes
 * ({@link RunHeartbeat}) and the one completion at its end.
 *
 * <ul>
 * <li>success → {@code complete(succeeded, counts, cursor)} (identity stores the cursor);</li>
 * <li>failure → {@code complete(failed, error)}; a failed run never moves the cursor;</li>
 * <li>lease lost (a heartbeat or the completion answered 409) → the run is not completed: it belongs to whoever
 * took it over;</li>
 * <li>the completion call fails → the run stays running in identity until its lease expires, then identity fails
 * it.</li>
 * </ul>
 */
@ApplicationScoped
public class RunCompletion {

    private static final Logger LOG = Logger.getLogger(RunCompletion.class);

    private final IdentityClient identity;
    private final SyncJobConfig config;
    private final HolderId holder;

    @Inject
    public RunCompletion(IdentityClient identity, SyncJobConfig config, HolderId holder) {
        this.identity = identity;
        this.config = config;
        this.holder = holder;
    }

    /** This instance's lease-holder id (runs must be claimed with it). */
    public String holder() {
        return holder.value();
    }

    /** Lease length claims ask for. */
    public int leaseSeconds() {
        return config.leaseSeconds();
    }

    /**
     * Starts the heartbeat of a run this instance just claimed.
     *
     * @param onLeaseLost called once, from the heartbeat thread, when identity answers that the lease is lost
     */
    public RunHeartbeat startHeartbeat(UUID runId, Runnable onLeaseLost) {
        return RunHeartbeat.start(identity, runId, holder.value(), config.leaseSeconds(), config.heartbeatInterval(),
                config.progressInterval(), onLeaseLost);
    }

    /** A run abandoned because its lease was lost: nothing is recorded in identity. */
    public RunOutcome abandon(SyncConfiguration configuration, SyncRun run, RunEnding ending) {
        LOG.warnf("sync run %s (%s): lease lost, run abandoned without completing it", run.id(), configuration.name());
        return new RunOutcome(RunOutcome.Result.LEASE_LOST, run, ending.error());
    }

    /** Records {@code ending} in identity (and with it, on success, the cursor). */
    public RunOutcome complete(SyncConfiguration configuration, SyncRun run, RunEnding ending, long itemsProcessed) {
        CompleteRequest completion = ending.succeeded()
                ? CompleteRequest.succeeded(holder.value(), itemsProcessed, ending.outcome().counts(),
                        ending.outcome().cursor())
                : CompleteRequest.failed(holder.value(), itemsProcessed, ending.error());
        try {
            SyncRun completed = identity.complete(run.id(), completion);
            if (ending.succeeded()) {
                LOG.infof("sync run %s (%s) succeeded: %s", run.id(), configuration.name(), ending.outcome().counts());
                return new RunOutcome(RunOutcome.Result.SUCCEEDED, completed, null);
            }
            LOG.infof("sync run %s (%s) failed: %s", run.id(), configuration.name(), ending.error());
            return new RunOutcome(RunOutcome.Result.FAILED, completed, ending.error());
        } catch (LeaseLostException e) {
            LOG.warnf("sync run %s (%s): lease lost before completion; the outcome was not recorded", run.id(),
                    configuration.name());
            return new RunOutcome(RunOutcome.Result.LEASE_LOST, run, ending.error());
        } catch (RuntimeException e) {
            LOG.errorf(e, "sync run %s (%s): could not record its end in identity-service; identity fails it when "
                    + "its lease expires", run.id(), configuration.name());
            return new RunOutcome(RunOutcome.Result.NOT_COMPLETED, run, ending.error());
        }
    }
}
