package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
