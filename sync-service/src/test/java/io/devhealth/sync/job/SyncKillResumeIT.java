package io.devhealth.sync.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Kill and resume with real processes: a sync-service replica is killed with SIGKILL in the middle of a multi-page
 * GitHub sync (some pages' rows already in ClickHouse), a new replica takes the run over once its lease has expired,
 * and ClickHouse ends up with exactly the rows of an uninterrupted run of the same dataset — row for row, without a
 * duplicate key — and the same cursor.
 *
 * <p>Two organizations sync the same replayed repository on the first replica at once: org B's run goes through
 * uninterrupted; org A's is held by a {@link ReplayServer.Gate} (its credential's requests) at its second issues page,
 * after its three pull request pages and the first issues page, and the replica is killed once those rows are in
 * ClickHouse. A second replica's scheduler takes the run over as soon as its lease has expired (an orphaned run is
 * due whatever the configuration's schedule; this one has none) and runs it again from the last committed cursor.
 */
class SyncKillResumeIT {

    /** Three pages of pull requests and of issues at 10 per page; batches of 5 rows reach ClickHouse as pages go. */
    private static final SyntheticGitHub.Size SIZE = new SyntheticGitHub.Size(30, 1, 30, 20, 2, 6, 2, 3);
    private static final Map<String, String> SETTINGS = Map.of("DEVHEALTH_GITHUB_PAGE_SIZE", "10",
            "DEVHEALTH_SINK_BATCH_ROWS", "5");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Columns that differ between two organizations' copies of the same data by design. */
    private static final List<String> PER_ORG = List.of("org_id", "version", "repo_id", "sync_configuration_id",
            "synced_at", "computed_at");
    /** Bookkeeping of runs, not synced data: which runs' identities were reported to identity, and when. */
    private static final List<String> RUN_BOOKKEEPING = List.of("observed_identity_reports");
    private static final String SECRET_A = "github_pat_11REPLICA_A_" + UUID.randomUUID();
    private static final String SECRET_B = "github_pat_11REPLICA_B_" + UUID.randomUUID();

    private final Map<String, String> identity = Replicas.identity();
    private final IdentityFixture fixture = new IdentityFixture(identity);

