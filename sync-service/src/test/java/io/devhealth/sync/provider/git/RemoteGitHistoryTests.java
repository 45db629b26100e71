package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hosted repositories' git history through the clone cache, over real network git: {@code git http-backend} behind a
 * local HTTP server that requires the token ({@link GitHttpServer}), the service's CDI beans, the real ClickHouse
 * engine, and git's own output as the oracle ({@link HistoryOracle}). Each test has its own org, so its own mirrors.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class RemoteGitHistoryTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis());
    private static final String BASE_URL = "https://git.example.test/api";

    @Inject
    RemoteGitHistory history;
    @Inject
    CloneCache clones;
    @Inject
    LocalRoots localRoots;
    @Inject
    ClickHouseConfig clickhouse;

    @TempDir
    Path served;
    String token;
    GitHttpServer server;
    GitFixture origin;
    LogCapture logs;

    @BeforeEach
    void setUp() {
        token = "ghs_" + UUID.randomUUID().toString().replace("-", "");
        server = GitHttpServer.start(served, GitCredential.GITHUB_USER, token);
        origin = SampleRepos.origin(served.resolve("widgets"));
        logs = LogCapture.start();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        server.close();
    }

    private GitRemote remote(String name, GitCredential credential) {
        return new GitRemote(BASE_URL, name, server.url(name), credential);
    }

    private GitRemote widgets() {
        return remote("widgets", GitCredential.github(token));
    }

    private SyncOutcome sync(UUID org, GitRemote remote, Map<String, Object> cursor) throws SyncFailedException {
        SyncContext context = new SyncContext(org, UUID.randomUUID(), "remote-test", Map.of(), Map.of(), null,
                VERSIONS.incrementAndGet(), null);
        return history.sync(context, remote, repoId(org), cursor);
    }

    private static UUID repoId(UUID org) {
        return UUID.nameUUIDFromBytes(("hosted:" + org).getBytes());
    }

    private List<String[]> query(String sql, UUID org) {
        return HistoryOracle.clickhouse(clickhouse.database()).apply(sql, org);
    }

    private long scalar(String sql, UUID org) {
        return Long.parseLong(query(sql, org).getFirst()[0]);
    }

    @Test
    void aCloneThenIncrementalFetchesSyncExactlyWhatGitPrintsAndForcePushesLeaveTombstones() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, widgets(), null);

        int all = origin.revList().size();
        assertThat(first.counts()).containsEntry("commits", (long) all).containsEntry("repos", 0L)
                .containsEntry("tombstonedCommits", 0L);
        HistoryOracle.assertHistoryMatches(origin, org, this::query);
        assertThat(query("SELECT DISTINCT toString(repo_id) FROM commits FINAL WHERE org_id = {org:UUID}", org))
                .singleElement().satisfies(row -> assertThat(row[0]).isEqualTo(repoId(org).toString()));
        assertThat(scalar("SELECT count() FROM repos FINAL WHERE org_id = {org:UUID}", org))
                .as("the provider writes the repos row, not the git history").isZero();
        assertThat(server.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorized()).isTrue());
        // The cache is not a local repository path: the local provider's privilege check does not apply to it.
        Path mirror = clones.mirrorPath(org, widgets());
        assertThat(mirror).startsWith(clones.root());
        assertThatThrownBy(() -> localRoots.permittedRealPath(mirror.toString(), Map.of()))
                .isInstanceOf(SyncFailedException.class);
        // Branches and tags only, nothing of the host's other refs, and no remote or URL stored.
        assertThat(new GitFixture(mirror).run("for-each-ref", "--format=%(refname)").lines())
                .allSatisfy(ref -> assertThat(ref).matches("refs/(heads|tags)/.*"));
        assertThat(Files.readString(mirror.resolve("config"))).doesNotContain("remote").doesNotContain("http");

        // Unchanged: nothing written, same cursor.
        SyncOutcome unchanged = sync(org, widgets(), first.cursor());
        assertThat(unchanged.counts()).containsEntry("commits", 0L);
        assertThat(unchanged.cursor()).isEqualTo(first.cursor());

        // New commits on main and a new branch: only they are extracted.
        origin.write("later.txt", "later\n").commitAll("later work");
        origin.run("branch", "topic");
        origin.run("checkout", "-q", "topic");
        origin.write("topic.txt", "t\n").commitAll("topic work");
        origin.run("checkout", "-q", "main");
        SyncOutcome second = sync(org, widgets(), first.cursor());
        assertThat(second.counts()).containsEntry("commits", 2L).containsEntry("tombstonedCommits", 0L);
        HistoryOracle.assertHistoryMatches(origin, org, this::query);

        // A force-push dropping the topic commit and rewriting main's last commit: both are tombstoned.
        String topic = origin.run("rev-parse", "topic").strip();
        String later = origin.head();
        origin.run("branch", "-D", "topic");
        origin.run("reset", "-q", "--hard", "HEAD~1");
        origin.write("later.txt", "rewritten\n").commitAll("later work, rewritten");
        SyncOutcome third = sync(org, widgets(), second.cursor());
        assertThat(third.counts()).containsEntry("commits", 1L).containsEntry("tombstonedCommits", 2L);
        assertThat(new GitFixture(mirror).run("for-each-ref", "--format=%(refname)"))
                .as("the deleted branch was pruned").doesNotContain("refs/heads/topic");
        HistoryOracle.assertHistoryMatches(origin, org, this::query);
        assertThat(query("SELECT DISTINCT sha FROM commits WHERE org_id = {org:UUID} AND is_deleted = 1", org))
                .extracting(row -> row[0]).containsExactlyInAnyOrder(topic, later);
        assertNoTokenAnywhere(mirror, List.of());
    }

    @Test
    void aRefusedTokenFailsFastWithAClearReasonAndWritesNothing() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, widgets(), null);
        origin.write("more.txt", "more\n").commitAll("more");
        long commits = scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org);

        String wrong = "ghs_wrong" + UUID.randomUUID().toString().replace("-", "");
        List<Throwable> failures = new ArrayList<>();
        for (GitCredential credential : List.of(GitCredential.github(wrong), GitCredential.github(token + "x"))) {
            GitFetchException failure = (GitFetchException) catchFailure(() -> sync(org, remote("widgets", credential),
                    first.cursor()));
            assertThat(failure.kind()).isEqualTo(GitFetchException.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).startsWith("git fetch of " + server.url("widgets") + " was refused "
                    + "(HTTP 401): the credential is invalid or expired");
            failures.add(failure);
        }
        GitFetchException anonymous = (GitFetchException) catchFailure(() -> sync(org, remote("widgets", null),
                first.cursor()));
        assertThat(anonymous.kind()).isEqualTo(GitFetchException.Kind.UNAUTHORIZED);
        assertThat(anonymous.getMessage()).contains("the repository needs a credential");
        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(commits);
        assertThat(server.requests()).filteredOn(r -> !r.authorized()).isNotEmpty();

        // The cached mirror is intact: the right token syncs the new commit from the unchanged cursor.
        assertThat(sync(org, widgets(), first.cursor()).counts()).containsEntry("commits", 1L);
        assertNoTokenAnywhere(clones.mirrorPath(org, widgets()), failures);
        for (Throwable failure : failures) {
            assertThat(stackTrace(failure)).doesNotContain(wrong).doesNotContain(token + "x");
        }
    }

    @Test
    void theTokenIsNeverInArgvTheMirrorLogsOrMessages() throws Exception {
        UUID org = UUID.randomUUID();
        sync(org, widgets(), null);
        Throwable notFound = catchFailure(() -> sync(org, remote("missing", GitCredential.github(token)), null));

        List<String> seen = server.commandLinesSeen();
        assertThat(seen).as("the snapshots saw the fetching git processes")
                .anySatisfy(line -> assertThat(line).contains("git").contains("fetch"));
        String basic = Base64.getEncoder().encodeToString((GitCredential.GITHUB_USER + ":" + token).getBytes());
        assertThat(seen).noneSatisfy(line -> assertThat(line).contains(token))
                .noneSatisfy(line -> assertThat(line).contains(basic));
        assertNoTokenAnywhere(clones.mirrorPath(org, widgets()), List.of(notFound));
        assertThat(GitCredential.github(token).toString()).doesNotContain(token);
    }

    @Test
    void anUnknownOrForbiddenRepositoryOrAnUnreachableServerIsReportedAsSuch() throws Exception {
        UUID org = UUID.randomUUID();
        GitFetchException missing = (GitFetchException) catchFailure(() -> sync(org,
                remote("missing", GitCredential.github(token)), null));
        assertThat(missing.kind()).isEqualTo(GitFetchException.Kind.NOT_FOUND);
        assertThat(missing.getMessage()).startsWith("git fetch of " + server.url("missing")
                + ": repository not found (HTTP 404), or not visible to the credential");

        server.forbid("widgets");
        GitFetchException forbidden = (GitFetchException) catchFailure(() -> sync(org, widgets(), null));
        assertThat(forbidden.kind()).isEqualTo(GitFetchException.Kind.FORBIDDEN);
        assertThat(forbidden.getMessage()).contains("was forbidden (HTTP 403): the credential may not read the "
                + "repository's contents");

        String closedPort = "http://127.0.0.1:1/git/widgets";
        GitFetchException unreachable = (GitFetchException) catchFailure(() -> sync(org,
                new GitRemote(BASE_URL, "closed", closedPort, GitCredential.github(token)), null));
        assertThat(unreachable.kind()).isEqualTo(GitFetchException.Kind.UNREACHABLE);
        assertThat(unreachable.getMessage()).contains("could not be reached");

        // Only http(s) URLs without user info reach git; nothing is cloned for the others.
        for (String url : List.of("file://" + served.resolve("widgets"), served.resolve("widgets").toString(),
                "ext::sh -c touch% /tmp/pwned", "https://user:" + token + "@git.example.test/a.git")) {
            Throwable refused = catchFailure(() -> sync(org, new GitRemote(BASE_URL, "other", url,
                    GitCredential.github(token)), null));
            assertThat(refused).isNotInstanceOf(GitFetchException.class).hasMessageContaining("clone URL")
                    .hasMessageNotContaining(token);
        }
        assertThat(scalar("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isZero();
        assertThat(clones.mirrorPath(org, remote("missing", null))).doesNotExist();
    }

    @Test
    void concurrentSyncsOfOneRepositoryTakeTurnsOnItsMirror() throws Exception {
        UUID org = UUID.randomUUID();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch bothInside = new CountDownLatch(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                done.add(threads.submit(() -> clones.withMirror(org, widgets(), mirror -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    bothInside.countDown();
                    try {
                        // Without the lock the other thread would arrive here within this bound.
                        bothInside.await(2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    int refs = GitRefs.read(mirror).size();
                    inside.decrementAndGet();
                    return refs;
                })));
            }
            for (Future<Integer> result : done) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(new GitFixture(origin.dir())
                        .run("for-each-ref", "--format=%(refname)", "refs/heads", "refs/tags").lines().count());
            }
        }
        assertThat(mostInside.get()).as("one holder of the mirror at a time").isEqualTo(1);
        assertThat(bothInside.getCount()).isZero();
        // And two full syncs racing on one mirror both succeed with the same result.
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<SyncOutcome> a = threads.submit(() -> sync(org, widgets(), null));
            Future<SyncOutcome> b = threads.submit(() -> sync(org, widgets(), null));
            assertThat(a.get(120, TimeUnit.SECONDS).cursor()).isEqualTo(b.get(120, TimeUnit.SECONDS).cursor());
        }
        assertThat(new GitFixture(clones.mirrorPath(org, widgets())).tryRun("fsck", "--no-progress").exit()).isZero();
        HistoryOracle.assertHistoryMatches(origin, org, this::query);
    }

    @Test
    void aCorruptMirrorIsClonedAgain() throws Exception {
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, widgets(), null);
        Path mirror = clones.mirrorPath(org, widgets());

        // Objects gone (loose and packed): the refs name missing objects.
        try (Stream<Path> objects = Files.walk(mirror.resolve("objects"))) {
            for (Path object : objects.filter(Files::isRegularFile).toList()) {
                Files.delete(object);
            }
        }
        assertThat(new GitFixture(mirror).tryRun("cat-file", "-e", "refs/heads/main").exit()).isNotZero();
        origin.write("after.txt", "after\n").commitAll("after the corruption");
        server.clearRequests();
        SyncOutcome second = sync(org, widgets(), first.cursor());
        assertThat(second.counts()).containsEntry("commits", 1L);
        assertThat(logs.text()).contains("is corrupt; cloning it again");
        assertThat(new GitFixture(mirror).tryRun("fsck", "--no-progress").exit()).isZero();
        HistoryOracle.assertHistoryMatches(origin, org, this::query);

        // Not a repository any more (HEAD and config garbage): cloned again too.
        Files.writeString(mirror.resolve("HEAD"), "garbage\n");
        Files.writeString(mirror.resolve("config"), "[[[ not a config\n");
        SyncOutcome third = sync(org, widgets(), second.cursor());
        assertThat(third.cursor()).isEqualTo(second.cursor());
        assertThat(new GitFixture(mirror).tryRun("fsck", "--no-progress").exit()).isZero();

        // A damaged object (a file's content) that only extraction reads: the run fails saying so, the mirror goes,
        // and the next run clones it again.
        String blob = new GitFixture(mirror).run("rev-parse", "main:after.txt").strip(); // diffed by its commit
        Path object = mirror.resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2));
        assertThat(object).as("small fetches keep loose objects").exists();
        object.toFile().setWritable(true);
        Files.writeString(object, "not zlib data");
        Throwable damaged = catchFailure(() -> sync(org, widgets(), null));
        assertThat(damaged).isInstanceOf(SyncFailedException.class).isNotInstanceOf(GitFetchException.class)
                .hasMessageContaining("the cached clone is corrupt and was discarded");
        assertThat(mirror).doesNotExist();
        assertThat(sync(org, widgets(), null).counts()).containsEntry("commits", (long) origin.revList().size());
        assertThat(new GitFixture(mirror).tryRun("fsck", "--no-progress").exit()).isZero();

        // No half-built clone is left beside the mirror.
        try (Stream<Path> siblings = Files.list(mirror.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .allSatisfy(name -> assertThat(name).doesNotContain(".tmp-"));
        }
    }

    /** The token (and its Basic form) is in no file of the mirror, no captured log record, no failure. */
    private void assertNoTokenAnywhere(Path mirror, List<Throwable> failures) {
        String basic = Base64.getEncoder().encodeToString((GitCredential.GITHUB_USER + ":" + token).getBytes());
        assertThat(mirror).isDirectory();
        assertThat(GitHttpServer.filesContaining(mirror, token)).isEmpty();
        assertThat(GitHttpServer.filesContaining(mirror, basic)).isEmpty();
        assertThat(GitHttpServer.filesContaining(clones.root(), token)).isEmpty();
        assertThat(logs.text()).doesNotContain(token).doesNotContain(basic);
        for (Throwable failure : failures) {
            assertThat(stackTrace(failure)).doesNotContain(token).doesNotContain(basic);
        }
    }

    private static Throwable catchFailure(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected a failure");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Every log record of the service while a test runs (message, parameters, thrown), as text. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final List<String> records = new CopyOnWriteArrayList<>();

        static LogCapture start() {
            LogCapture capture = new LogCapture();
            capture.setLevel(java.util.logging.Level.ALL);
            Logger.getLogger("").addHandler(capture);
            return capture;
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                text.append(' ').append(stackTrace(record.getThrown()));
            }
            records.add(text.toString());
        }

        String text() {
            return String.join("\n", records);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
