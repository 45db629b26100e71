package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The git sync's held-out review cases (issue 6, "git sync, hardened"), each against git's own answers on a real
 * repository and the real ClickHouse engine: the cursor is the tips walked, a deepened shallow clone gains its
 * history, damage is not a partial clone, force-pushed-away commits are tombstoned, aggregates are versioned by
 * computation time, and renames, copies and non-UTF-8 paths count as {@code git log --no-renames} counts them.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class GitSyncHardeningTests {

    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() + 10_000_000L);

    @TempDir
    Path tmp;

    @Inject
    @Any
    Instance<ProviderSync> providers;
    @Inject
    ClickHouseConfig clickhouse;

    // ---- the cursor is exactly the tips walked ----

    @Test
    void theCommitsListedAreThoseOfTheTipsReadEvenWhenARefMovesInBetween() {
        GitFixture git = GitFixture.init(tmp.resolve("moving"));
        String first = git.write("a.txt", "1\n").commitAll("first");
        String second = git.write("a.txt", "2\n").commitAll("second");
        GitRepository repo = repository(git.dir());
        Map<String, String> refs = GitRefs.read(repo);
        assertThat(refs).containsEntry("refs/heads/main", second);

        // main moves back after the refs were read (the cursor will record `second` as walked) …
        git.run("reset", "-q", "--hard", first);
        CommitList listed = GitRefs.revList(repo, GitRefs.existingCommits(repo, refs.values()), Set.of());

        // … so `second` must be listed: had rev-list re-read --branches, a later run whose refs equal the cursor
        // would skip it forever.
        assertThat(shas(listed)).containsExactlyInAnyOrder(second, first);
    }

    // ---- a deepened shallow clone ----

    @Test
    void aDeepenedShallowCloneSyncsTheHistoryItGainedAndMendsTheBoundaryCommits() throws Exception {
        GitFixture origin = SampleRepos.origin(tmp.resolve("origin"));
        new GitFixture(tmp).run("clone", "-q", "--no-single-branch", "--depth", "2",
                "file://" + origin.dir(), "shallow");
        GitFixture shallow = new GitFixture(tmp.resolve("shallow"));
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, shallow.dir(), null);
        assertThat(first.cursor()).containsKey("shallow");
        long shallowCommits = shallow.revList().size();
        assertThat(count("SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", org)).isEqualTo(shallowCommits);

        shallow.run("fetch", "-q", "--unshallow");
        SyncOutcome second = sync(org, shallow.dir(), first.cursor());

        assertThat(second.cursor()).doesNotContainKey("shallow");
        assertThat(second.counts().get("commits")).isPositive();
        assertMatchesGit(org, shallow);
        // Once complete, the next run is a no-op again.
        assertThat(sync(org, shallow.dir(), second.cursor()).counts().get("commits")).isZero();
    }

    // ---- damage is not a partial clone ----

    @Test
    void aCorruptObjectFailsTheRunInsteadOfSkippingTheCommit() throws Exception {
        GitFixture git = looseObjectRepository("corrupt");
        Path object = looseObject(git, git.run("rev-parse", "HEAD~1:a.txt").strip());
        Files.setPosixFilePermissions(object, PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(object, "this is not a zlib stream".getBytes(StandardCharsets.US_ASCII));
        UUID org = UUID.randomUUID();

        assertThatThrownBy(() -> sync(org, git.dir(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("the repository is damaged");
    }

    @Test
    void anObjectAbsentFromACompleteRepositoryIsDamageNotAMissingObject() throws Exception {
        GitFixture git = looseObjectRepository("deleted");
        Files.delete(looseObject(git, git.run("rev-parse", "HEAD~1:a.txt").strip()));
        UUID org = UUID.randomUUID();

        assertThatThrownBy(() -> sync(org, git.dir(), null)).isInstanceOf(SyncFailedException.class)
                .hasMessageContaining("the repository is damaged");
    }

    // ---- force-push: tombstones, and days that lost every commit go ----

    @Test
    void commitsNoLongerReachableAfterAForcePushAreTombstonedAndTheirEmptiedDaysGo() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("force"));
        String c1 = at(git, "2024-03-01T10:00:00+00:00").write("a.txt", "1\n").commitAll("c1");
        String c2 = at(git, "2024-03-02T10:00:00+00:00").write("a.txt", "2\n").commitAll("c2");
        String c3 = at(git, "2024-03-02T12:00:00+00:00").write("b.txt", "3\n").commitAll("c3");
        String c5 = at(git, "2024-03-03T10:00:00+00:00").write("c.txt", "5\n5\n").commitAll("c5");
        UUID org = UUID.randomUUID();
        SyncOutcome first = sync(org, git.dir(), null);
        assertThat(days(org)).containsExactly("2024-03-01\t1", "2024-03-02\t2", "2024-03-03\t1");

        // The branch is rewritten: c3 and c5 are dropped, c4 replaces them.
        git.run("reset", "-q", "--hard", c2);
        String c4 = at(git, "2024-03-04T10:00:00+00:00").write("d.txt", "4\n").commitAll("c4");
        SyncOutcome second = sync(org, git.dir(), first.cursor());

        assertThat(second.counts()).containsEntry("commits", 1L).containsEntry("tombstonedCommits", 2L)
                .containsEntry("tombstonedCommitStats", 2L);
        // Every read (FINAL, is_deleted = 0, as analytics-service reads) sees exactly the reachable history.
        assertThat(strings("SELECT sha FROM commits FINAL WHERE org_id = {org:UUID} AND is_deleted = 0", org))
                .containsExactlyInAnyOrder(c1, c2, c4);
        assertThat(strings("SELECT sha FROM commits WHERE org_id = {org:UUID} SETTINGS final = 1", org))
                .containsExactlyInAnyOrder(c1, c2, c4);
        assertThat(strings("SELECT DISTINCT sha FROM commit_stats FINAL WHERE org_id = {org:UUID} AND is_deleted = 0",
                org)).containsExactlyInAnyOrder(c1, c2, c4);
        // The tombstones are newer rows of the same keys (version = the second run's).
        assertThat(strings("SELECT sha FROM commits WHERE org_id = {org:UUID} AND is_deleted = 1", org))
                .containsExactlyInAnyOrder(c3, c5);
        // 2024-03-02 keeps c2 (recomputed), 2024-03-03 lost every commit: its row is gone; 2024-03-04 is new.
        assertThat(days(org)).containsExactly("2024-03-01\t1", "2024-03-02\t1", "2024-03-04\t1");

        // Pushed back: the commits are reachable again and come back.
        git.run("reset", "-q", "--hard", c5);
        sync(org, git.dir(), second.cursor());
        assertThat(strings("SELECT sha FROM commits FINAL WHERE org_id = {org:UUID} AND is_deleted = 0", org))
                .containsExactlyInAnyOrder(c1, c2, c3, c5);
        assertThat(days(org)).containsExactly("2024-03-01\t1", "2024-03-02\t2", "2024-03-03\t1");
    }

    // ---- aggregates are versioned by computation time ----

    @Test
    void aLaterComputationReplacesTheDailyRowsEvenWhenItsRunStartedEarlier() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("versions"));
        at(git, "2024-04-01T10:00:00+00:00").write("a.txt", "1\n").commitAll("one");
        UUID org = UUID.randomUUID();
        long laterStart = VERSIONS.addAndGet(1_000_000);
        SyncOutcome first = sync(org, git.dir(), null, laterStart);
        assertThat(days(org)).containsExactly("2024-04-01\t1");

        // A run that started before the first one (a slow replica) computes after it.
        at(git, "2024-04-01T11:00:00+00:00").write("a.txt", "2\n").commitAll("two");
        long computedAfter = System.currentTimeMillis();
        sync(org, git.dir(), first.cursor(), laterStart - 500_000);

        assertThat(days(org)).containsExactly("2024-04-01\t2");
        assertThat(count("SELECT max(version) FROM repo_metrics_daily WHERE org_id = {org:UUID}", org))
                .as("version = computation time in epoch ms, not the run start")
                .isBetween(computedAfter, System.currentTimeMillis());
    }

    // ---- renames, copies and non-UTF-8 paths: as git log --no-renames counts them ----

    @Test
    void renamedAndCopiedFilesCountAsGitLogNoRenamesCountsThem() throws Exception {
        GitFixture git = GitFixture.init(tmp.resolve("renames"));
        // The repository asks for rename and copy detection; the sync must not follow it.
        git.run("config", "diff.renames", "copies");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            big.append("line ").append(i).append('\n');
        }
        git.write("big.txt", big.toString()).commitAll("add big");
        git.run("mv", "big.txt", "moved.txt");
        String rename = git.commitAll("rename big to moved");
        git.write("copy.txt", big + "one more\n").commitAll("copy moved to copy, plus a line");
        git.run("mv", "moved.txt", "renamed-and-edited.txt");
        git.write("renamed-and-edited.txt", big.toString().replace("line 7\n", "line seven\n"));
        git.commitAll("rename with an edit");
        UUID org = UUID.randomUUID();

        sync(org, git.dir(), null);

        assertMatchesGit(org, git);
        assertThat(strings("SELECT concat(path, ' ', change_type, ' ', toString(additions), ' ', toString(deletions))"
                + " FROM commit_stats FINAL WHERE org_id = {org:UUID} AND sha = '" + rename + "'", org))
                .containsExactlyInAnyOrder("big.txt D 0 200", "moved.txt A 200 0");
    }

    @Test
    void pathsThatAreNotValidUtf8AreStoredAsTheirBytes() throws Exception {
        Path dir = tmp.resolve("latin1.git");
        GitFixture git = new GitFixture(tmp);
        git.run("init", "-q", "--bare", "-b", "main", dir.toString());
        GitFixture bare = new GitFixture(dir);
        byte[][] paths = { bytes("caf", 0xE9, ".txt"), bytes("dir-", 0xFF, 0xFE, "/x.txt"), bytes("ok-ascii.txt") };
        bare.runWithInput(fastImport(paths), "fast-import", "--quiet");
        UUID org = UUID.randomUUID();

        sync(org, dir, null);

        Set<String> expected = new HashSet<>();
        for (byte[] path : paths) {
            expected.add(HexFormat.of().withUpperCase().formatHex(path));
        }
        assertThat(strings("SELECT DISTINCT hex(path) FROM commit_stats FINAL WHERE org_id = {org:UUID}", org))
                .containsExactlyInAnyOrderElementsOf(expected);
        // git's own numstat, NUL-terminated (raw bytes), is the oracle for the counts.
        byte[] numstat = bare.tryRunWithInput(new byte[0], "log", "--numstat", "-z", "--no-renames", "--format=")
                .stdout();
        Set<String> gitRows = new HashSet<>();
        for (String row : new String(numstat, StandardCharsets.ISO_8859_1).split("\0")) {
            String[] f = row.strip().split("\t");
            if (f.length == 3) {
                gitRows.add(HexFormat.of().withUpperCase().formatHex(f[2].getBytes(StandardCharsets.ISO_8859_1))
                        + " " + f[0] + " " + f[1]);
            }
        }
        assertThat(strings("SELECT concat(hex(path), ' ', toString(additions), ' ', toString(deletions))"
                + " FROM commit_stats FINAL WHERE org_id = {org:UUID}", org)).containsExactlyInAnyOrderElementsOf(gitRows);
    }

    // ---- helpers ----

    private SyncOutcome sync(UUID org, Path repo, Map<String, Object> cursor) throws SyncFailedException {
        return sync(org, repo, cursor, VERSIONS.incrementAndGet());
    }

    private SyncOutcome sync(UUID org, Path repo, Map<String, Object> cursor, long version) throws SyncFailedException {
        ProviderSync git = providers.stream().filter(p -> p.provider().equals("git")).findFirst().orElseThrow();
        return git.run(new SyncContext(org, UUID.randomUUID(), "hardening", Map.of("repositoryPath", repo.toString()),
                Map.of(LocalRoots.ORG_SETTING, List.of(tmp.toString())), cursor, version, null));
    }

    /** Every stored (non-deleted) commit and file row equals git's own output for the repository. */
    private void assertMatchesGit(UUID org, GitFixture git) {
        Map<String, GitFixture.OracleCommit> commits = git.commits();
        Map<String, List<GitFixture.OracleFile>> numstat = git.numstat();
        Set<String> expected = new HashSet<>();
        commits.values().forEach(c -> {
            List<GitFixture.OracleFile> files = numstat.getOrDefault(c.sha(), List.of());
            expected.add(String.join("|", c.sha(), String.join(" ", c.parents()),
                    Long.toString(files.stream().mapToLong(GitFixture.OracleFile::additions).sum()),
                    Long.toString(files.stream().mapToLong(GitFixture.OracleFile::deletions).sum()),
                    Integer.toString(files.size())));
        });
        assertThat(strings("""
                SELECT concat(sha, '|', arrayStringConcat(parents, ' '), '|', toString(additions), '|',
                       toString(deletions), '|', toString(files_changed))
                FROM commits FINAL WHERE org_id = {org:UUID} AND is_deleted = 0""", org))
                .containsExactlyInAnyOrderElementsOf(expected);
        Set<String> expectedFiles = new HashSet<>();
        numstat.forEach((sha, files) -> files.forEach(f -> expectedFiles.add(String.join("|", sha,
                HexFormat.of().withUpperCase().formatHex(f.path().getBytes(StandardCharsets.UTF_8)), f.status(),
                Integer.toString(f.additions()), Integer.toString(f.deletions())))));
        assertThat(strings("""
                SELECT concat(sha, '|', hex(path), '|', change_type, '|', toString(additions), '|', toString(deletions))
                FROM commit_stats FINAL WHERE org_id = {org:UUID} AND is_deleted = 0""", org))
                .containsExactlyInAnyOrderElementsOf(expectedFiles);
    }

    /** A repository whose objects are loose files (a fresh one; clones and gc pack them). */
    private GitFixture looseObjectRepository(String name) {
        GitFixture git = GitFixture.init(tmp.resolve(name));
        git.write("a.txt", "one\ntwo\n").commitAll("first");
        git.write("a.txt", "one\n2\n").commitAll("second");
        git.write("b.txt", "b\n").commitAll("third");
        return git;
    }

    private static Path looseObject(GitFixture git, String sha) {
        Path object = git.dir().resolve(".git/objects").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
        assertThat(object).exists();
        return object;
    }

    private static GitFixture at(GitFixture git, String date) {
        return git.author("Ada Lovelace", "ada@example.com", date).committerDate(date);
    }

    private static GitRepository repository(Path dir) {
        try {
            return GitRepository.open(new GitCli("git"), dir.toString());
        } catch (SyncFailedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> shas(CommitList list) {
        List<String> shas = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            shas.add(list.sha(i));
        }
        return shas;
    }

    /** "day\tcommits" of the org's daily rows, by day. */
    private List<String> days(UUID org) {
        return strings("SELECT concat(toString(day), '\t', toString(commits)) FROM repo_metrics_daily FINAL"
                + " WHERE org_id = {org:UUID} ORDER BY day", org);
    }

    private List<String> strings(String sql, UUID org) {
        String out = Engines.clickhouse().queryWithParams(clickhouse.database(), sql, Map.of("org", org.toString()));
        // TabSeparated escapes tabs inside values.
        return out.lines().filter(line -> !line.isEmpty()).map(line -> line.replace("\\t", "\t")).toList();
    }

    private long count(String sql, UUID org) {
        return Long.parseLong(strings(sql, org).get(0));
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    /** A git fast-import stream: one commit adding a file of two lines at each path, a second editing each. */
    private static byte[] fastImport(byte[][] paths) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<Integer, String> contents = new HashMap<>(Map.of(1, "one\ntwo\n", 2, "one\nTWO\nthree\n"));
        for (int mark = 1; mark <= 2; mark++) {
            String data = contents.get(mark);
            out.writeBytes(("commit refs/heads/main\nmark :" + mark + "\n"
                    + "author Ada <ada@example.com> 1711965600 +0000\n"
                    + "committer Ada <ada@example.com> 1711965600 +0000\n"
                    + "data 6\ncommit\n" + (mark == 2 ? "from :1\n" : "")).getBytes(StandardCharsets.US_ASCII));
            for (byte[] path : paths) {
                out.writeBytes("M 100644 inline ".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(path);
                out.writeBytes(("\ndata " + data.length() + "\n" + data + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }
}
