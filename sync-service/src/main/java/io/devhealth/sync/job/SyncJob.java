package io.devhealth.sync.job;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.identity.CompleteRequest;
import io.devhealth.sync.identity.IdentityClient;
import io.devhealth.sync.identity.LeaseLostException;
import io.devhealth.sync.identity.SyncConfiguration;
import io.devhealth.sync.identity.SyncRun;
import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Executes one claimed sync run: picks the {@link ProviderSync} bean for the configuration's provider, keeps
 * the lease alive and the progress current with a {@link RunHeartbeat}, and completes the run in identity.
 *
 * <ul>
 * <li>success → {@code complete(succeeded, counts, cursor)} (identity stores the cursor);</li>
 * <li>{@link SyncFailedException} → {@code complete(failed, error = its message)};</li>
 * <li>any other throwable → {@code complete(failed, "internal error: <class>: <message>")}, logged with its
 * stack trace here, never shown to users;</li>
 * <li>lease lost (a heartbeat or the completion answered 409) → the provider is interrupted and the run is
 * not completed: it belongs to whoever took it over;</li>
 * <li>shutdown → the provider is interrupted and the run completed as failed, best effort within
 * {@code devhealth.sync.shutdown-grace}; if that fails the lease expires and identity fails the run.</li>
 * </ul>
 * At most {@code devhealth.sync.max-concurrent-runs} runs execute at once; others wait in phase
 * {@code queued}, their lease renewed meanwhile.
 */
@ApplicationScoped
public class SyncJob {

    private static final Logger LOG = Logger.getLogger(SyncJob.class);
    /** identity's {@code sync_runs.error} allows 4,000 characters. */
    static final int MAX_ERROR_LENGTH = 4000;
    static final String PHASE_QUEUED = "queued";
    static final String PHASE_STARTING = "starting";

    private final IdentityClient identity;
    private final SyncJobConfig config;
    private final HolderId holder;
    private final Map<String, ProviderSync> providers;
    private final Semaphore slots;
    private final Map<UUID, Execution> executions = new ConcurrentHashMap<>();

