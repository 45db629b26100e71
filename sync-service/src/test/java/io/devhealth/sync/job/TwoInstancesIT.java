package io.devhealth.sync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.sync.job.IdentityFixture.RunRecord;
import io.devhealth.testengines.ServiceProcess;
import io.devhealth.sync.process.SyncServiceProcess;
import io.devhealth.sync.provider.github.GitHubApi;
import io.devhealth.sync.provider.github.SyntheticGitHub;
import io.devhealth.sync.provider.http.ReplayServer;

/**
 * Two sync-service replicas (real processes, schedulers on) against one identity-service: over several due times each
 * configuration runs exactly once per due time, runs of one configuration never overlap, both replicas do work, and
 * when one replica is killed with SIGKILL mid-run the other takes its runs over once their leases expire.
 *
 * <p>Four GitHub configurations with a cron schedule; a due time is made by bringing their next fire time to now
 * ({@link IdentityFixture#makeDue}), since a cron schedule's finest step is a minute. Each replica runs at most two
 * runs at once ({@code devhealth.sync.max-concurrent-runs}) and claims no more than its free slots, so while a
 * {@link ReplayServer.Gate} holds all four runs at their issues page, each replica holds exactly two of them: which
 * replica ran what is told by the lease holder each run records.
 */
class TwoInstancesIT {

    private static final int CONFIGURATIONS = 4;
    private static final int DUE_TIMES = 2;
    private static final SyntheticGitHub.Size SIZE = new SyntheticGitHub.Size(4, 1, 3, 2, 1, 2, 1, 1);
    private static final Map<String, String> SETTINGS = Map.of("DEVHEALTH_SYNC_MAX_CONCURRENT_RUNS", "2");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern ISSUES = Pattern.compile("^/repos/replica/two-\\d+/issues\\b");

    private final Map<String, String> identity = Replicas.identity();
    private final IdentityFixture fixture = new IdentityFixture(identity);

    @Test
    void eachConfigurationRunsOncePerDueTimeAndAKilledReplicasRunsAreTakenOver() {
        String database = Replicas.clickhouseDatabase();
        String admin = fixture.adminToken();
        try (ReplayServer server = ReplayServer.start(GitHubApi.PUBLIC_API)) {
            // One organization per configuration: the synthetic repositories share their GitHub id.
            List<Org> orgs = new ArrayList<>();
            List<UUID> configurations = new ArrayList<>();
            for (int i = 1; i <= CONFIGURATIONS; i++) {
                new SyntheticGitHub("replica", "two-" + i, SIZE, 10).install(server);
                orgs.add(fixture.createOrg(admin, "replicas-" + i));
                configurations.add(cronConfiguration(admin, orgs.getLast(), server, "two-" + i));
            }
            List<ServiceProcess> replicas = SyncServiceProcess.startAll(identity, database,
                    List.of("replica-a", "replica-b"), SETTINGS);
            ServiceProcess a = replicas.get(0);
            ServiceProcess b = replicas.get(1);
            try {
                for (int dueTime = 1; dueTime <= DUE_TIMES; dueTime++) {
                    ReplayServer.Gate held = server.hold(request -> ISSUES.matcher(request.pathAndQuery()).find());
                    fixture.makeDue(configurations);
                    held.awaitArrivals(CONFIGURATIONS, DEADLINE);
                    assertThat(runningHolders(configurations)).as("due time %d", dueTime)
                            .containsExactlyInAnyOrder("replica-a", "replica-a", "replica-b", "replica-b");
                    held.open();
                    awaitRuns(configurations, dueTime, a, b);
                }

                // A due time during which replica A dies with two runs in flight.
                ReplayServer.Gate held = server.hold(request -> ISSUES.matcher(request.pathAndQuery()).find());
                fixture.makeDue(configurations);
                held.awaitArrivals(CONFIGURATIONS, DEADLINE);
                List<UUID> heldByA = configurations.stream()
                        .filter(configuration -> fixture.runs(configuration).getLast().leaseHolder().startsWith("replica-a-"))
                        .toList();
                assertThat(heldByA).hasSize(2);
                a.kill();
                held.open();
                awaitRuns(configurations, DUE_TIMES + 1, b);
            } finally {
                a.close();
                b.close();
            }
            for (UUID configuration : configurations) {
                assertRunHistory(configuration, DUE_TIMES + 1);
            }
            for (Org org : orgs) {
                assertThat(Replicas.count(database, "SELECT count() FROM pull_requests FINAL WHERE org_id = {org:UUID}",
                        Map.of("org", org.id().toString()))).isEqualTo(SIZE.pullRequests());
            }
        }
    }

