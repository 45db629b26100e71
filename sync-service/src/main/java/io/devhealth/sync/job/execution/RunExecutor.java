package io.devhealth.sync.job.execution;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.completion.RunCompletion;
import io.devhealth.sync.job.completion.RunEnding;
import io.devhealth.sync.job.completion.RunHeartbeat;
import io.devhealth.sync.job.completion.RunOutcome;
import io.devhealth.sync.job.config.SyncJobConfig;
import io.devhealth.sync.metrics.MetricsException;
import io.devhealth.sync.metrics.RunAttribution;
import io.devhealth.sync.provider.ProviderRegistry;
import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncFollowUp;
import io.devhealth.sync.provider.SyncOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Executes claimed sync runs: one virtual thread per run, at most {@code devhealth.sync.max-concurrent-runs}
 * providers working at once (others wait in phase {@code queued}, their lease renewed meanwhile), and the
 * registry of this instance's runs that lease loss and shutdown abort. The provider comes from
 * {@link ProviderRegistry}; after it succeeds, every {@link SyncFollowUp} runs inside the run (incidents linked to
 * deployments), then {@link RunAttribution} computes people and team metrics and reports the identities seen (a
 * failure of either fails the run); the heartbeat and the completion are {@link RunCompletion}'s.
 *
 * <ul>
 * <li>{@link SyncFailedException} → the run fails with its message;</li>
 * <li>any other throwable → it fails with {@code "internal error: <class>: <message>"}, logged with its stack trace
 * here, never shown to users;</li>
 * <li>lease lost → the provider is interrupted and the run abandoned;</li>
 * <li>shutdown → the provider is interrupted and the run completed as failed, best effort within
 * {@code devhealth.sync.shutdown-grace}; if that fails the lease expires and identity fails the run.</li>
 * </ul>
 *
 * <p>Each run is one OpenTelemetry span ({@code sync run}, a child of the request that started a manual run), current on
 * the run's thread and its ClickHouse writers: every statement the run sends carries its trace id in the query id.
 */
@ApplicationScoped
public class RunExecutor {

    private static final Logger LOG = Logger.getLogger(RunExecutor.class);
    static final String PHASE_QUEUED = "queued";
    static final String PHASE_STARTING = "starting";
    /** After the provider: people and team metrics, observed identities ({@link RunAttribution}). */
    static final String PHASE_ATTRIBUTION = "attribution";

    private final ProviderRegistry providers;
    private final Instance<SyncFollowUp> followUps;
    private final RunCompletion completion;
    private final RunAttribution attribution;
    private final SyncJobConfig config;
    private final Semaphore slots;
    private final Map<UUID, Execution> executions = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Tracer tracer;

