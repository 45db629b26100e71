package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extractor against git itself: on a repository with every awkward case ({@link SampleRepos}), the commit set
 * must equal {@code git rev-list --branches --remotes --tags} and every commit's metadata and file rows must equal
 * what {@code git log --numstat --no-renames} / {@code --name-status} print (parsed here from git's default,
 * quoted output — an oracle independent of the production {@code -z} parser).
 */
class GitHistoryExtractorTests {

    @TempDir
    static Path tmp;

    static GitFixture origin;
    static GitFixture clone;
    static GitFixture bare;

    @BeforeAll
    static void buildRepositories() {
        origin = SampleRepos.origin(tmp.resolve("origin"));
        clone = SampleRepos.clone(origin, tmp.resolve("clone"));
        new GitFixture(tmp).run("clone", "-q", "--bare", clone.dir().toString(), "bare.git");
        bare = new GitFixture(tmp.resolve("bare.git"));
    }

    /** Runs a full extraction and collects the commits by sha (failing on a duplicate). */
    static Map<String, GitCommit> extract(Path path, GitHistoryExtractor extractor) throws Exception {
        return extractWithResult(path, extractor).commits();
    }

    record Extraction(Map<String, GitCommit> commits, GitHistoryExtractor.Result result) {
    }

    static Extraction extractWithResult(Path path, GitHistoryExtractor extractor) throws Exception {
        GitRepository repo = GitRepository.open(new GitCli("git"), path.toString());
        CommitList commits = GitRefs.revList(repo, GitRefs.existingCommits(repo, GitRefs.read(repo).values()), Set.of());
        ConcurrentMap<String, GitCommit> out = new ConcurrentHashMap<>();
        GitHistoryExtractor.Result result = extractor.extract(repo, commits, () -> new GitHistoryExtractor.CommitConsumer() {
            @Override
            public void accept(GitCommit commit) {
                GitCommit previous = out.putIfAbsent(commit.sha(), commit);
                assertThat(previous).as("commit %s extracted twice", commit.sha()).isNull();
            }

            @Override
            public void close() {
            }
        }, parsed -> { });
        assertThat(result.commits()).isEqualTo(out.size());
        return new Extraction(out, result);
    }

    /** Every commit's metadata and file rows equal git's own output. */
    static void assertMatchesGit(GitFixture git, Map<String, GitCommit> extracted) {
        assertThat(extracted.keySet()).containsExactlyInAnyOrderElementsOf(git.revList());
        Map<String, GitFixture.OracleCommit> commits = git.commits();
        Map<String, List<GitFixture.OracleFile>> numstat = git.numstat();
        assertThat(commits.keySet()).containsExactlyInAnyOrderElementsOf(extracted.keySet());
        for (GitCommit commit : extracted.values()) {
            GitFixture.OracleCommit expected = commits.get(commit.sha());
            assertThat(commit.parents()).as("parents of %s", commit.sha()).isEqualTo(expected.parents());
            assertThat(commit.authorName()).isEqualTo(expected.authorName());
            assertThat(commit.authorEmail()).isEqualTo(expected.authorEmail());
            assertThat(commit.authoredAtMillis()).isEqualTo(expected.authorTime() * 1000);
            assertThat(commit.authorTzOffsetMinutes()).isEqualTo(GitFixture.tzMinutes(expected.authorTz()));
            assertThat(commit.committerName()).isEqualTo(expected.committerName());
            assertThat(commit.committerEmail()).isEqualTo(expected.committerEmail());
            assertThat(commit.committedAtMillis()).isEqualTo(expected.committerTime() * 1000);
            assertThat(commit.committerTzOffsetMinutes()).isEqualTo(GitFixture.tzMinutes(expected.committerTz()));
            assertThat(commit.subject()).isEqualTo(expected.subject());
            assertThat(commit.diffMissing()).isFalse();

            List<GitFixture.OracleFile> expectedFiles = numstat.getOrDefault(commit.sha(), List.of());
            List<GitFixture.OracleFile> actualFiles = new ArrayList<>();
            for (GitFileChange file : commit.files()) {
                actualFiles.add(new GitFixture.OracleFile(file.pathString(), file.additions(), file.deletions(),
                        file.binary(), file.changeType()));
            }
            assertThat(actualFiles).as("files of %s (%s)", commit.sha(), commit.subject())
                    .containsExactlyElementsOf(expectedFiles);
        }
    }

    @ParameterizedTest(name = "{0} git processes")
    @ValueSource(ints = { 1, 3 })
    void extractsExactlyWhatGitLogPrints(int processes) throws Exception {
        // minCommitsPerWorker = minChunk = 1: several processes and several slices even on a small repository.
        Map<String, GitCommit> extracted = extract(clone.dir(), new GitHistoryExtractor(processes, 1, 1));
        assertMatchesGit(clone, extracted);
    }

    @Test
    void fixtureCoversTheAwkwardCases() throws Exception {
        Map<String, GitCommit> extracted = extract(clone.dir(), new GitHistoryExtractor(2, 1, 1));
        List<GitFileChange> files = extracted.values().stream().flatMap(c -> c.files().stream()).toList();
        assertThat(files).extracting(GitFileChange::changeType).contains("A", "M", "D", "T");
        assertThat(files).filteredOn(GitFileChange::binary).extracting(GitFileChange::pathString)
                .contains("bin.dat");
        assertThat(files).extracting(GitFileChange::pathString)
                .contains("sp ace\ttab \u00fcn\u00ef.txt", "new\nline.txt", "quote\"d.txt", "vendor/lib");
        assertThat(files).filteredOn(f -> f.pathString().equals("sp ace\ttab \u00fcn\u00ef.txt"))
                .allSatisfy(f -> assertThat(f.path()).isEqualTo(
                        "sp ace\ttab \u00fcn\u00ef.txt".getBytes(StandardCharsets.UTF_8)));
        List<GitCommit> merges = extracted.values().stream().filter(GitCommit::isMerge).toList();
        assertThat(merges).hasSize(2).allSatisfy(m -> assertThat(m.files()).isEmpty());
        assertThat(extracted.values()).anySatisfy(c -> {
            assertThat(c.subject()).isEqualTo("empty commit with a second line");
            assertThat(c.files()).isEmpty();
        });
        assertThat(extracted.values()).anySatisfy(c -> assertThat(c.subject()).isEqualTo("hidden work"));
        assertThat(extracted.values()).anySatisfy(c -> assertThat(c.subject()).isEqualTo("side work"));
        assertThat(extracted.values()).anySatisfy(c -> assertThat(c.subject()).isEqualTo("local work"));
        assertThat(extracted.values()).anySatisfy(c -> {
            assertThat(c.authorName()).isEqualTo("Zo\u00eb \u00dcnicode");
            assertThat(c.authorTzOffsetMinutes()).isEqualTo(330);
        });
        assertThat(clone.run("for-each-ref", "--format=%(refname)")).contains("refs/remotes/origin/side",
                "refs/heads/local-work", "refs/tags/v-hidden");
    }

    @Test
    void bareRepository() throws Exception {
        GitRepository repo = GitRepository.open(new GitCli("git"), bare.dir().toString());
        assertThat(repo.bare()).isTrue();
        assertThat(repo.name()).isEqualTo("bare");
        assertMatchesGit(bare, extract(bare.dir(), new GitHistoryExtractor(2, 1, 1)));
    }

    @Test
    void emptyRepositoryHasNoCommits() throws Exception {
        GitFixture empty = GitFixture.init(tmp.resolve("empty"));
        assertThat(extract(empty.dir(), new GitHistoryExtractor(2))).isEmpty();
    }
}