    @Test
    void aRunKilledMidwayIsTakenOverAndLeavesTheRowsOfAnUninterruptedRun() {
        String database = Replicas.clickhouseDatabase();
        String admin = fixture.adminToken();
        Org orgA = fixture.createOrg(admin, "resume-a");
        Org orgB = fixture.createOrg(admin, "resume-b");
        try (ReplayServer server = ReplayServer.start(GitHubApi.PUBLIC_API)) {
            SyntheticGitHub repo = new SyntheticGitHub("replica", "kill-resume", SIZE, 10).install(server);
            UUID configurationA = githubConfiguration(admin, orgA, SECRET_A, server, "kill-resume");
            UUID configurationB = githubConfiguration(admin, orgB, SECRET_B, server, "kill-resume");
            ServiceProcess first = SyncServiceProcess.start(identity, database, "replica-one", SETTINGS);
            ServiceProcess second = null;
            try {
                // Org A's requests (its credential) are held at the second issues page; org B's pass.
                Pattern secondIssuesPage = Pattern.compile("^/repos/" + repo.fullName() + "/issues\\?.*\\bpage=2(&|$)");
                ReplayServer.Gate held = server.hold(request -> ("Bearer " + SECRET_A).equals(
                        request.header("Authorization")) && secondIssuesPage.matcher(request.pathAndQuery()).find());
                UUID runB = Replicas.startRun(first, admin, orgB, configurationB);
                UUID killed = Replicas.startRun(first, admin, orgA, configurationA);
                RunRecord uninterrupted = awaitEnd(configurationB, runB, first);
                assertThat(uninterrupted.status()).as("error: %s", uninterrupted.error()).isEqualTo("succeeded");
                assertThat(rows(database, "pull_requests", orgB)).isEqualTo(SIZE.pullRequests());
                held.awaitArrivals(1, DEADLINE);
                // Everything before the held page is durable before the kill: the run that takes over rewrites it.
                Replicas.await("org A's pull requests in ClickHouse", DEADLINE,
                        () -> rows(database, "pull_requests", orgA) == SIZE.pullRequests() ? true : null, first);
                first.kill();
                held.open();

                second = SyncServiceProcess.start(identity, database, "replica-two", SETTINGS);
                RunRecord takenOver = awaitTakeover(configurationA, killed, second);
                assertThat(takenOver.status()).as("error: %s", takenOver.error()).isEqualTo("succeeded");
                assertThat(takenOver.leaseHolder()).startsWith("replica-two-");
                RunRecord orphan = fixture.runs(configurationA).getFirst();
                assertThat(orphan.id()).isEqualTo(killed);
                assertThat(orphan.status()).isEqualTo("failed");
                assertThat(orphan.error()).startsWith("lease expired: holder replica-one-");
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
            assertSameRows(database, orgA, orgB);
            // equal but for when each run's full refresh started
            Map<String, Object> cursorA = new LinkedHashMap<>(cursor(configurationA));
            Map<String, Object> cursorB = new LinkedHashMap<>(cursor(configurationB));
            assertThat(cursorA.remove("fullRefreshAt")).isNotNull();
            assertThat(cursorB.remove("fullRefreshAt")).isNotNull();
            assertThat(cursorA).isEqualTo(cursorB).containsKey("scopes");
        }
    }

    /**
     * A replica frozen (SIGSTOP) in the middle of a run, whose run another replica takes over and finishes, writes
     * nothing when it wakes up: its write fence is closed (its lease was last renewed long ago) before its heartbeat
     * learns that the lease is lost. Its rows are told apart by their version, the run's start.
     */
    @Test
    void aFrozenReplicaWritesNothingOnceItsRunWasTakenOver() {
        String database = Replicas.clickhouseDatabase();
        String admin = fixture.adminToken();
        Org org = fixture.createOrg(admin, "frozen");
        try (ReplayServer server = ReplayServer.start(GitHubApi.PUBLIC_API)) {
            SyntheticGitHub repo = new SyntheticGitHub("replica", "frozen", SIZE, 10).install(server);
            UUID configuration = githubConfiguration(admin, org, SECRET_A, server, "frozen");
            ServiceProcess frozen = SyncServiceProcess.start(identity, database, "replica-frozen", SETTINGS);
            ServiceProcess successor = null;
            try {
                Pattern secondIssuesPage = Pattern.compile("^/repos/" + repo.fullName() + "/issues\\?.*\\bpage=2(&|$)");
                ReplayServer.Gate held = server.hold(request -> secondIssuesPage.matcher(request.pathAndQuery()).find());
                UUID stalled = Replicas.startRun(frozen, admin, org, configuration);
                held.awaitArrivals(1, DEADLINE);
                Replicas.await("the frozen replica's pull requests in ClickHouse", DEADLINE,
                        () -> rows(database, "pull_requests", org) == SIZE.pullRequests() ? true : null, frozen);
                long version = fixture.runs(configuration).getFirst().startedAt().toEpochMilli();
                // Rows of the frozen run are counted by version: merges would collapse them under the successor's.
                mergesOfOrgTables(database, "STOP");
                long writtenBeforeFreezing = rowsOfVersion(database, org, version);
                frozen.pause();
                held.open(); // the frozen replica gets its page when it wakes up

                successor = SyncServiceProcess.start(identity, database, "replica-successor", SETTINGS);
                RunRecord takenOver = awaitTakeover(configuration, stalled, successor);
                assertThat(takenOver.status()).as("error: %s", takenOver.error()).isEqualTo("succeeded");
                frozen.resume();
                ServiceProcess woken = frozen;
                // It ends its run without recording it: aborted by a heartbeat answered "lease lost", or refused when
                // it tries to complete the run.
                Replicas.await("the woken replica gave its run up", DEADLINE,
                        () -> woken.logged("lease lost, run abandoned") || woken.logged("lease lost before completion")
                                ? true : null, frozen);

                assertThat(rowsOfVersion(database, org, version)).isEqualTo(writtenBeforeFreezing);
                assertThat(rows(database, "work_items", org)).isEqualTo(SIZE.issues());
            } finally {
                mergesOfOrgTables(database, "START");
                frozen.close();
                if (successor != null) {
                    successor.close();
                }
            }
        }
    }

    /** {@code SYSTEM STOP MERGES} or {@code START MERGES} on every table with an {@code org_id}. */
    private static void mergesOfOrgTables(String database, String stopOrStart) {
        for (String table : Replicas.orgTables(database).keySet()) {
            Replicas.lines(database, "SYSTEM " + stopOrStart + " MERGES " + table, Map.of());
        }
    }

    /** Rows of {@code org} with {@code version}, every table with an {@code org_id} and a {@code version}. */
    private static long rowsOfVersion(String database, Org org, long version) {
        long rows = 0;
        for (Map.Entry<String, List<String>> table : Replicas.orgTables(database).entrySet()) {
            if (table.getValue().contains("version")) {
                rows += Replicas.count(database, "SELECT count() FROM " + table.getKey() + " WHERE org_id = {org:UUID}"
                        + " AND version = {version:UInt64}", Map.of("org", org.id().toString(), "version",
                        Long.toString(version)));
            }
        }
        return rows;
    }

    private UUID githubConfiguration(String admin, Org org, String secret, ReplayServer server, String repo) {
        UUID credential = fixture.createCredential(admin, org, "github", secret);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "replica-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("provider", "github");
        // API streams only: the synthetic repositories have no git server behind their clone_url
        body.put("options", Map.of("owner", "replica", "repos", List.of(repo), "apiUrl", server.url(),
                "gitHistory", false));
        body.put("credentialId", credential.toString());
        return UUID.fromString((String) fixture.post("/api/v1/identity/orgs/" + org.slug() + "/sync-configurations",
                admin, body).require(201).get("id"));
    }

    private RunRecord awaitEnd(UUID configuration, UUID runId, ServiceProcess replica) {
        return Replicas.await("run " + runId + " ended", DEADLINE, () -> fixture.runs(configuration).stream()
                .filter(run -> run.id().equals(runId) && run.finishedAt() != null).findFirst().orElse(null), replica);
    }

    /** The run that took {@code killed} over, once it ended. */
    private RunRecord awaitTakeover(UUID configuration, UUID killed, ServiceProcess replica) {
        return Replicas.await("a run taking over " + killed + " ended", DEADLINE, () -> fixture.runs(configuration)
                .stream().filter(run -> !run.id().equals(killed) && run.finishedAt() != null).findFirst().orElse(null),
                replica);
    }

    private static long rows(String database, String table, Org org) {
        return Replicas.count(database, "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}",
                Map.of("org", org.id().toString()));
    }

    private Map<String, Object> cursor(UUID configuration) {
        @SuppressWarnings("unchecked")
        Map<String, Object> cursor = (Map<String, Object>) fixture.get("/internal/v1/sync-configurations/"
                + configuration, fixture.serviceToken()).require(200).get("cursor");
        return cursor;
    }

    /**
     * Every table with an {@code org_id}: A's live rows equal B's column by column (except the columns that name the
     * organization or the run), and A holds no key twice once ReplacingMergeTree has collapsed versions.
     */
    private static void assertSameRows(String database, Org a, Org b) {
        List<String> compared = new ArrayList<>();
        Replicas.orgTables(database).forEach((table, columns) -> {
            if (RUN_BOOKKEEPING.contains(table)) {
                return;
            }
            List<String> values = columns.stream().filter(column -> !PER_ORG.contains(column)).toList();
            String where = " WHERE org_id = {org:UUID}" + (columns.contains("is_deleted") ? " AND is_deleted = 0" : "");
            String select = "SELECT " + String.join(", ", values) + " FROM " + table + " FINAL" + where + " ORDER BY "
                    + String.join(", ", values);
            List<String> rowsA = Replicas.lines(database, select, Map.of("org", a.id().toString()));
            List<String> rowsB = Replicas.lines(database, select, Map.of("org", b.id().toString()));
            assertThat(rowsA).as("rows of %s", table).containsExactlyElementsOf(rowsB);
            if (rowsB.isEmpty()) {
                return;
            }
            compared.add(table);
            String key = Replicas.lines(database, "SELECT sorting_key FROM system.tables WHERE database = "
                    + "currentDatabase() AND name = {table:String}", Map.of("table", table)).getFirst();
            Map<String, String> org = Map.of("org", a.id().toString());
            assertThat(Replicas.count(database, "SELECT count() FROM (SELECT DISTINCT " + key + " FROM " + table
                    + " WHERE org_id = {org:UUID})", org))
                    .as("distinct keys of %s", table)
                    .isEqualTo(Replicas.count(database, "SELECT count() FROM " + table + " FINAL WHERE org_id = "
                            + "{org:UUID}", org));
        });
        assertThat(compared).contains("repos", "pull_requests", "pull_request_reviews", "work_items", "ci_pipeline_runs",
                "ci_pipeline_jobs", "deployments", "deployment_statuses", "releases");
    }
}
