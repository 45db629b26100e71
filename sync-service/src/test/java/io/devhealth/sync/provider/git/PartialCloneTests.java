package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partial clone ({@code --filter=blob:none}) lacks the blobs of old commits. The extractor must not fetch them
 * (a sync never touches the network) and must not fail: commits whose diff needs a missing blob are written with
 * their metadata, counted, and everything else is exact.
 */
class PartialCloneTests {

    @TempDir
    static Path tmp;

    static GitFixture source;
    static GitFixture partial;

    @BeforeAll
    static void buildPartialClone() {
        GitFixture origin = SampleRepos.origin(tmp.resolve("origin"));
        new GitFixture(tmp).run("clone", "-q", "--bare", origin.dir().toString(), "source.git");
        source = new GitFixture(tmp.resolve("source.git"));
        source.run("config", "uploadpack.allowFilter", "true");
        new GitFixture(tmp).run("clone", "-q", "--filter=blob:none", "file://" + source.dir(), "partial");
        partial = new GitFixture(tmp.resolve("partial"));
    }

    private static String objectCount(GitFixture git) {
        return git.run("count-objects", "-v");
    }

    @Test
    void missingBlobsAreCountedNotFetchedNotFatal() throws Exception {
        String objectsBefore = objectCount(partial);

        GitHistoryExtractorTests.Extraction extraction = GitHistoryExtractorTests.extractWithResult(partial.dir(),
                new GitHistoryExtractor(2, 1, 1));

        // Nothing was fetched from the (still reachable) promisor remote.
        assertThat(objectCount(partial)).isEqualTo(objectsBefore);
        Map<String, GitCommit> commits = extraction.commits();
        assertThat(commits.keySet()).containsExactlyInAnyOrderElementsOf(partial.revList());
        List<String> missing = extraction.result().missingObjects();
        assertThat(missing).isNotEmpty().hasSizeLessThan(commits.size());
        assertThat(extraction.result().missingDetail()).contains("promisor remote");

        // The source has every object: it is the oracle for the commits that could be diffed.
        Map<String, List<GitFixture.OracleFile>> numstat = source.numstat();
        Map<String, GitFixture.OracleCommit> metadata = source.commits();
        for (GitCommit commit : commits.values()) {
            assertThat(commit.subject()).isEqualTo(metadata.get(commit.sha()).subject());
            assertThat(commit.authoredAtMillis()).isEqualTo(metadata.get(commit.sha()).authorTime() * 1000);
            if (missing.contains(commit.sha())) {
                assertThat(commit.diffMissing()).isTrue();
                assertThat(commit.files()).isEmpty();
                assertThat(commit.isMerge()).isFalse();
            } else {
                assertThat(commit.diffMissing()).isFalse();
                assertThat(commit.files()).extracting(GitFileChange::pathString, GitFileChange::additions,
                        GitFileChange::deletions).containsExactlyElementsOf(numstat.getOrDefault(commit.sha(),
                        List.of()).stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.path(), f.additions(),
                        f.deletions())).toList());
            }
        }
    }

    @Test
    void theMissingCommitsAreExactlyThoseWhoseDiffNeedsAnAbsentBlob() throws Exception {
        GitHistoryExtractorTests.Extraction extraction = GitHistoryExtractorTests.extractWithResult(partial.dir(),
                new GitHistoryExtractor(2, 1, 1));

        assertThat(extraction.result().missingObjects()).containsExactlyInAnyOrderElementsOf(expectedMissing(partial));
    }

    /**
     * The oracle, from git's plumbing (neither command fetches or reads blobs): the blobs absent from the clone
     * ({@code rev-list --objects --missing=print}), and per non-merge commit the blobs its first-parent diff reads
     * ({@code diff-tree --raw}: both sides of a modification, one side of an addition or deletion; submodule
     * entries have no blob; a mode change reads its blob too, as git does for the numstat).
     */
    static Set<String> expectedMissing(GitFixture git) {
        Set<String> absent = new HashSet<>();
        for (String line : git.run("rev-list", "--objects", "--missing=print", "--branches", "--remotes", "--tags")
                .split("\n")) {
            if (line.startsWith("?")) {
                absent.add(line.substring(1).strip());
            }
        }
        assertThat(absent).as("the partial clone lacks some blobs").isNotEmpty();
        Set<String> missing = new HashSet<>();
        for (String commit : git.revList()) {
            String[] parents = git.run("rev-list", "--parents", "-n", "1", commit).strip().split(" ");
            if (parents.length > 2) {
                continue; // a merge: git log --numstat shows no diff
            }
            String raw = git.run("diff-tree", "-r", "--no-renames", "--raw", "--root", "--no-commit-id", commit);
            for (String entry : raw.split("\n")) {
                if (!entry.startsWith(":")) {
                    continue;
                }
                String[] f = entry.substring(1).split("[ \t]");
                String oldMode = f[0];
                String newMode = f[1];
                String oldSha = f[2];
                String newSha = f[3];
                if ((needsBlob(oldMode, oldSha) && absent.contains(oldSha))
                        || (needsBlob(newMode, newSha) && absent.contains(newSha))) {
                    missing.add(commit);
                }
            }
        }
        return missing;
    }

    private static boolean needsBlob(String mode, String sha) {
        return !mode.equals("160000") && !mode.equals("000000") && !sha.matches("0+");
    }

    @Test
    void promisorRemoteGone() throws Exception {
        Path moved = tmp.resolve("source-gone.git");
        GitHistoryExtractorTests.Extraction before = GitHistoryExtractorTests.extractWithResult(partial.dir(),
                new GitHistoryExtractor(1));
        Files.move(source.dir(), moved);
        try {
            GitHistoryExtractorTests.Extraction after = GitHistoryExtractorTests.extractWithResult(partial.dir(),
                    new GitHistoryExtractor(1));
            assertThat(after.commits().keySet()).isEqualTo(before.commits().keySet());
            assertThat(after.result().missingObjects())
                    .containsExactlyInAnyOrderElementsOf(before.result().missingObjects()).isNotEmpty();
        } finally {
            Files.move(moved, source.dir());
        }
    }
}
