package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.ClickHouseClients;
import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.metrics.RepoMetricsDaily;
import io.devhealth.sync.sink.BatchInserter;
import io.devhealth.sync.sink.SinkConfig;
import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The git provider end to end inside the service (CDI wiring, config, Flyway-migrated schema, client-v2 RowBinary
 * inserts, fault-tolerant inserter) against the real ClickHouse engine; every figure is compared with git's own
 * output on the same repository. Each test uses its own org id, so tests share the database safely.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class GitProviderSyncTests {

    @TempDir
    static Path tmp;
    static GitFixture origin;

    @Inject
    @Any
    Instance<ProviderSync> providers;
    @Inject
    ClickHouseConfig clickhouse;
    @Inject
    ClickHouseSink sink;
    @Inject
    GitConfig gitConfig;
    @Inject
    SinkConfig sinkConfig;
    @Inject
    LocalRoots localRoots;

    /** The organization grants this class's temporary directory (the test profile's operator root contains it). */
    private static Map<String, Object> orgSettings() {
        return Map.of(LocalRoots.ORG_SETTING, List.of(tmp.toString()));
    }

    @BeforeAll
    static void buildOrigin() {
        origin = SampleRepos.origin(tmp.resolve("origin"));
    }

    private ProviderSync git() {
        return providers.stream().filter(p -> p.provider().equals("git")).findFirst().orElseThrow();
    }

    private GitFixture freshClone(String name) {
        return SampleRepos.clone(origin, tmp.resolve(name));
    }

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());

    /** Runs a sync with a new version (strictly increasing, like run start times). */
    /** The last progress report of the latest sync: "phase processed/total". */
    private volatile String lastProgress;

    private SyncOutcome sync(UUID org, Path repo, Map<String, Object> cursor, List<String> phases)
            throws SyncFailedException {
        SyncContext context = new SyncContext(org, UUID.randomUUID(), "test", Map.of("repositoryPath",
                repo.toString()), orgSettings(), cursor, VERSIONS.incrementAndGet(), (phase, done, total) -> {
                    phases.add(phase);
                    lastProgress = phase + " " + done + "/" + total;
                });
        return git().run(context);
    }

    private SyncOutcome sync(UUID org, Path repo, Map<String, Object> cursor) throws SyncFailedException {
        return sync(org, repo, cursor, new CopyOnWriteArrayList<>());
    }

    /** Runs {@code sql} with {org:UUID} bound; returns TabSeparated rows split into fields. */
    private List<String[]> query(String sql, UUID org) {
        String out = Engines.clickhouse().queryWithParams(clickhouse.database(), sql, Map.of("org", org.toString()));
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private long scalar(String sql, UUID org) {
        return Long.parseLong(query(sql, org).get(0)[0]);
    }

    @Test
    void fullSyncWritesExactlyWhatGitPrints() throws Exception {
        GitFixture clone = freshClone("full");
        UUID org = UUID.randomUUID();
        List<String> phases = new CopyOnWriteArrayList<>();

        SyncOutcome outcome = sync(org, clone.dir(), null, phases);

        List<String> revList = clone.revList();
        Map<String, GitFixture.OracleCommit> commits = clone.commits();
        Map<String, List<GitFixture.OracleFile>> numstat = clone.numstat();
        long fileRows = numstat.values().stream().mapToLong(List::size).sum();
        long additions = numstat.values().stream().flatMap(List::stream).mapToLong(GitFixture.OracleFile::additions).sum();
        assertThat(outcome.counts()).containsEntry("commits", (long) revList.size())
                .containsEntry("commit_stats", fileRows).containsEntry("repos", 1L).containsEntry("missingObjects", 0L);
        assertThat(outcome.warnings()).isEmpty();
        assertThat(phases).contains("listing", "extracting", "writing", "metrics");
        // Progress counts commits in every phase, so a finished run reports what it synced.
        assertThat(lastProgress).isEqualTo("metrics " + revList.size() + "/" + revList.size());

        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(revList.size());
        assertThat(scalar("SELECT count() FROM commit_stats FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(fileRows);
        assertThat(scalar("SELECT sum(additions) FROM commit_stats FINAL WHERE org_id = {org:UUID}", org))
                .isEqualTo(additions);

        HistoryOracle.assertHistoryMatches(clone, org, this::query);

        // The repository row.
        List<String[]> repo = query("""
                SELECT toString(repo_id), provider, full_name, url, default_branch, isNotNull(sync_configuration_id)
                FROM repos FINAL WHERE org_id = {org:UUID}""", org);
        assertThat(repo).hasSize(1);
        String realPath = clone.dir().toRealPath().toString();
        assertThat(repo.get(0)).containsExactly(GitProviderSync.repoId(org, realPath).toString(), "git", "full",
                realPath, "main", "1");
        assertThat(outcome.cursor()).containsEntry("repositoryPath", realPath).containsKey("refs");
    }

    @Test
    void repoMetricsDailyEqualGitsOwnFigures() throws Exception {
        GitFixture clone = freshClone("metrics");
        UUID org = UUID.randomUUID();
        SyncOutcome outcome = sync(org, clone.dir(), null);

        // Independent computation from git's output: per UTC author day.
        Map<String, GitFixture.OracleCommit> commits = clone.commits();
        Map<String, List<GitFixture.OracleFile>> numstat = clone.numstat();
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<LocalDate, Set<String>> authors = new TreeMap<>();
        for (GitFixture.OracleCommit c : commits.values()) {
            LocalDate day = Instant.ofEpochSecond(c.authorTime()).atZone(ZoneOffset.UTC).toLocalDate();
            long[] d = days.computeIfAbsent(day, k -> new long[5]);
            d[0]++;
            d[1] += c.parents().size() > 1 ? 1 : 0;
            for (GitFixture.OracleFile f : numstat.getOrDefault(c.sha(), List.of())) {
                d[2] += f.additions();
                d[3] += f.deletions();
                d[4]++;
            }
            authors.computeIfAbsent(day, k -> new HashSet<>()).add(c.authorEmail().toLowerCase(Locale.ROOT));
        }
        List<String> expected = new ArrayList<>();
        days.forEach((day, d) -> expected.add(String.join("\t", day.toString(), Long.toString(d[0]),
                Long.toString(d[1]), Long.toString(d[2]), Long.toString(d[3]), Long.toString(d[4]),
                Integer.toString(authors.get(day).size()))));

        List<String> actual = query("""
                SELECT day, commits, merge_commits, additions, deletions, files_changed, authors
                FROM repo_metrics_daily FINAL WHERE org_id = {org:UUID} ORDER BY day""", org)
                .stream().map(r -> String.join("\t", r)).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(outcome.counts()).containsEntry("repo_metrics_daily", (long) days.size());
        // The fixture has a commit at 23:30 -08:00 (next day in UTC) and several authors per day with mixed case.
        assertThat(days).containsKey(LocalDate.parse("2024-01-01"));
    }

    @Test
    void secondRunWithoutNewCommitsWritesNothingAndANewCommitIsWrittenAlone() throws Exception {
        GitFixture clone = freshClone("incremental");
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, clone.dir(), null);
        String rawCounts = """
                SELECT (SELECT count() FROM commits WHERE org_id = {org:UUID}),
                       (SELECT count() FROM commit_stats WHERE org_id = {org:UUID}),
                       (SELECT count() FROM repos WHERE org_id = {org:UUID}),
                       (SELECT count() FROM repo_metrics_daily WHERE org_id = {org:UUID})""";
        List<String> before = List.of(query(rawCounts, org).get(0));

        // No-op: same tips → nothing read, nothing written (raw row counts, without FINAL, are unchanged).
        List<String> phases = new CopyOnWriteArrayList<>();
        SyncOutcome noop = sync(org, clone.dir(), first.cursor(), phases);
        assertThat(noop.counts().values()).allMatch(v -> v == 0L);
        assertThat(noop.cursor()).isEqualTo(first.cursor());
        assertThat(phases).doesNotContain("extracting", "writing", "metrics");
        assertThat(List.of(query(rawCounts, org).get(0))).isEqualTo(before);

        // One new commit → exactly that commit (and its file rows) is written.
        clone.author("New Author", "new@example.com", "2024-02-01T12:00:00+00:00")
                .committerDate("2024-02-01T12:00:00+00:00")
                .write("a.txt", "rewritten\n");
        String sha = clone.commitAll("one more");
        SyncOutcome second = sync(org, clone.dir(), noop.cursor());
        assertThat(second.counts()).containsEntry("commits", 1L).containsEntry("commit_stats", 1L)
                .containsEntry("repo_metrics_daily", 1L);
        long version = latestVersion(org);
        assertThat(query("SELECT sha FROM commits WHERE org_id = {org:UUID} AND version = " + version, org))
                .extracting(r -> r[0]).containsExactly(sha);
        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org))
                .isEqualTo(clone.revList().size());
        assertThat(query("SELECT day, commits FROM repo_metrics_daily FINAL WHERE org_id = {org:UUID}"
                + " AND day = '2024-02-01'", org)).extracting(r -> r[1]).containsExactly("1");

        // A cursor of another repository path (configuration edited) means a full sync.
        SyncOutcome elsewhere = sync(org, clone.dir(), Map.of("format", 1, "repositoryPath", "/elsewhere",
                "refs", Map.of()));
        assertThat(elsewhere.counts()).containsEntry("commits", (long) clone.revList().size());
    }

    private long latestVersion(UUID org) {
        return scalar("SELECT max(version) FROM commits WHERE org_id = {org:UUID}", org);
    }

    @Test
    void reWritingTheSameRowsIsIdempotent() throws Exception {
        GitFixture clone = freshClone("idempotent");
        UUID org = UUID.randomUUID();
        sync(org, clone.dir(), null);
        long commits = scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org);
        long stats = scalar("SELECT count() FROM commit_stats FINAL WHERE org_id = {org:UUID}", org);

        // A re-run (cursor lost, or a failed run retried) re-writes every key with a newer version: FINAL is unchanged.
        sync(org, clone.dir(), null);
        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(commits);
        assertThat(scalar("SELECT count() FROM commit_stats FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(stats);

        // A retried batch (same rows, same version → same insert_deduplication_token) is dropped by ClickHouse:
        // the raw row count does not move. Merges are stopped meanwhile: a background merge of two identical parts
        // would also bring the raw count back down and hide a duplicate.
        UUID repoId = UUID.randomUUID();
        long version = VERSIONS.incrementAndGet();
        List<GitCommit> extracted = new ArrayList<>(
                GitHistoryExtractorTests.extract(clone.dir(), new GitHistoryExtractor(1)).values());
        String rawCount = "SELECT count() FROM commits WHERE org_id = {org:UUID} AND repo_id = '" + repoId + "'";
        String database = clickhouse.database();
        Engines.clickhouse().execute(database, "SYSTEM STOP MERGES commits");
        try {
            write(org, repoId, version, extracted);
            assertThat(scalar(rawCount, org)).isEqualTo(extracted.size());
            write(org, repoId, version, extracted);
            assertThat(scalar(rawCount, org)).as("retried batch deduplicated").isEqualTo(extracted.size());

            // Controls: the token is what dropped it. A newer version is new data (replaced later by FINAL) …
            write(org, repoId, VERSIONS.incrementAndGet(), extracted);
            assertThat(scalar(rawCount, org)).isEqualTo(2L * extracted.size());
            // … and the same keys and version for another repository are not a duplicate either.
            UUID fork = UUID.randomUUID();
            write(org, fork, version, extracted);
            assertThat(scalar("SELECT count() FROM commits WHERE org_id = {org:UUID} AND repo_id = '" + fork + "'",
                    org)).isEqualTo(extracted.size());
        } finally {
            Engines.clickhouse().execute(database, "SYSTEM START MERGES commits");
        }
        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID} AND repo_id = '" + repoId + "'",
                org)).isEqualTo(extracted.size());
    }

    private void write(UUID org, UUID repoId, long version, List<GitCommit> commits) {
        try (SinkSession session = sink.open(version, org + "/" + repoId)) {
            try (GitRowWriter writer = new GitRowWriter(session, org, repoId, new HashSet<>(), new AtomicLong(),
                    new AtomicLong())) {
                commits.forEach(writer);
            }
            session.finish();
        }
    }

    @Test
    void partialCloneCountsMissingObjectsAndSucceeds() throws Exception {
        new GitFixture(tmp).run("clone", "-q", "--bare", origin.dir().toString(), "promisor.git");
        GitFixture source = new GitFixture(tmp.resolve("promisor.git"));
        source.run("config", "uploadpack.allowFilter", "true");
        new GitFixture(tmp).run("clone", "-q", "--filter=blob:none", "file://" + source.dir(), "partial");
        Path partial = tmp.resolve("partial");
        Files.move(source.dir(), tmp.resolve("promisor-gone.git"));
        UUID org = UUID.randomUUID();

        SyncOutcome outcome = sync(org, partial, null);

        long missing = outcome.counts().get("missingObjects");
        assertThat(missing).isPositive();
        assertThat(outcome.warnings()).singleElement().asString().startsWith(missing + " commit(s) synced without file stats");
        long all = new GitFixture(partial).revList().size();
        assertThat(outcome.counts()).containsEntry("commits", all);
        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(all);
        assertThat(scalar("SELECT countIf(files_changed = 0 AND is_merge = 0) FROM commits FINAL"
                + " WHERE org_id = {org:UUID}", org)).isGreaterThanOrEqualTo(missing);
    }

    @Test
    void badRepositoryPathsFailWithAClearReason() throws Exception {
        UUID org = UUID.randomUUID();
        Path missing = tmp.resolve("does-not-exist");
        // Inside the roots, but missing: refused like a path outside them (a run cannot probe the file system).
        assertThatThrownBy(() -> sync(org, missing, null)).isInstanceOf(SyncFailedException.class)
                .hasMessageStartingWith("repository path is not permitted: " + missing + " (");
        Path plain = Files.createDirectories(tmp.resolve("plain-dir"));
        assertThatThrownBy(() -> sync(org, plain, null)).isInstanceOf(SyncFailedException.class)
                .hasMessage("not a git repository: " + plain);
        assertThat(scalar("SELECT count() FROM repos WHERE org_id = {org:UUID}", org)).isZero();
    }

    @Test
    void clickHouseUnreachableFailsTheRunWithAClearReason() {
        GitFixture clone = freshClone("unreachable");
        // Built by hand (no CDI, so no retry interceptor): the point is the failure path, not the backoff.
        try (Client unreachable = ClickHouseClients.create("http://127.0.0.1:9", clickhouse.database(),
                clickhouse.username(), clickhouse.password(), false)) {
            GitProviderSync failing = new GitProviderSync(gitConfig, localRoots, new ClickHouseSink(new BatchInserter(unreachable,
                    sinkConfig), sinkConfig), new RepoMetricsDaily(unreachable));
            SyncContext context = new SyncContext(UUID.randomUUID(), UUID.randomUUID(), "test",
                    Map.of("repositoryPath", clone.dir().toString()), orgSettings(), null, VERSIONS.incrementAndGet(),
                    null);
            assertThatThrownBy(() -> failing.run(context)).isInstanceOf(SyncFailedException.class)
                    .hasMessageStartingWith("writing to ClickHouse failed: insert into ")
                    .hasMessageNotContaining(clickhouse.password());
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
