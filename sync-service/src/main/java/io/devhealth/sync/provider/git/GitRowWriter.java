package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.TableBatcher;

/**
 * Encodes one extraction worker's commits as {@code commits} and {@code commit_stats} rows (RowBinary, column
 * order of {@link Table#COMMITS} / {@link Table#COMMIT_STATS}). One per worker thread.
 */
final class GitRowWriter implements GitHistoryExtractor.CommitConsumer {

    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    private final UUID orgId;
    private final UUID repoId;
    private final long version;
    private final TableBatcher commits;
    private final TableBatcher stats;
    private final Set<Long> touchedDays;
    private final AtomicLong commitRows;
    private final AtomicLong statRows;
    private final int isDeleted;

    /**
     * @param touchedDays receives the UTC epoch day of every commit's author date (shared by all workers)
     * @param commitRows  incremented per commits row (shared)
     * @param statRows    incremented per commit_stats row (shared)
     */
    GitRowWriter(SinkSession session, UUID orgId, UUID repoId, Set<Long> touchedDays, AtomicLong commitRows,
            AtomicLong statRows) {
        this(session, orgId, repoId, touchedDays, commitRows, statRows, false);
    }

    /**
     * @param tombstones write every row with {@code is_deleted = 1}: the commits are no longer reachable (a
     *                   force-push dropped them), and FINAL hides them from every read
     */
    GitRowWriter(SinkSession session, UUID orgId, UUID repoId, Set<Long> touchedDays, AtomicLong commitRows,
            AtomicLong statRows, boolean tombstones) {
        this.isDeleted = tombstones ? 1 : 0;
        this.orgId = orgId;
        this.repoId = repoId;
        this.version = session.version();
        this.commits = session.batcher(Table.COMMITS);
        this.stats = session.batcher(Table.COMMIT_STATS);
        this.touchedDays = touchedDays;
        this.commitRows = commitRows;
        this.statRows = statRows;
    }

    @Override
    public void accept(GitCommit commit) {
        byte[] sha = commit.sha().getBytes(StandardCharsets.US_ASCII);
        for (GitFileChange file : commit.files()) {
            stats.row()
                    .uuid(orgId)
                    .uuid(repoId)
                    .string(sha)
                    .string(file.path())
                    .string(file.changeType())
                    .uint32(file.additions())
                    .uint32(file.deletions())
                    .bool(file.binary())
                    .dateTime64Millis(commit.authoredAtMillis())
                    .dateTime64Millis(commit.committedAtMillis())
                    .uint8(isDeleted)
                    .uint64(version);
            stats.endRow(sha, file.path());
            statRows.incrementAndGet();
        }
        commits.row()
                .uuid(orgId)
                .uuid(repoId)
                .string(sha)
                .stringArray(commit.parents())
                .bool(commit.isMerge())
                .string(commit.authorName())
                .string(commit.authorEmail())
                .dateTime64Millis(commit.authoredAtMillis())
                .int16(commit.authorTzOffsetMinutes())
                .string(commit.committerName())
                .string(commit.committerEmail())
                .dateTime64Millis(commit.committedAtMillis())
                .int16(commit.committerTzOffsetMinutes())
                .string(commit.subject())
                .uint32(Math.min(MAX_UINT32, commit.additions()))
                .uint32(Math.min(MAX_UINT32, commit.deletions()))
                .uint32(commit.files().size())
                .uint8(isDeleted)
                .uint64(version);
        commits.endRow(sha, new byte[0]);
        commitRows.incrementAndGet();
        touchedDays.add(Math.floorDiv(commit.authoredAtMillis(), 86_400_000L));
    }

    /**
     * Tombstones {@code commit}'s file rows at {@code paths}: rows an earlier run wrote that the commit's diff no
     * longer has (a shallow boundary commit was diffed against the empty tree; deepened, it has a real parent).
     */
    void tombstoneStats(GitCommit commit, Iterable<byte[]> paths) {
        byte[] sha = commit.sha().getBytes(StandardCharsets.US_ASCII);
        for (byte[] path : paths) {
            stats.row()
                    .uuid(orgId)
                    .uuid(repoId)
                    .string(sha)
                    .string(path)
                    .string("")
                    .uint32(0)
                    .uint32(0)
                    .bool(false)
                    .dateTime64Millis(commit.authoredAtMillis())
                    .dateTime64Millis(commit.committedAtMillis())
                    .uint8(1)
                    .uint64(version);
            stats.endRow(sha, path);
        }
    }

    @Override
    public void close() {
        stats.close();
        commits.close();
    }
}
