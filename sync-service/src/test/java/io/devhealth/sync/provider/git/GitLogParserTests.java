package io.devhealth.sync.provider.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The parser on hand-made streams: what a dying git process leaves behind. (Well-formed output is covered against
 * real git in {@link GitHistoryExtractorTests}.)
 */
class GitLogParserTests {

    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);

    private static String header(String sha, String parents) {
        return String.join("\0", sha, parents, "Ann", "ann@example.com", "1700000000 +0530", "Cid", "cid@example.com",
                "1700000060 -0800", "subject") + "\0";
    }

    private static List<GitCommit> parse(String stream, List<GitCommit> pending) throws IOException {
        List<GitCommit> commits = new ArrayList<>();
        GitLogParser parser = new GitLogParser(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                commits::add, true);
        parser.parse();
        if (parser.pending() != null) {
            pending.add(parser.pending());
        }
        assertThat(parser.completed()).isEqualTo(commits.size());
        return commits;
    }

    @Test
    void aCommitIsCompleteOnlyWhenTheNextOneStarts() throws IOException {
        String stream = header(A, "") + "\n:000000 100644 0000000 1111111 A\0f.txt\0" + "3\t0\tf.txt\0"
                + header(B, A) + "\n:100644 100644 1111111 2222222 M\0f.txt\0" + "1\t1\tf.txt\0";
        List<GitCommit> pending = new ArrayList<>();
        List<GitCommit> commits = parse(stream, pending);

        assertThat(commits).singleElement().satisfies(c -> {
            assertThat(c.sha()).isEqualTo(A);
            assertThat(c.parents()).isEmpty();
            assertThat(c.files()).singleElement().satisfies(f -> {
                assertThat(f.pathString()).isEqualTo("f.txt");
                assertThat(f.changeType()).isEqualTo("A");
                assertThat(f.additions()).isEqualTo(3);
            });
            assertThat(c.authoredAtMillis()).isEqualTo(1_700_000_000_000L);
            assertThat(c.authorTzOffsetMinutes()).isEqualTo(330);
            assertThat(c.committerTzOffsetMinutes()).isEqualTo(-480);
        });
        // The last commit is only pending: the caller accepts it when git exited with status 0.
        assertThat(pending).singleElement().satisfies(c -> {
            assertThat(c.sha()).isEqualTo(B);
            assertThat(c.parents()).containsExactly(A);
            assertThat(c.files()).extracting(GitFileChange::changeType).containsExactly("M");
        });
    }

    @Test
    void aTruncatedStreamLeavesNoPendingCommit() throws IOException {
        String stream = header(A, "") + "\n:000000 100644 0000000 1111111 A\0f.txt\0" + "3\t0\tf.t";
        List<GitCommit> pending = new ArrayList<>();
        assertThat(parse(stream, pending)).isEmpty();
        assertThat(pending).isEmpty();
    }

    @Test
    void binaryFilesCountZeroAndAreFlagged() throws IOException {
        String stream = header(A, "") + "\n:000000 100644 0000000 1111111 A\0b.bin\0" + "-\t-\tb.bin\0";
        List<GitCommit> pending = new ArrayList<>();
        parse(stream, pending);
        assertThat(pending.get(0).files()).singleElement().satisfies(f -> {
            assertThat(f.binary()).isTrue();
            assertThat(f.additions()).isZero();
            assertThat(f.deletions()).isZero();
        });
    }

    @Test
    void unexpectedOutputIsAnError() {
        assertThatThrownBy(() -> parse("warning: something\0", new ArrayList<>()))
                .isInstanceOf(GitOutputException.class).hasMessageContaining("expected a commit object name");
    }
}
