package io.devhealth.sync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.client.ClaimRequest;
import io.devhealth.sync.client.IdentityClient;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.client.SyncConfiguration;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.sync.job.completion.RunCompletion;
import io.devhealth.sync.job.completion.RunOutcome;
import io.devhealth.sync.job.execution.RunExecutor;
import io.devhealth.sync.provider.ProviderRegistry;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Daily buckets in the organization's time zone (identity setting {@code timezone}), on the real engines: a real git
 * repository synced through the sync job, work items and DORA facts written as their providers write them, the zone
 * set and changed through identity-service. Every expected day and value is worked out by hand in the comments.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class TimeZoneMetricsTests {

    @Inject
    RunExecutor executor;
    @Inject
    RunCompletion completion;
    @Inject
    ProviderRegistry providers;
    @Inject
    IdentityClient identityClient;
    @Inject
    DailyMetrics dailyMetrics;
    @Inject
    MetricsTimeZones zones;
    @Inject
    Client clickhouse;

    final IdentityFixture identity = new IdentityFixture();
    String admin;
    Org org;
    MetricsData data;

    @BeforeEach
    void organization() {
        admin = identity.adminToken();
        org = identity.createOrg(admin, "zone");
        data = new MetricsData(clickhouse, org.id());
    }

    /**
     * Commits at 12:00Z and 23:30Z on 1 March 2024 and at 07:30Z on 2 March. Berlin (UTC+1 in winter): 13:00 on
     * the 1st, 00:30 and 08:30 on the 2nd. Los Angeles (UTC−8): 04:00, 15:30 and 23:30, all on the 1st. A Jira item
     * created 08:00Z, started 10:00Z, completed 23:30Z (lead 15.5 h, cycle 13.5 h) and a deployment finished 23:30Z
     * shipping a change authored 20:30Z (lead 3 h) move the same way.
     */
    @Test
    void aCommitAt2330UtcLandsOnTheNextDayInBerlinAndTheSameDayInLosAngelesAndAZoneChangeRecomputes(
            @TempDir Path dir) {
        setZone("Europe/Berlin");
        long old = 1;
        UUID deployedRepo = UUID.randomUUID();
        data.workItem("jira", "J-1", "J", "story", "Done", "done", at("2024-03-01T08:00:00Z"),
                at("2024-03-01T10:00:00Z"), at("2024-03-01T23:30:00Z"), old);
        data.deployment(deployedRepo, "d1", "", at("2024-03-01T23:30:00Z"), "", null, old);
        data.change(deployedRepo, "c1", at("2024-03-01T20:30:00Z"), "d1", at("2024-03-01T23:30:00Z"), old);
        Path repo = repository(dir, List.of(
                new Commit("ada@acme.io", at("2024-03-01T12:00:00Z")),
                new Commit("ada@acme.io", at("2024-03-01T23:30:00Z")),
                new Commit("bob@acme.io", at("2024-03-02T07:30:00Z"))));
        UUID configurationId = identity.createGitConfiguration(admin, org, repo.toString());

        RunOutcome berlin = run(configurationId);

        assertThat(berlin.result()).as("error: %s", berlin.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(data.daily("repo_metrics_daily", "'repo'", "commits")).isEqualTo(Map.of(
                "repo|2024-03-01", "1",
                "repo|2024-03-02", "2"));
        assertThat(data.daily("user_metrics_daily", "identity_key", "commits")).isEqualTo(Map.of(
                "git:ada@acme.io|2024-03-01", "1",
                "git:ada@acme.io|2024-03-02", "1",
                "git:bob@acme.io|2024-03-02", "1"));
        assertThat(data.daily("work_item_metrics_daily", "project_key", "created", "completed", "wip",
                "lead_time_p50_hours", "cycle_time_p50_hours")).isEqualTo(Map.of(
                        "J|2024-03-01", "1,0,1,null,null",
                        "J|2024-03-02", "0,1,0,15.5,13.5"));
        assertThat(data.daily("dora_metrics_daily", "environment", "deployments", "change_lead_time_p50_hours"))
                .isEqualTo(Map.of("production|2024-03-02", "1,3"));
        assertThat(zones.recorded(org.id())).isEqualTo(new OrgTimeZone("Europe/Berlin"));

        setZone("America/Los_Angeles");
        RunOutcome losAngeles = run(configurationId);

        assertThat(losAngeles.result()).as("error: %s", losAngeles.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(data.daily("repo_metrics_daily", "'repo'", "commits")).isEqualTo(Map.of("repo|2024-03-01", "3"));
        assertThat(data.daily("user_metrics_daily", "identity_key", "commits")).isEqualTo(Map.of(
                "git:ada@acme.io|2024-03-01", "2",
                "git:bob@acme.io|2024-03-01", "1"));
        assertThat(data.daily("work_item_metrics_daily", "project_key", "created", "completed", "wip",
                "lead_time_p50_hours", "cycle_time_p50_hours")).isEqualTo(Map.of(
                        "J|2024-03-01", "1,1,0,15.5,13.5"));
        assertThat(data.daily("dora_metrics_daily", "environment", "deployments", "change_lead_time_p50_hours"))
                .isEqualTo(Map.of("production|2024-03-01", "1,3"));
        assertThat(zones.recorded(org.id())).isEqualTo(new OrgTimeZone("America/Los_Angeles"));
    }

    /**
     * Berlin moves to summer time at 01:00Z on 31 March 2024 (UTC+1 → +2) and back at 01:00Z on 27 October. Commits:
     * 30 Mar 22:30Z = 23:30 CET (30th); 23:30Z = 00:30 CET (31st); 31 Mar 21:30Z = 23:30 CEST (31st); 22:30Z = 00:30
     * CEST (1 Apr). 26 Oct 21:30Z = 23:30 CEST (26th); 22:30Z = 00:30 CEST (27th); 27 Oct 22:30Z = 23:30 CET (27th);
     * 23:30Z = 00:30 CET (28th). A Jira item created 29 Mar 12:00Z, in progress from 30 Mar 12:00Z, done 2 Apr
     * 12:00Z: lead time 96 elapsed hours (the wall clock shows 97, one hour skipped), cycle 72 h, 24 h in To Do;
     * in progress at the end of 30, 31 March and 1 April.
     */
    @Test
    void daysAcrossDaylightSavingChangesFollowTheZonesOffsets() {
        setZone("Europe/Berlin");
        long version = System.currentTimeMillis();
        UUID repo = UUID.randomUUID();
        String[] commits = { "2024-03-30T22:30:00Z", "2024-03-30T23:30:00Z", "2024-03-31T21:30:00Z",
                "2024-03-31T22:30:00Z", "2024-10-26T21:30:00Z", "2024-10-26T22:30:00Z", "2024-10-27T22:30:00Z",
                "2024-10-27T23:30:00Z" };
        for (int i = 0; i < commits.length; i++) {
            data.commit(repo, "s" + i, "ada@acme.io", at(commits[i]), 1, version);
        }
        data.workItem("jira", "W-1", "W", "story", "Done", "done", at("2024-03-29T12:00:00Z"),
                at("2024-03-30T12:00:00Z"), at("2024-04-02T12:00:00Z"), version);
        data.transition("jira", "W-1", at("2024-03-30T12:00:00Z"), "To Do", "todo", "In Progress", "in_progress",
                version);
        data.transition("jira", "W-1", at("2024-04-02T12:00:00Z"), "In Progress", "in_progress", "Done", "done",
                version);

        OrgTimeZone zone = OrgTimeZone.from(identityClient.orgSettings(org.id()).settings());
        dailyMetrics.afterRun(org.id(), version, zone);

        assertThat(zone.id()).isEqualTo("Europe/Berlin");
        assertThat(data.daily("repo_metrics_daily", "'repo'", "commits")).isEqualTo(Map.of(
                "repo|2024-03-30", "1", "repo|2024-03-31", "2", "repo|2024-04-01", "1",
                "repo|2024-10-26", "1", "repo|2024-10-27", "2", "repo|2024-10-28", "1"));
        assertThat(data.daily("work_item_metrics_daily", "project_key", "created", "completed", "wip",
                "lead_time_p50_hours", "cycle_time_p50_hours", "time_in_state_hours")).isEqualTo(Map.of(
                        "W|2024-03-29", "1,0,0,null,null,{}",
                        "W|2024-03-30", "0,0,1,null,null,{}",
                        "W|2024-03-31", "0,0,1,null,null,{}",
                        "W|2024-04-01", "0,0,1,null,null,{}",
                        "W|2024-04-02", "0,1,0,96,72,{'In Progress':72,'To Do':24}"));
    }

    /**
     * An item synced before work-item facts existed (no fact) is still in progress: the next run that writes another
     * item of the organization builds every fact, so WIP counts both. UTC (the default zone). A: created 1 June 2024,
     * in progress since 2 June, open; B: created 3 June, to do. Days: 1 June created 1; 2 June WIP 1; 3 June created
     * 1, WIP 1; every later day up to today WIP 1 (A is still in progress).
     */
    @Test
    void itemsSyncedBeforeTheirFactsExistedCountOnTheNextRun() {
        data.workItem("jira", "P-1", "P", "story", "In Progress", "in_progress", at("2024-06-01T10:00:00Z"),
                at("2024-06-02T10:00:00Z"), null, 1);
        data.workItem("jira", "P-2", "P", "task", "To Do", "todo", at("2024-06-03T10:00:00Z"), null, null, 2);

        DailyMetrics.Written written = dailyMetrics.afterRun(org.id(), 2, OrgTimeZone.UTC);

        assertThat(written.workItemFacts()).isEqualTo(2);
        Map<String, String> days = data.daily("work_item_metrics_daily", "project_key", "created", "completed", "wip");
        assertThat(days).containsEntry("P|2024-06-01", "1,0,0")
                .containsEntry("P|2024-06-02", "0,0,1")
                .containsEntry("P|2024-06-03", "1,0,1")
                .containsEntry("P|2024-06-04", "0,0,1")
                .hasSize((int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse("2024-06-01"),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + 1);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    record Commit(String email, Instant at) {
    }

    private void setZone(String zone) {
        identity.put("/api/v1/identity/orgs/" + org.slug() + "/settings/timezone", admin, Map.of("value", zone))
                .require(200);
    }

    private RunOutcome run(UUID configurationId) {
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("git").orElseThrow());
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    /** A git repository with one commit per entry (one new file each), authored and committed at its time. */
    static Path repository(Path dir, List<Commit> commits) {
        Path repo = dir.resolve("zone");
        git(dir, null, null, "init", "-q", "-b", "main", repo.toString());
        int n = 0;
        for (Commit commit : commits) {
            try {
                Files.writeString(repo.resolve("file" + n++ + ".txt"), "line\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            git(repo, commit.email(), commit.at(), "add", "-A");
            git(repo, commit.email(), commit.at(), "commit", "-q", "-m", "commit " + n);
        }
        return repo;
    }

    private static void git(Path dir, String email, Instant at, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        if (email != null) {
            for (String role : List.of("AUTHOR", "COMMITTER")) {
                builder.environment().put("GIT_" + role + "_NAME", email);
                builder.environment().put("GIT_" + role + "_EMAIL", email);
                builder.environment().put("GIT_" + role + "_DATE", at.getEpochSecond() + " +0000");
            }
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
