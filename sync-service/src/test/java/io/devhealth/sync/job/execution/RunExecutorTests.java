package io.devhealth.sync.job.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.client.ClaimRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.client.RunAlreadyRunningException;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.GitFixture;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.sync.job.Polling;
import io.devhealth.sync.job.completion.RunCompletion;
import io.devhealth.sync.job.completion.RunOutcome;
import io.devhealth.sync.job.rest.SyncRunResourceTests;
import io.devhealth.sync.job.service.RunLauncher;
import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The run lifecycle against the real identity-service: leases lost to another instance, shutdown, unexpected
 * provider failures, and the scheduler's poll (called directly; the timer is off in tests). Runs that must stay
 * in a given state for a while use a provider that blocks until interrupted — the lease, heartbeat and
 * completion paths around it are the real ones.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class RunExecutorTests {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Inject
    RunExecutor job;
    @Inject
    RunCompletion completion;
    @Inject
    RunLauncher runs;
    @Inject
    IdentityClient identityClient;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    final IdentityFixture identity = new IdentityFixture();
    String admin;
    ExecutorService threads;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        admin = identity.adminToken();
        threads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    @Test
    void leaseLostToAnotherInstanceInterruptsTheProviderAndLeavesTheRunToIt() throws Exception {
        Org org = identity.createOrg(admin, "lease");
        SyncConfiguration configuration = configuration(org);
        SyncRun run = claim(configuration);
        BlockingProvider provider = new BlockingProvider();
        Future<RunOutcome> outcome = threads.submit(() -> job.execute(configuration, run, provider));
        assertThat(provider.started.await(30, TimeUnit.SECONDS)).as("provider started").isTrue();

        // The lease expires (as if this instance had stalled) and another instance claims the configuration.
        UUID takeover = takeOver(configuration, run, "other-instance");

        RunOutcome result = outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(RunOutcome.Result.LEASE_LOST);
        assertThat(provider.interrupted).as("provider interrupted").isTrue();
        Map<String, Object> abandoned = identity.run(org, run.id());
        assertThat(abandoned.get("status")).isEqualTo("failed");
        assertThat((String) abandoned.get("error")).contains("lease expired").contains(completion.holder());
        Map<String, Object> current = identity.run(org, takeover);
        assertThat(current.get("status")).as("not completed by the instance that lost it").isEqualTo("running");
        assertThat(current.get("leaseHolder")).isEqualTo("other-instance");
        identity.complete(takeover, "other-instance", "failed", "test finished").require(200);
    }

    @Test
    void progressReachesIdentityWhileTheRunIsRunning() throws Exception {
        Org org = identity.createOrg(admin, "progress");
        SyncConfiguration configuration = configuration(org);
        SyncRun run = claim(configuration);
        BlockingProvider provider = new BlockingProvider();
        Future<RunOutcome> outcome = threads.submit(() -> job.execute(configuration, run, provider));
        assertThat(provider.started.await(30, TimeUnit.SECONDS)).isTrue();

        // The provider reported ("extracting", 7, 10); the heartbeat carries it to identity within a second or two.
        Map<String, Object> seen = awaitRun(org, run.id(), r -> "extracting".equals(r.get("phase")));
        assertThat(((Number) seen.get("itemsProcessed")).longValue()).isEqualTo(7);
        assertThat(((Number) seen.get("itemsTotal")).longValue()).isEqualTo(10);
        assertThat(seen.get("heartbeatAt")).isNotNull();
        // The API shows the same live progress.
        JsonPath api = given().auth().oauth2(admin)
                .when().get("/api/v1/sync/orgs/{org}/runs/{runId}", org.slug(), run.id())
                .then().statusCode(200).extract().jsonPath();
        assertThat(api.getString("status")).isEqualTo("running");
        assertThat(api.getString("phase")).isEqualTo("extracting");
        assertThat(api.getLong("itemsProcessed")).isEqualTo(7);

        // Shutdown interrupts the run and records why it failed.
        job.onShutdown(null);
        RunOutcome result = outcome.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(RunOutcome.Result.FAILED);
        assertThat(provider.interrupted).isTrue();
        Map<String, Object> ended = identity.run(org, run.id());
        assertThat(ended.get("status")).isEqualTo("failed");
        assertThat((String) ended.get("error")).isEqualTo("sync-service instance " + completion.holder()
                + " shut down before the run finished");
    }

    @Test
    void runsBeyondTheConcurrencyLimitWaitQueuedThenRun() throws Exception {
        Org org = identity.createOrg(admin, "queue");
        SyncConfiguration first = configuration(org);
        SyncConfiguration second = configuration(org);
        SyncConfiguration third = configuration(org);
        BlockingProvider a = new BlockingProvider();
        BlockingProvider b = new BlockingProvider();
        BlockingProvider c = new BlockingProvider();
        SyncRun runA = claim(first);
        SyncRun runB = claim(second);
        SyncRun runC = claim(third);
        Future<RunOutcome> doneA = threads.submit(() -> job.execute(first, runA, a));
        Future<RunOutcome> doneB = threads.submit(() -> job.execute(second, runB, b));
        assertThat(a.started.await(30, TimeUnit.SECONDS) && b.started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(job.freeSlots()).as("devhealth.sync.max-concurrent-runs = 2").isZero();

        Future<RunOutcome> doneC = threads.submit(() -> job.execute(third, runC, c));
        Map<String, Object> queued = awaitRun(org, runC.id(), r -> "queued".equals(r.get("phase")));
        assertThat(queued.get("status")).isEqualTo("running");
        assertThat(c.started.getCount()).as("third run waits for a slot").isEqualTo(1);

        a.release.countDown();
        assertThat(doneA.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(c.started.await(30, TimeUnit.SECONDS)).as("third run starts in the freed slot").isTrue();
        b.release.countDown();
        c.release.countDown();
        assertThat(doneB.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(doneC.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(identity.run(org, runC.id())).containsEntry("status", "succeeded");
        assertThat(job.freeSlots()).isEqualTo(2);
    }

    @Test
    void unexpectedProviderExceptionFailsTheRunAsAnInternalError() {
        Org org = identity.createOrg(admin, "internal");
        SyncConfiguration configuration = configuration(org);
        SyncRun run = claim(configuration);
        String longMessage = "boom " + "x".repeat(5_000);

        RunOutcome result = job.execute(configuration, run, provider(context -> {
            throw new IllegalStateException(longMessage);
        }));

        assertThat(result.result()).isEqualTo(RunOutcome.Result.FAILED);
        Map<String, Object> ended = identity.run(org, run.id());
        assertThat(ended.get("status")).isEqualTo("failed");
        String error = (String) ended.get("error");
        assertThat(error).startsWith("internal error: java.lang.IllegalStateException: boom xxx").hasSize(4000);
    }

    @Test
    void syncFailedExceptionRecordsItsMessageAndSuccessRecordsCountsAndCursor() {
        Org org = identity.createOrg(admin, "outcomes");
        SyncConfiguration configuration = configuration(org);

        SyncRun failed = claim(configuration);
        job.execute(configuration, failed, provider(context -> {
            throw new SyncFailedException("the repository vanished");
        }));
        assertThat(identity.run(org, failed.id())).containsEntry("status", "failed")
                .containsEntry("error", "the repository vanished");
        assertThat(identityClient.findConfiguration(configuration.id()).orElseThrow().cursor())
                .as("a failed run never moves the cursor").isNull();

        SyncRun succeeded = claim(configuration);
        RunOutcome result = job.execute(configuration, succeeded, provider(context -> {
            assertThat(context.orgId()).isEqualTo(org.id());
            assertThat(context.syncConfigurationId()).isEqualTo(configuration.id());
            assertThat(context.version()).isEqualTo(succeeded.startedAt().toEpochMilli());
            context.progress().progress("writing", 3, 3L);
            return new SyncOutcome(Map.of("commits", 3L), Map.of("refs", Map.of("refs/heads/main", "abc")), null);
        }));
        assertThat(result.result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        Map<String, Object> ended = identity.run(org, succeeded.id());
        assertThat(ended.get("status")).isEqualTo("succeeded");
        assertThat(ended.get("counts")).isEqualTo(Map.of("commits", 3));
        assertThat(((Number) ended.get("itemsProcessed")).longValue()).isEqualTo(3);
        assertThat(identityClient.findConfiguration(configuration.id()).orElseThrow().cursor())
                .isEqualTo(Map.of("refs", Map.of("refs/heads/main", "abc")));
    }

    @Test
    void runsAreMeasuredByProviderAndResultForPrometheus() {
        Org org = identity.createOrg(admin, "measured");
        SyncConfiguration configuration = configuration(org);
        String provider = configuration.provider();
        double succeededBefore = runs(provider, "succeeded");
        double failedBefore = runs(provider, "failed");
        double waitSecondsBefore = meters.counter("devhealth.sync.rate.limit.wait.seconds", "provider", provider).count();

        job.execute(configuration, claim(configuration), provider(context -> {
            context.progress().progress("writing", 5, 5L);
            return new SyncOutcome(Map.of("rateLimitWaits", 2L, "rateLimitWaitSeconds", 7L), Map.of(), null);
        }));
        job.execute(configuration, claim(configuration), provider(context -> {
            throw new SyncFailedException("the provider is gone");
        }));

        assertThat(runs(provider, "succeeded")).isEqualTo(succeededBefore + 1);
        assertThat(runs(provider, "failed")).isEqualTo(failedBefore + 1);
        assertThat(meters.counter("devhealth.sync.rate.limit.wait.seconds", "provider", provider).count())
                .isEqualTo(waitSecondsBefore + 7);
        String scraped = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(scraped).containsPattern("devhealth_sync_runs_seconds_bucket\\{[^}]*result=\"succeeded\"")
                .contains("devhealth_sync_items_total").contains("devhealth_sync_runs_active");
    }

    private double runs(String provider, String result) {
        io.micrometer.core.instrument.Timer timer = meters.find("devhealth.sync.runs")
                .tags("provider", provider, "result", result).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aRunWhoseHeartbeatsReachIdentityKeepsWritingLongerThanOneLease() {
        Org org = identity.createOrg(admin, "fence");
        SyncConfiguration configuration = configuration(org);
        SyncRun run = claim(configuration);
        long beyondTheLease = TimeUnit.SECONDS.toNanos(completion.leaseSeconds() + 1L);

        RunOutcome result = job.execute(configuration, run, provider(context -> {
            long start = System.nanoTime();
            while (System.nanoTime() - start < beyondTheLease) {
                context.fence().check(); // would throw once the lease could expire
                Polling.pause();
            }
            return new SyncOutcome(Map.of("commits", 0L), null, null);
        }));

        assertThat(result.result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
    }

    @Test
    void schedulerStartsDueConfigurationsOnce() throws Exception {
        Org org = identity.createOrg(admin, "schedule");
        Path repo = GitFixture.repository(tmp.resolve("repo"), 3);
        UUID configurationId = identity.createConfiguration(admin, org, "git", Map.of("repositoryPath", repo.toString()),
                60, true);

        SyncRun started = awaitStartedBySchedule(configurationId);
        assertThat(started.trigger()).isEqualTo("schedule");
        assertThat(started.leaseHolder()).isEqualTo(completion.holder());
        JsonPath run = SyncRunResourceTests.awaitEnd(admin, org, started.id().toString());
        assertThat(run.getString("status")).isEqualTo("succeeded");
        assertThat(run.getLong("counts.commits")).isEqualTo(GitFixture.revListCount(repo));

        // Its last run started less than an interval ago: not due any more.
        assertThat(runs.startDue()).noneMatch(r -> r.syncConfigurationId().equals(configurationId));
    }

    @Test
    void claimOfARunningConfigurationIsATypedConflict() {
        Org org = identity.createOrg(admin, "claim");
        SyncConfiguration configuration = configuration(org);
        SyncRun run = claim(configuration);
        try {
            assertThatThrownBy(() -> claim(configuration))
                    .isInstanceOf(RunAlreadyRunningException.class);
        } finally {
            identity.complete(run.id(), completion.holder(), "failed", "test finished").require(200);
        }
        assertThat(identityClient.findConfiguration(UUID.randomUUID())).isEmpty();
    }

    // ---- helpers ----

    private SyncConfiguration configuration(Org org) {
        UUID id = identity.createGitConfiguration(admin, org, tmp.toString());
        return identityClient.findConfiguration(id).orElseThrow();
    }

    private SyncRun claim(SyncConfiguration configuration) {
        return identityClient.claim(new ClaimRequest(configuration.id(), ClaimRequest.MANUAL, null, completion.holder(),
                completion.leaseSeconds()));
    }

    /** Expires {@code run}'s lease and claims as {@code holder}; retried because our heartbeat may renew it first. */
    private UUID takeOver(SyncConfiguration configuration, SyncRun run, String holder) {
        Instant deadline = Instant.now().plus(DEADLINE);
        IdentityFixture.Answer answer = null;
        while (Instant.now().isBefore(deadline)) {
            identity.expireLease(run.id());
            answer = identity.claim(configuration.id(), holder, 300);
            if (answer.status() == 201) {
                return UUID.fromString((String) answer.json().get("id"));
            }
            assertThat(answer.status()).as("claim answer: %s", answer.body()).isEqualTo(409);
        }
        throw new AssertionError("could not take the run over within " + DEADLINE + ": " + answer);
    }

    private Map<String, Object> awaitRun(Org org, UUID runId, Predicate<Map<String, Object>> condition) {
        Instant deadline = Instant.now().plus(DEADLINE);
        Map<String, Object> run = null;
        while (Instant.now().isBefore(deadline)) {
            run = identity.run(org, runId);
            if (condition.test(run)) {
                return run;
            }
            Polling.pause();
        }
        throw new AssertionError("run " + runId + " did not reach the expected state within " + DEADLINE + ": " + run);
    }

    /** Polls the scheduler entry point until it starts a run of {@code configurationId} (others may be due too). */
    private SyncRun awaitStartedBySchedule(UUID configurationId) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            for (SyncRun run : runs.startDue()) {
                if (run.syncConfigurationId().equals(configurationId)) {
                    return run;
                }
            }
            Polling.pause();
        }
        throw new AssertionError("the scheduler did not start configuration " + configurationId);
    }

    @FunctionalInterface
    interface SyncBody {
        SyncOutcome run(SyncContext context) throws SyncFailedException;
    }

    private static ProviderSync provider(SyncBody body) {
        return new ProviderSync() {
            @Override
            public String provider() {
                return "git";
            }

            @Override
            public SyncOutcome run(SyncContext context) throws SyncFailedException {
                return body.run(context);
            }
        };
    }

    /**
     * Reports progress, then blocks until released (success, nothing written) or interrupted (as a long sync
     * would be by an abort).
     */
    static final class BlockingProvider implements ProviderSync {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public String provider() {
            return "git";
        }

        @Override
        public SyncOutcome run(SyncContext context) throws SyncFailedException {
            context.progress().progress("extracting", 7, 10L);
            started.countDown();
            try {
                release.await();
                return new SyncOutcome(Map.of("commits", 0L), null, null);
            } catch (InterruptedException e) {
                interrupted = true;
                throw new SyncFailedException("sync interrupted", e);
            }
        }
    }
}
