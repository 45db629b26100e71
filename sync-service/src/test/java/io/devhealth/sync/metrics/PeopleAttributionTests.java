package io.devhealth.sync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;

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
import io.devhealth.sync.people.ObservedIdentityReport;
import io.devhealth.sync.people.PeopleRefresh;
import io.devhealth.sync.provider.ProviderRegistry;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Golden attribution: a small hand-built dataset in which Ada has a git email, a GitHub login, a Jira accountId and a
 * PagerDuty user id, Bob a git email and a GitHub login, and Carol is mapped nowhere. People and teams are mapped in
 * the real identity-service and refreshed into ClickHouse; commits come from a real local git repository synced
 * through the sync job (which computes the people metrics and reports the identities it saw), GitHub pull requests
 * and reviews, Jira work items and PagerDuty incidents are inserted as their providers write them (those providers
 * land separately). The expected per-person and per-team counts are computed here from the dataset.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class PeopleAttributionTests {

    private static final LocalDate DAY1 = LocalDate.parse("2024-05-01");
    private static final LocalDate DAY2 = LocalDate.parse("2024-05-02");
    private static final String CAROL_NOREPLY = "4242+carol-gh@users.noreply.github.com";

    /** Commits of the git repository: author email, name, authored at (UTC), lines added in one new file. */
    record Commit(String email, String name, Instant at, int lines) {
    }

    /** Pull requests (GitHub): author login, created, merged (null: open); reviews by login. */
    record PullRequest(long number, String author, Instant created, Instant merged, List<Review> reviews) {
    }

    record Review(String reviewer, Instant submitted) {
    }

    /** A Jira work item completed by its assignee's accountId. */
    record WorkItem(String key, String assigneeAccountId, String assigneeName, Instant completed) {
    }

    /** A PagerDuty incident resolved by a PagerDuty user. */
    record Incident(String id, String resolverId, Instant resolved) {
    }

    static final List<Commit> COMMITS = List.of(
            new Commit("ada@acme.io", "Ada Lovelace", at(DAY1, 9), 3),
            new Commit("ADA@acme.io", "Ada Lovelace", at(DAY1, 11), 5),
            new Commit("bob@acme.io", "Bob", at(DAY1, 12), 7),
            new Commit(CAROL_NOREPLY, "Carol", at(DAY1, 13), 2),
            new Commit("ada@acme.io", "Ada Lovelace", at(DAY2, 10), 11),
            new Commit("bob@acme.io", "Bob", at(DAY2, 15), 1));
    static final List<PullRequest> PULL_REQUESTS = List.of(
            new PullRequest(1, "ada-gh", at(DAY1, 10), at(DAY2, 9), List.of(new Review("bob-gh", at(DAY1, 16)))),
            new PullRequest(2, "Bob-GH", at(DAY1, 14), null,
                    List.of(new Review("ada-gh", at(DAY2, 8)), new Review("carol-gh", at(DAY2, 9)))),
            new PullRequest(3, "carol-gh", at(DAY2, 11), at(DAY2, 17), List.of(new Review("ada-gh", at(DAY2, 12)))));
    static final List<WorkItem> WORK_ITEMS = List.of(
            new WorkItem("CORE-1", "5b10ada:account-1", "Ada Lovelace", at(DAY1, 17)),
            new WorkItem("CORE-2", "5b10ada:account-1", "Ada Lovelace", at(DAY2, 17)),
            new WorkItem("CORE-3", "5b10bob:account-2", "Bob", at(DAY2, 18)));
    static final List<Incident> INCIDENTS = List.of(
            new Incident("Q1ADA", "PADA001", at(DAY1, 20)),
            new Incident("Q2ADA", "PADA001", at(DAY2, 2)),
            new Incident("Q3NOBODY", "PNOBODY9", at(DAY2, 3)));

    @Inject
    PeopleRefresh refresh;
    @Inject
    PeopleMetricsDaily metrics;
    @Inject
    ObservedIdentityReport report;
    @Inject
    RunExecutor executor;
    @Inject
    RunCompletion completion;
    @Inject
    ProviderRegistry providers;
    @Inject
    IdentityClient identityClient;
    @Inject
    Client clickhouse;

    final IdentityFixture identity = new IdentityFixture();
    String admin;
    Org org;
    String ada;
    String bob;
    String core;
    String ops;
    /** provider/lower-cased external id → person id, as mapped in identity. */
    final Map<String, String> mapped = new HashMap<>();

    @BeforeEach
    void peopleAndTeams() {
        admin = identity.adminToken();
        org = identity.createOrg(admin, "golden");
        ada = createPerson("Ada Lovelace", identity("git", "ada@acme.io"), identity("github", "ada-gh"),
                identity("jira", "5b10ada:account-1"), identity("pagerduty", "PADA001"));
        bob = createPerson("Bob", identity("git", "bob@acme.io"), identity("github", "bob-gh"),
                identity("jira", "5b10bob:account-2"));
        core = createTeam("core", List.of(ada, bob));
        ops = createTeam("ops", List.of(ada));
        assertThat(refresh.refreshAll().failed()).isZero();
    }

    @Test
    void perPersonAndPerTeamCountsEqualTheHandComputedOnes(@TempDir Path dir) throws Exception {
        RunOutcome git = syncGitRepository(dir);
        assertThat(git.result()).as("error: %s", git.error()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        assertThat(git.run().counts()).as("the git run computed its days and reported its author emails")
                .containsEntry("user_metrics_daily", expectedUsers(false).size())
                .containsEntry("team_metrics_daily", expectedTeams(expectedUsers(false)).size())
                .containsEntry("observedIdentities",
                        (int) COMMITS.stream().map(commit -> commit.email().toLowerCase(Locale.ROOT)).distinct().count());

        long version = System.currentTimeMillis();
        UUID repo = insertGitHubRows(version);
        insertJiraWorkItems(version);
        insertPagerDutyIncidents(version);
        metrics.recompute(org.id(), version, OrgTimeZone.UTC);

        assertThat(userRows()).isEqualTo(expectedUsers(true));
        assertThat(teamRows()).isEqualTo(expectedTeams(expectedUsers(true)));
        assertThat(repo).isNotNull();
    }

    @Test
    void anIdentityMappedLaterMovesItsHistoryToThePerson(@TempDir Path dir) throws Exception {
        assertThat(syncGitRepository(dir).result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        String carolKey = "git:" + CAROL_NOREPLY;
        assertThat(userRows()).containsKey(carolKey + "|" + DAY1);

        String carol = createPerson("Carol", identity("git", CAROL_NOREPLY));
        refresh.refreshAll();

        Map<String, Counts> rows = userRows();
        assertThat(rows).doesNotContainKey(carolKey + "|" + DAY1);
        assertThat(rows.get(carol + "|" + DAY1).commits()).isEqualTo(
                COMMITS.stream().filter(commit -> commit.email().equals(CAROL_NOREPLY)).count());
    }

    @Test
    void identitiesSeenInSyncedRowsBecomeObservedIdentitiesAndSuggestions(@TempDir Path dir) throws Exception {
        assertThat(syncGitRepository(dir).result()).isEqualTo(RunOutcome.Result.SUCCEEDED);
        long version = System.currentTimeMillis();
        insertGitHubRows(version);
        insertJiraWorkItems(version);
        insertPagerDutyIncidents(version);

        long recorded = report.report(org.id(), version, "github");

        // github: ada-gh, bob-gh, carol-gh; jira: two accountIds; pagerduty: two user ids.
        assertThat(recorded).isEqualTo(7);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) identity
                .get("/api/v1/identity/orgs/" + org.slug() + "/people/suggestions", admin).require(200).get("items");
        assertThat(items).anySatisfy(item -> {
            assertThat(item.get("reason")).isEqualTo("github-noreply");
            assertThat(item.get("kind")).isEqualTo("create-person");
            assertThat(externalIds(item)).containsExactlyInAnyOrder(CAROL_NOREPLY, "carol-gh");
        });
        assertThat(items).as("mapped identities are never suggested").noneSatisfy(item ->
                assertThat(externalIds(item)).contains("ada-gh"));
    }

    private static List<String> externalIds(Map<String, Object> suggestion) {
        return ((List<?>) suggestion.get("identities")).stream()
                .map(identity -> (String) ((Map<?, ?>) identity).get("externalId")).toList();
    }

    @Test
    void aReportIdentityRefusesNeverThrowsAndStaysPending() throws Exception {
        UUID unknownOrg = UUID.randomUUID();
        long version = System.currentTimeMillis();
        execute("""
                INSERT INTO incidents (org_id, provider, incident_id, title, status, urgency, service, repo_id,
                    deployment_id, created_at, resolved_at, resolved_by_id, url, version)
                SELECT {org:UUID}, 'pagerduty', 'Q1', 't', 'resolved', 'high', 's', NULL, '', now64(3), now64(3),
                    'PADA001', '', {version:UInt64}""", Map.of("org", unknownOrg.toString(), "version",
                Long.toString(version)));

        assertThat(report.report(unknownOrg, version, "pagerduty")).isZero();

        GenericRecord pending = clickhouse.queryAll("""
                SELECT argMax(reported, (updated_at, reported, attempts)) AS done, argMax(attempts, (updated_at, reported, attempts)) AS tries
                FROM observed_identity_reports WHERE org_id = {org:UUID} GROUP BY version""",
                Map.of("org", unknownOrg.toString())).getFirst();
        assertThat(pending.getInteger("done")).isZero();
        assertThat(pending.getInteger("tries")).isEqualTo(1);
    }

    // --- expected values, from the dataset ---------------------------------------------------------------------

    /** Counts of one row: commits, additions, PRs opened, PRs merged, reviews, work items, incidents, members. */
    record Counts(long commits, long additions, long prsOpened, long prsMerged, long reviews, long workItems,
            long incidents, long activeMembers) {

        Counts plus(Counts other) {
            return new Counts(commits + other.commits, additions + other.additions, prsOpened + other.prsOpened,
                    prsMerged + other.prsMerged, reviews + other.reviews, workItems + other.workItems,
                    incidents + other.incidents, 0);
        }
    }

    /** identity key|day → counts, as PeopleMetricsDaily defines them (commits only, or every provider's rows). */
    private Map<String, Counts> expectedUsers(boolean everyProvider) {
        Map<String, Counts> expected = new TreeMap<>();
        for (Commit commit : COMMITS) {
            add(expected, key("git", commit.email()), commit.at(), new Counts(1, commit.lines(), 0, 0, 0, 0, 0, 0));
        }
        if (!everyProvider) {
            return expected;
        }
        for (PullRequest pr : PULL_REQUESTS) {
            add(expected, key("github", pr.author()), pr.created(), new Counts(0, 0, 1, 0, 0, 0, 0, 0));
            if (pr.merged() != null) {
                add(expected, key("github", pr.author()), pr.merged(), new Counts(0, 0, 0, 1, 0, 0, 0, 0));
            }
            for (Review review : pr.reviews()) {
                add(expected, key("github", review.reviewer()), review.submitted(), new Counts(0, 0, 0, 0, 1, 0, 0, 0));
            }
        }
        for (WorkItem item : WORK_ITEMS) {
            add(expected, key("jira", item.assigneeAccountId()), item.completed(), new Counts(0, 0, 0, 0, 0, 1, 0, 0));
        }
        for (Incident incident : INCIDENTS) {
            add(expected, key("pagerduty", incident.resolverId()), incident.resolved(),
                    new Counts(0, 0, 0, 0, 0, 0, 1, 0));
        }
        return expected;
    }

    /** team id|day → the sum of its members' rows, active members = members with a row that day. */
    private Map<String, Counts> expectedTeams(Map<String, Counts> users) {
        Map<String, List<String>> members = Map.of(core, List.of(ada, bob), ops, List.of(ada));
        Map<String, Counts> expected = new TreeMap<>();
        users.forEach((keyAndDay, counts) -> {
            String[] parts = keyAndDay.split("\\|");
            members.forEach((team, people) -> {
                if (people.contains(parts[0])) {
                    expected.merge(team + "|" + parts[1], withMembers(counts, 1),
                            (a, b) -> withMembers(a.plus(b), a.activeMembers() + b.activeMembers()));
                }
            });
        });
        return expected;
    }

    private static Counts withMembers(Counts counts, long members) {
        return new Counts(counts.commits(), counts.additions(), counts.prsOpened(), counts.prsMerged(),
                counts.reviews(), counts.workItems(), counts.incidents(), members);
    }

    private String key(String provider, String externalId) {
        String lower = externalId.toLowerCase(Locale.ROOT);
        return mapped.getOrDefault(provider + "/" + lower, provider + ":" + lower);
    }

    private static void add(Map<String, Counts> expected, String key, Instant at, Counts counts) {
        expected.merge(key + "|" + LocalDate.ofInstant(at, ZoneOffset.UTC), counts, Counts::plus);
    }

    // --- what ClickHouse holds ---------------------------------------------------------------------------------

    private Map<String, Counts> userRows() {
        Map<String, Counts> rows = new TreeMap<>();
        for (GenericRecord row : clickhouse.queryAll("""
                SELECT identity_key, day, commits, additions, prs_opened, prs_merged, reviews_given,
                    work_items_completed, incidents_resolved
                FROM user_metrics_daily FINAL WHERE org_id = {org:UUID}""", Map.of("org", org.id().toString()))) {
            rows.put(row.getString("identity_key") + "|" + row.getLocalDate("day"), new Counts(row.getLong("commits"),
                    row.getLong("additions"), row.getLong("prs_opened"), row.getLong("prs_merged"),
                    row.getLong("reviews_given"), row.getLong("work_items_completed"),
                    row.getLong("incidents_resolved"), 0));
        }
        return rows;
    }

    private Map<String, Counts> teamRows() {
        Map<String, Counts> rows = new TreeMap<>();
        for (GenericRecord row : clickhouse.queryAll("""
                SELECT team_id, day, commits, additions, prs_opened, prs_merged, reviews_given, work_items_completed,
                    incidents_resolved, active_members
                FROM team_metrics_daily FINAL WHERE org_id = {org:UUID}""", Map.of("org", org.id().toString()))) {
            rows.put(row.getString("team_id") + "|" + row.getLocalDate("day"), new Counts(row.getLong("commits"),
                    row.getLong("additions"), row.getLong("prs_opened"), row.getLong("prs_merged"),
                    row.getLong("reviews_given"), row.getLong("work_items_completed"),
                    row.getLong("incidents_resolved"), row.getLong("active_members")));
        }
        return rows;
    }

    // --- the dataset, written --------------------------------------------------------------------------------

    private RunOutcome syncGitRepository(Path dir) {
        Path repo = dir.resolve("golden");
        git(repo.getParent(), null, null, null, "init", "-q", "-b", "main", repo.toString());
        int n = 0;
        for (Commit commit : COMMITS) {
            write(repo.resolve("file" + (n++) + ".txt"), "line\n".repeat(commit.lines()));
            git(repo, commit.email(), commit.name(), commit.at(), "add", "-A");
            git(repo, commit.email(), commit.name(), commit.at(), "commit", "-q", "-m", "commit " + n);
        }
        UUID configurationId = identity.createGitConfiguration(admin, org, repo.toString());
        SyncConfiguration configuration = identityClient.findConfiguration(configurationId).orElseThrow();
        SyncRun run = identityClient.claim(new ClaimRequest(configurationId, ClaimRequest.MANUAL, null,
                completion.holder(), completion.leaseSeconds()));
        return executor.execute(configuration, run, providers.find("git").orElseThrow());
    }

    private UUID insertGitHubRows(long version) throws Exception {
        UUID repo = UUID.randomUUID();
        Map<String, Object> params = new HashMap<>(Map.of("org", org.id().toString(), "repo", repo.toString(),
                "version", Long.toString(version)));
        execute("""
                INSERT INTO repos (org_id, repo_id, provider, full_name, url, default_branch, synced_at, version)
                SELECT {org:UUID}, {repo:UUID}, 'github', 'acme/golden', '', 'main', now64(3), {version:UInt64}""",
                params);
        for (PullRequest pr : PULL_REQUESTS) {
            params.put("number", Long.toString(pr.number()));
            params.put("author", pr.author());
            params.put("created", pr.created().toString());
            params.put("merged", pr.merged() == null ? "" : pr.merged().toString());
            execute("""
                    INSERT INTO pull_requests (org_id, repo_id, provider, number, provider_id, title, state, is_draft,
                        author_login, base_branch, head_branch, merge_commit_sha, labels, additions, deletions,
                        changed_files, commits_count, comments_count, created_at, updated_at, merged_at, url, version)
                    SELECT {org:UUID}, {repo:UUID}, 'github', {number:UInt64}, '', 'pr', 'open', 0, {author:String},
                        'main', 'topic', '', [], 0, 0, 0, 0, 0, parseDateTime64BestEffort({created:String}, 3, 'UTC'),
                        parseDateTime64BestEffort({created:String}, 3, 'UTC'),
                        parseDateTime64BestEffortOrNull({merged:String}, 3, 'UTC'), '', {version:UInt64}""",
                    params);
            int r = 0;
            for (Review review : pr.reviews()) {
                params.put("review", pr.number() + "-" + (r++));
                params.put("reviewer", review.reviewer());
                params.put("submitted", review.submitted().toString());
                execute("""
                        INSERT INTO pull_request_reviews (org_id, repo_id, pr_number, review_id, reviewer_login, state,
                            submitted_at, version)
                        SELECT {org:UUID}, {repo:UUID}, {number:UInt64}, {review:String}, {reviewer:String},
                            'APPROVED', parseDateTime64BestEffort({submitted:String}, 3, 'UTC'), {version:UInt64}""",
                        params);
            }
        }
        return repo;
    }

    private void insertJiraWorkItems(long version) throws Exception {
        for (WorkItem item : WORK_ITEMS) {
            execute("""
                    INSERT INTO work_items (org_id, provider, work_item_id, project_key, title, type, status,
                        status_category, priority, assignee, assignee_id, reporter, labels, parent_id, created_at,
                        updated_at, completed_at, url, version)
                    SELECT {org:UUID}, 'jira', {key:String}, 'CORE', 't', 'story', 'Done', 'done', 'Medium',
                        {name:String}, {account:String}, '', [], '', parseDateTime64BestEffort({at:String}, 3, 'UTC'),
                        parseDateTime64BestEffort({at:String}, 3, 'UTC'),
                        parseDateTime64BestEffort({at:String}, 3, 'UTC'), '', {version:UInt64}""",
                    Map.of("org", org.id().toString(), "key", item.key(), "name", item.assigneeName(), "account",
                            item.assigneeAccountId(), "at", item.completed().toString(), "version",
                            Long.toString(version)));
        }
    }

    private void insertPagerDutyIncidents(long version) throws Exception {
        for (Incident incident : INCIDENTS) {
            execute("""
                    INSERT INTO incidents (org_id, provider, incident_id, title, status, urgency, service, repo_id,
                        deployment_id, created_at, resolved_at, resolved_by_id, url, version)
                    SELECT {org:UUID}, 'pagerduty', {id:String}, 't', 'resolved', 'high', 'api', NULL, '',
                        parseDateTime64BestEffort({at:String}, 3, 'UTC'),
                        parseDateTime64BestEffort({at:String}, 3, 'UTC'), {resolver:String}, '', {version:UInt64}""",
                    Map.of("org", org.id().toString(), "id", incident.id(), "resolver", incident.resolverId(), "at",
                            incident.resolved().toString(), "version", Long.toString(version)));
        }
    }

    private void execute(String sql, Map<String, Object> params) throws Exception {
        clickhouse.execute(sql, params, new CommandSettings()).get(60, TimeUnit.SECONDS).close();
    }

    // --- identity --------------------------------------------------------------------------------------------

    private static Map<String, Object> identity(String provider, String externalId) {
        return Map.of("provider", provider, "externalId", externalId);
    }

    @SafeVarargs
    private String createPerson(String displayName, Map<String, Object>... identities) {
        String id = (String) identity.post("/api/v1/identity/orgs/" + org.slug() + "/people", admin,
                Map.of("displayName", displayName, "identities", List.of(identities))).require(201).get("id");
        for (Map<String, Object> mappedIdentity : identities) {
            mapped.put(mappedIdentity.get("provider") + "/"
                    + ((String) mappedIdentity.get("externalId")).toLowerCase(Locale.ROOT), id);
        }
        return id;
    }

    private String createTeam(String key, List<String> members) {
        return (String) identity.post("/api/v1/identity/orgs/" + org.slug() + "/teams", admin, Map.of("key", key,
                "name", key, "members", members, "repositoryPatterns", List.of(), "jiraProjectKeys", List.of()))
                .require(201).get("id");
    }

    // --- git ---------------------------------------------------------------------------------------------------

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs git in {@code dir} as the given author and committer (independent of the machine's git configuration). */
    private static void git(Path dir, String email, String name, Instant at, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        Map<String, String> person = new LinkedHashMap<>();
        if (email != null) {
            person.put("GIT_AUTHOR_NAME", name);
            person.put("GIT_AUTHOR_EMAIL", email);
            person.put("GIT_COMMITTER_NAME", name);
            person.put("GIT_COMMITTER_EMAIL", email);
            person.put("GIT_AUTHOR_DATE", at.getEpochSecond() + " +0000");
            person.put("GIT_COMMITTER_DATE", at.getEpochSecond() + " +0000");
        }
        env.putAll(person);
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