    private UUID cronConfiguration(String admin, Org org, ReplayServer server, String repo) {
        UUID credential = fixture.createCredential(admin, org, "github", "github_pat_11TWO_" + UUID.randomUUID());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", repo);
        body.put("provider", "github");
        // API streams only: the synthetic repositories have no git server behind their clone_url
        body.put("options", Map.of("owner", "replica", "repos", List.of(repo), "apiUrl", server.url(),
                "gitHistory", false));
        body.put("credentialId", credential.toString());
        // Yearly: never due by itself during the test; each due time is made explicitly.
        body.put("schedule", Map.of("cron", "0 0 1 1 *", "timeZone", "UTC"));
        return UUID.fromString((String) fixture.post("/api/v1/identity/orgs/" + org.slug() + "/sync-configurations",
                admin, body).require(201).get("id"));
    }

    /** The holder-name prefix of each configuration's running run. */
    private List<String> runningHolders(List<UUID> configurations) {
        return configurations.stream().flatMap(configuration -> fixture.runs(configuration).stream())
                .filter(run -> run.status().equals("running"))
                .map(run -> run.leaseHolder().substring(0, "replica-x".length()))
                .toList();
    }

    /** Waits until every configuration has {@code dueTimes} succeeded runs and none is running. */
    private void awaitRuns(List<UUID> configurations, int dueTimes, ServiceProcess... replicas) {
        Predicate<UUID> done = configuration -> {
            List<RunRecord> runs = fixture.runs(configuration);
            return runs.stream().filter(run -> run.status().equals("succeeded")).count() >= dueTimes
                    && runs.stream().noneMatch(run -> run.status().equals("running"));
        };
        Replicas.await(dueTimes + " succeeded runs of every configuration", DEADLINE,
                () -> configurations.stream().allMatch(done) ? true : null, replicas);
    }

    /**
     * Exactly one succeeded run per due time, runs one after the other (each starts after the previous ended), and
     * a failed run only where replica A was killed: then its lease expired and replica B's run of that due time
     * followed.
     */
    private void assertRunHistory(UUID configuration, int dueTimes) {
        List<RunRecord> runs = fixture.runs(configuration);
        assertThat(runs.stream().filter(run -> run.status().equals("succeeded")).count())
                .as("succeeded runs of %s: %s", configuration, runs).isEqualTo(dueTimes);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startedAt()).as("runs of %s: %s", configuration, runs)
                    .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
        }
        List<RunRecord> failed = runs.stream().filter(run -> run.status().equals("failed")).toList();
        assertThat(failed).as("runs of %s: %s", configuration, runs).hasSizeLessThanOrEqualTo(1);
        for (RunRecord orphan : failed) {
            assertThat(orphan).isEqualTo(runs.get(runs.size() - 2));
            assertThat(orphan.error()).startsWith("lease expired: holder replica-a-");
            assertThat(runs.getLast().leaseHolder()).startsWith("replica-b-");
        }
        assertThat(runs).as("runs of %s", configuration).hasSize(dueTimes + failed.size());
        assertThat(runs).extracting(RunRecord::trigger).containsOnly("schedule");
    }
}