    @Inject
    public RunExecutor(ProviderRegistry providers, Instance<SyncFollowUp> followUps, RunCompletion completion,
            RunAttribution attribution, SyncJobConfig config, MeterRegistry meters, Tracer tracer) {
        this.providers = providers;
        this.followUps = followUps;
        this.completion = completion;
        this.attribution = attribution;
        this.config = config;
        this.slots = new Semaphore(config.maxConcurrentRuns(), true);
        this.meters = meters;
        this.tracer = tracer;
        Gauge.builder("devhealth.sync.runs.active", executions, Map::size)
                .description("Sync runs executing or queued in this instance").register(meters);
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
     * Executes {@code run} (claimed by this instance for {@code configuration}) on a new virtual thread and returns
     * at once. The run counts against {@link #freeSlots()} from this call on.
     */
    public void start(SyncConfiguration configuration, SyncRun run) {
        Execution[] registered = new Execution[1];
        Context caller = Context.current();
        Thread runner = Thread.ofVirtual().name("sync-run-" + run.id()).unstarted(() -> {
            Span span = tracer.spanBuilder("sync run").setParent(caller).setSpanKind(SpanKind.INTERNAL)
                    .setAttribute("devhealth.sync.run.id", run.id().toString())
                    .setAttribute("devhealth.sync.provider", configuration.provider())
                    .setAttribute("devhealth.org.id", String.valueOf(configuration.orgId())).startSpan();
            try (Scope current = span.makeCurrent()) {
                RunOutcome outcome = executeRegistered(configuration, run, null, registered[0]);
                span.setAttribute("devhealth.sync.result", outcome.result().name().toLowerCase(Locale.ROOT));
            } catch (RuntimeException | Error e) {
                span.setStatus(StatusCode.ERROR, e.getClass().getName());
                LOG.errorf(e, "sync run %s could not be executed", run.id());
            } finally {
                span.end();
            }
        });
        registered[0] = register(run, runner);
        runner.start();
    }

    /**
     * Executes {@code run} on the calling thread (a worker or virtual thread) with an explicit provider instead of
     * the registry's; returns when the run has been completed or abandoned. For tests of the run lifecycle.
     */
    public RunOutcome execute(SyncConfiguration configuration, SyncRun run, ProviderSync provider) {
        Execution execution = register(run, Thread.currentThread());
        return executeRegistered(configuration, run, provider, execution);
    }

    private Execution register(SyncRun run, Thread runner) {
        Execution execution = new Execution(runner);
        if (executions.putIfAbsent(run.id(), execution) != null) {
            throw new IllegalStateException("sync run " + run.id() + " is already executing in this instance");
        }
        return execution;
    }

    private RunOutcome executeRegistered(SyncConfiguration configuration, SyncRun run, ProviderSync provider,
            Execution execution) {
        try {
            return executeAndComplete(configuration, run, provider, execution);
        } finally {
            executions.remove(run.id());
            execution.done.complete(null);
        }
    }

    private RunOutcome executeAndComplete(SyncConfiguration configuration, SyncRun run, ProviderSync provider,
            Execution execution) {
        long started = System.nanoTime();
        RunOutcome outcome = null;
        RunEnding[] ended = new RunEnding[1];
        try {
            outcome = executeAndComplete(configuration, run, provider, execution, ended);
            return outcome;
        } finally {
            record(configuration.provider(), outcome, ended[0], System.nanoTime() - started);
        }
    }

    /**
     * Prometheus: {@code devhealth_sync_runs_seconds{provider,result}} (duration and count of runs by how they ended),
     * {@code devhealth_sync_items_total{provider}} (items a run processed), {@code
     * devhealth_sync_rate_limit_waits_total} / {@code devhealth_sync_rate_limit_wait_seconds_total{provider}}
     * (pauses for a provider's rate limit, from the run's counts).
     */
    private void record(String providerName, RunOutcome outcome, RunEnding ending, long nanos) {
        String result = outcome == null ? "error" : outcome.result().name().toLowerCase(Locale.ROOT);
        Timer.builder("devhealth.sync.runs").description("Sync runs by provider and how they ended")
                .tags("provider", providerName, "result", result).register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (outcome != null && outcome.run() != null) {
            meters.counter("devhealth.sync.items", "provider", providerName).increment(outcome.run().itemsProcessed());
        }
        Map<String, Long> counts = ending == null || ending.outcome() == null ? Map.of() : ending.outcome().counts();
        meters.counter("devhealth.sync.rate.limit.waits", "provider", providerName)
                .increment(counts.getOrDefault("rateLimitWaits", 0L));
        meters.counter("devhealth.sync.rate.limit.wait.seconds", "provider", providerName)
                .increment(counts.getOrDefault("rateLimitWaitSeconds", 0L));
    }

    private RunOutcome executeAndComplete(SyncConfiguration configuration, SyncRun run, ProviderSync provider,
            Execution execution, RunEnding[] ended) {
        RunEnding ending;
        long itemsProcessed;
        try (RunHeartbeat heartbeat = completion.startHeartbeat(run.id(), () -> execution.abort(Abort.LEASE_LOST))) {
            ending = runProvider(configuration, run, provider, heartbeat);
            // From here on nothing interrupts this thread, and a pending interrupt aimed at the provider is
            // cleared: completion must not be cut short.
            execution.finishing();
            Thread.interrupted();
            itemsProcessed = heartbeat.latest().itemsProcessed();
        }
        Abort abort = execution.abort;
        ended[0] = ending;
        if (abort == Abort.LEASE_LOST) {
            return completion.abandon(configuration, run, ending);
        }
        if (abort == Abort.SHUTDOWN && !ending.succeeded()) {
            ending = RunEnding.failed("sync-service instance " + completion.holder()
                    + " shut down before the run finished");
        }
        ended[0] = ending;
        return completion.complete(configuration, run, ending, itemsProcessed);
    }

    private RunEnding runProvider(SyncConfiguration configuration, SyncRun run, ProviderSync explicit,
            RunHeartbeat heartbeat) {
        boolean acquired = false;
        try {
            if (!slots.tryAcquire()) {
                heartbeat.progress(PHASE_QUEUED, 0, null);
                slots.acquire();
            }
            acquired = true;
            heartbeat.progress(PHASE_STARTING, 0, null);
            ProviderSync provider = explicit != null ? explicit : providers.require(configuration.provider());
            LOG.infof("sync run %s (%s, provider %s, trigger %s) started", run.id(), configuration.name(),
                    configuration.provider(), run.trigger());
            SyncContext context = context(configuration, run, heartbeat);
            SyncOutcome outcome = provider.run(context);
            if (outcome == null) {
                throw new IllegalStateException("provider " + provider.provider() + " returned no outcome");
            }
            for (SyncFollowUp followUp : followUps) {
                followUp.afterSync(configuration.provider(), context);
            }
            heartbeat.progress(PHASE_ATTRIBUTION, heartbeat.latest().itemsProcessed(), heartbeat.latest().itemsTotal());
            outcome = attribution.afterRun(context, configuration.provider(), outcome);
            for (String warning : outcome.warnings()) {
                LOG.warnf("sync run %s (%s): %s", run.id(), configuration.name(), warning);
            }
            return RunEnding.succeeded(outcome);
        } catch (MetricsException e) {
            return RunEnding.failed(e.getMessage());
        } catch (SyncFailedException e) {
            return RunEnding.failed(e.getMessage() == null || e.getMessage().isBlank() ? "sync failed" : e.getMessage());
        } catch (InterruptedException e) {
            return RunEnding.failed("sync run interrupted");
        } catch (Throwable e) {
            LOG.errorf(e, "sync run %s (%s) failed with an unexpected exception", run.id(), configuration.name());
            return RunEnding.failed(RunEnding.internalError(e));
        } finally {
            if (acquired) {
                slots.release();
            }
        }
    }

    private static SyncContext context(SyncConfiguration configuration, SyncRun run, RunHeartbeat heartbeat) {
        Instant startedAt = run.startedAt() != null ? run.startedAt() : Instant.now();
        return new SyncContext(configuration.orgId(), configuration.id(), configuration.name(),
                configuration.options(), configuration.orgSettings(), configuration.cursor(),
                startedAt.toEpochMilli(), heartbeat, heartbeat, run.id(), configuration.credentialId(),
                configuration.backfillDays());
    }

    /**
     * On shutdown, interrupts every run of this instance and waits up to {@code devhealth.sync.shutdown-grace}
     * for them to record their failure in identity (the REST client is still alive while this observer runs).
     */
    public void onShutdown(@Observes ShutdownEvent event) {
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
}