    @Inject
    public SyncJob(IdentityClient identity, SyncJobConfig config, HolderId holder, @Any Instance<ProviderSync> providers) {
        this.identity = identity;
        this.config = config;
        this.holder = holder;
        Map<String, ProviderSync> byName = new HashMap<>();
        for (ProviderSync provider : providers) {
            ProviderSync previous = byName.putIfAbsent(provider.provider(), provider);
            if (previous != null) {
                throw new IllegalStateException("two ProviderSync beans for provider " + provider.provider() + ": "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        this.providers = Map.copyOf(byName);
        this.slots = new Semaphore(config.maxConcurrentRuns(), true);
    }

    /** How a run ended, from this instance's point of view. */
    public enum Result {
        /** Completed as succeeded in identity. */
        SUCCEEDED,
        /** Completed as failed in identity (the error says why). */
        FAILED,
        /** The lease was lost: the run was abandoned without completing it. */
        LEASE_LOST,
        /** The completion call itself failed; identity fails the run when its lease expires. */
        NOT_COMPLETED
    }

    /**
     * @param run   the run as identity returned it from the completion (or the claim, when not completed)
     * @param error the failure reason recorded (or that would have been), {@code null} on success
     */
    public record Outcome(Result result, SyncRun run, String error) {
    }

    /** The providers this instance can sync, by key. */
    public Collection<String> providers() {
        return providers.keySet();
    }

    /** This instance's lease-holder id (runs must be claimed with it). */
    public String holder() {
        return holder.value();
    }

    /** Lease length claims should ask for. */
    public int leaseSeconds() {
        return config.leaseSeconds();
    }

    /** Runs executing or queued in this instance. */
    public int activeRuns() {
        return executions.size();
    }

    /** Slots left before runs queue: the scheduler claims no more than this. */
    public int freeSlots() {
        return Math.max(0, config.maxConcurrentRuns() - executions.size());
    }

    /**
     * Executes {@code run} (claimed by this instance for {@code configuration}) on the calling thread, which
     * must be a worker or virtual thread; returns when the run has been completed or abandoned.
     */
    public Outcome execute(SyncConfiguration configuration, SyncRun run) {
        return execute(configuration, run, providers.get(configuration.provider()));
    }

    /** As {@link #execute(SyncConfiguration, SyncRun)} with an explicit provider ({@code null}: unsupported). */
    Outcome execute(SyncConfiguration configuration, SyncRun run, ProviderSync provider) {
        Execution execution = register(run, Thread.currentThread());
        return executeRegistered(configuration, run, provider, execution);
    }

    /**
     * Executes {@code run} on a new virtual thread and returns at once. The run counts against
     * {@link #freeSlots()} from this call on.
     */
    public void start(SyncConfiguration configuration, SyncRun run) {
        ProviderSync provider = providers.get(configuration.provider());
        Execution[] registered = new Execution[1];
        Thread runner = Thread.ofVirtual().name("sync-run-" + run.id()).unstarted(() -> {
            try {
                executeRegistered(configuration, run, provider, registered[0]);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "sync run %s could not be executed", run.id());
            }
        });
        registered[0] = register(run, runner);
        runner.start();
    }

    private Execution register(SyncRun run, Thread runner) {
        Execution execution = new Execution(runner);
        if (executions.putIfAbsent(run.id(), execution) != null) {
            throw new IllegalStateException("sync run " + run.id() + " is already executing in this instance");
        }
        return execution;
    }

    private Outcome executeRegistered(SyncConfiguration configuration, SyncRun run, ProviderSync provider,
            Execution execution) {
        try {
            return executeAndComplete(configuration, run, provider, execution);
        } finally {
            executions.remove(run.id());
            execution.done.complete(null);
        }
    }

    private Outcome executeAndComplete(SyncConfiguration configuration, SyncRun run, ProviderSync provider,
            Execution execution) {
        Ending ending;
        try (RunHeartbeat heartbeat = RunHeartbeat.start(identity, run.id(), holder.value(), config.leaseSeconds(),
                config.heartbeatInterval(), config.progressInterval(), () -> execution.abort(Abort.LEASE_LOST))) {
            execution.heartbeat = heartbeat;
            ending = runProvider(configuration, run, provider, heartbeat);
            // From here on nothing interrupts this thread, and a pending interrupt aimed at the provider is
            // cleared: completion must not be cut short.
            execution.finishing();
            Thread.interrupted();
        }
        long itemsProcessed = execution.heartbeat.latest().itemsProcessed();

        Abort abort = execution.abort;
        if (abort == Abort.LEASE_LOST) {
            LOG.warnf("sync run %s (%s): lease lost, run abandoned without completing it", run.id(), configuration.name());
            return new Outcome(Result.LEASE_LOST, run, ending.error());
        }
        if (abort == Abort.SHUTDOWN && ending.outcome() == null) {
            ending = Ending.failed("sync-service instance " + holder.value() + " shut down before the run finished");
        }

        CompleteRequest completion = ending.outcome() != null
                ? CompleteRequest.succeeded(holder.value(), itemsProcessed, ending.outcome().counts(), ending.outcome().cursor())
                : CompleteRequest.failed(holder.value(), itemsProcessed, ending.error());
        try {
            SyncRun completed = identity.complete(run.id(), completion);
            if (ending.outcome() != null) {
                LOG.infof("sync run %s (%s) succeeded: %s", run.id(), configuration.name(), ending.outcome().counts());
                return new Outcome(Result.SUCCEEDED, completed, null);
            }
            LOG.infof("sync run %s (%s) failed: %s", run.id(), configuration.name(), ending.error());
            return new Outcome(Result.FAILED, completed, ending.error());
        } catch (LeaseLostException e) {
            LOG.warnf("sync run %s (%s): lease lost before completion; the outcome was not recorded", run.id(),
                    configuration.name());
            return new Outcome(Result.LEASE_LOST, run, ending.error());
        } catch (RuntimeException e) {
            LOG.errorf(e, "sync run %s (%s): could not record its end in identity-service; identity fails it when "
                    + "its lease expires", run.id(), configuration.name());
            return new Outcome(Result.NOT_COMPLETED, run, ending.error());
        }
    }

    private Ending runProvider(SyncConfiguration configuration, SyncRun run, ProviderSync provider,
            RunHeartbeat heartbeat) {
        boolean acquired = false;
        try {
            if (!slots.tryAcquire()) {
                heartbeat.progress(PHASE_QUEUED, 0, null);
                slots.acquire();
            }
            acquired = true;
            heartbeat.progress(PHASE_STARTING, 0, null);
            if (provider == null) {
                return Ending.failed("provider " + configuration.provider() + " is not supported");
            }
            Instant startedAt = run.startedAt() != null ? run.startedAt() : Instant.now();
            SyncContext context = new SyncContext(configuration.orgId(), configuration.id(), configuration.name(),
                    configuration.options(), configuration.orgSettings(), configuration.cursor(),
                    startedAt.toEpochMilli(), heartbeat, run.id(), configuration.credentialId(),
                    configuration.backfillDays());
            LOG.infof("sync run %s (%s, provider %s, trigger %s) started", run.id(), configuration.name(),
                    configuration.provider(), run.trigger());
            SyncOutcome outcome = provider.run(context);
            if (outcome == null) {
                throw new IllegalStateException("provider " + provider.provider() + " returned no outcome");
            }
            for (String warning : outcome.warnings()) {
                LOG.warnf("sync run %s (%s): %s", run.id(), configuration.name(), warning);
            }
            return Ending.succeeded(outcome);
        } catch (SyncFailedException e) {
            return Ending.failed(e.getMessage() == null || e.getMessage().isBlank() ? "sync failed" : e.getMessage());
        } catch (InterruptedException e) {
            return Ending.failed("sync run interrupted");
        } catch (Throwable e) {
            LOG.errorf(e, "sync run %s (%s) failed with an unexpected exception", run.id(), configuration.name());
            return Ending.failed(internalError(e));
        } finally {
            if (acquired) {
                slots.release();
            }
        }
    }

    /** {@code internal error: <class>: <message>}, within identity's 4,000 characters. */
    static String internalError(Throwable e) {
        return truncate("internal error: " + e.getClass().getName() + ": " + e.getMessage());
    }

    static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    /**
     * On shutdown, interrupts every run of this instance and waits up to {@code devhealth.sync.shutdown-grace}
     * for them to record their failure in identity (the REST client is still alive while this observer runs).
     */
    void onShutdown(@Observes ShutdownEvent event) {
        List<Execution> running = List.copyOf(executions.values());
        if (running.isEmpty()) {
            return;
        }
        LOG.infof("shutting down: interrupting %d sync run(s)", running.size());
        running.forEach(execution -> execution.abort(Abort.SHUTDOWN));
        try {
            CompletableFuture.allOf(running.stream().map(execution -> execution.done).toArray(CompletableFuture[]::new))
                    .get(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("shutting down: %d sync run(s) did not finish within %s; identity fails them when their lease expires",
                    executions.size(), config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // done futures never complete exceptionally
        }
    }

    private enum Abort {
        LEASE_LOST,
        SHUTDOWN
    }

    private static final class Execution {
        final Thread runner;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile Abort abort;
        volatile RunHeartbeat heartbeat;
        private boolean finishing;

        Execution(Thread runner) {
            this.runner = runner;
        }

        /**
         * First reason wins: a run aborted for lease loss stays abandoned even if shutdown follows. The runner
         * is interrupted only while the provider works, never during completion.
         */
        synchronized void abort(Abort reason) {
            if (abort == null) {
                abort = reason;
                if (!finishing) {
                    runner.interrupt();
                }
            }
        }

        synchronized void finishing() {
            finishing = true;
        }
    }

    /** Either the provider's outcome (success) or a failure reason. */
    private record Ending(SyncOutcome outcome, String error) {
        static Ending succeeded(SyncOutcome outcome) {
            return new Ending(outcome, null);
        }

        static Ending failed(String error) {
            return new Ending(null, truncate(error));
        }
    }
}
