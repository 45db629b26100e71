package io.devhealth.sync.provider.git;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devhealth.sync.metrics.MetricsException;
import io.devhealth.sync.metrics.OrgTimeZone;
import io.devhealth.sync.metrics.RepoMetricsDaily;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.ClickHouseWriteException;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;
import io.devhealth.sync.sink.TableBatcher;
import io.devhealth.sync.sink.WriteFence;

/**
 * Syncs one git directory's history into ClickHouse {@code commits} and {@code commit_stats} under a given
 * {@code repo_id}, then recomputes {@code repo_metrics_daily} for the repository: the one code path of the local git
 * provider ({@link GitProviderSync}) and of hosted providers' clones ({@link RemoteGitHistory}).
 *
 * <p>What is synced is exactly {@code git rev-list --branches --remotes --tags}, with the stats of
 * {@code git log --numstat --no-renames} (git's own diff, via the git CLI). Incremental: the cursor holds the
 * ref tips the last successful run walked and a shallow clone's boundary ({@link GitCursor}); unchanged → nothing
 * is read or written; otherwise only commits not reachable from the old tips are extracted, plus the history a
 * deepened shallow clone gained ({@link ShallowBoundary}). Commits reachable from the old tips but not the new ones
 * (a force-push, a deleted branch) are written again as tombstones ({@code is_deleted = 1}). Re-writing a commit
 * is harmless (same key, ReplacingMergeTree), so a failed run simply leaves the cursor where it was. An object a
 * complete repository cannot read fails the run; only a partial clone's absent objects are "missing". Every insert
 * passes the context's write fence.
 *
 * <p>Outcome counts: {@code commits}, {@code commit_stats}, {@code repos} (rows written), {@code missingObjects}
 * (commits written without stats because objects are missing), {@code repo_metrics_daily} (days recomputed),
 * {@code tombstonedCommits}, {@code tombstonedCommitStats}.
 * Progress phases: {@code listing}, {@code extracting} (commits parsed of the commits listed), {@code writing}
 * (rows inserted of rows produced), {@code metrics}.
 */
@ApplicationScoped
public class GitHistorySync {

    private static final Logger LOG = Logger.getLogger(GitHistorySync.class);
    private static final int MAX_LISTED_MISSING = 10;

    private final GitHistoryExtractor extractor;
    private final ClickHouseSink sink;
    private final RepoMetricsDaily metrics;

    @Inject
    public GitHistorySync(GitConfig config, ClickHouseSink sink, RepoMetricsDaily metrics) {
        this.extractor = new GitHistoryExtractor(config.parallelism());
        this.sink = sink;
        this.metrics = metrics;
    }

    /**
     * Syncs {@code repo}'s history under {@code repoId}.
     *
     * @param cursorKey    what the cursor belongs to ({@link GitCursor#repositoryPath()}): a cursor of another key is
     *                     ignored and the run is a full sync
     * @param writeRepoRow also write the repository's {@code repos} row as a git repository (the local provider);
     *                     hosted providers write their own
     * @return counts, the next git cursor ({@code context.cursor()} is the previous one) and warnings
     * @throws SyncFailedException with a reason fit for users; nothing is reported as done
     */
    SyncOutcome sync(SyncContext context, GitRepository repo, UUID repoId, String cursorKey, boolean writeRepoRow)
            throws SyncFailedException {
        try {
            return syncHistory(context, repo, repoId, cursorKey, writeRepoRow);
        } catch (GitCommandException | GitOutputException e) {
            throw new SyncFailedException(e.getMessage(), e);
        } catch (WriteFence.FencedWriteException e) {
            throw new SyncFailedException(e.getMessage(), e);
        } catch (ClickHouseWriteException e) {
            throw new SyncFailedException("writing to ClickHouse failed: " + e.getMessage(), e);
        } catch (MetricsException e) {
            throw new SyncFailedException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new SyncFailedException("reading the repository failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }

    private SyncOutcome syncHistory(SyncContext context, GitRepository repo, UUID repoId, String cursorKey,
            boolean writeRepoRow) throws InterruptedException {
        Map<String, String> refs = GitRefs.read(repo);
        GitCursor previous = GitCursor.from(context.cursor(), cursorKey);
        GitCursor next = new GitCursor(cursorKey, refs, GitRefs.shallowBoundary(repo));
        if (previous != null && previous.unchangedAt(next)) {
            // No-op: same tips and boundary, so no new commit. Nothing is read or written.
            return new SyncOutcome(counts(new Written(), 0, 0, 0), next.toMap(), List.of());
        }
        Plan plan = Plan.of(repo, previous, next);
        long total = plan.size();
        context.progress().progress("listing", total, total);
        LOG.infof("git sync of %s (%s): %d commits to extract, %d to tombstone (%s)", context.configurationName(),
                cursorKey, plan.commits().size(), plan.unreachable().size(), previous == null ? "full" : "incremental");

        Written written = new Written();
        GitHistoryExtractor.Result extracted;
        try (SinkSession session = sink.open(context.version(), context.orgId() + "/" + repoId, context.fence())) {
            context.progress().progress("extracting", 0, total);
            extracted = write(context, repo, repoId, session, plan, written);
            if (writeRepoRow) {
                writeRepo(context, repo, repoId, refs, session);
            }
            // Progress counts commits in every phase: after extraction all of them are processed.
            context.progress().progress("writing", total, total);
            session.finish();
        }
        long days = 0;
        if (written.commits.get() + written.tombstones.get() > 0) {
            context.progress().progress("metrics", total, total);
            metrics.recompute(context.orgId(), repoId, context.version(), OrgTimeZone.from(context.orgSettings()));
            days = written.touchedDays.size();
        }
        return new SyncOutcome(counts(written, writeRepoRow ? 1 : 0, extracted.missingObjects().size(), days), next.toMap(),
                warnings(extracted));
    }

    /** What a run extracts: new commits (and deepened history), and commits no longer reachable. */
    private record Plan(CommitList commits, CommitList unreachable, Set<String> deepened) {

        static Plan of(GitRepository repo, GitCursor previous, GitCursor next) {
            // Tips that are not commits (a tag of a tree or blob) have no history; rev-list would refuse them.
            Set<String> tips = GitRefs.existingCommits(repo, next.refs().values());
            if (previous == null) {
                return new Plan(GitRefs.revList(repo, tips, Set.of()), CommitList.EMPTY, Set.of());
            }
            Set<String> previousTips = GitRefs.existingCommits(repo, previous.refs().values());
            Set<String> deepened = GitRefs.existingCommits(repo, ShallowBoundary.deepened(previous, next));
            CommitList commits = GitRefs.revList(repo, tips, previousTips)
                    .union(GitRefs.revList(repo, deepened, Set.of()));
            // Reachable before, not now: a force-push or a deleted branch dropped them. (Tips whose objects were
            // pruned meanwhile cannot be walked; their commits stay.)
            CommitList unreachable = GitRefs.revList(repo, previousTips, tips);
            return new Plan(commits, unreachable, deepened);
        }

        long size() {
            return (long) commits.size() + unreachable.size();
        }
    }

    /** Rows written, shared by the extraction workers. */
    private static final class Written {
        final Set<Long> touchedDays = ConcurrentHashMap.newKeySet();
        final AtomicLong commits = new AtomicLong();
        final AtomicLong stats = new AtomicLong();
        final AtomicLong tombstones = new AtomicLong();
        final AtomicLong tombstonedStats = new AtomicLong();
    }

    /** Extracts the plan's commits into rows, tombstones the unreachable ones, and mends deepened boundaries. */
    private GitHistoryExtractor.Result write(SyncContext context, GitRepository repo, UUID repoId,
            SinkSession session, Plan plan, Written written) throws InterruptedException {
        Map<String, GitCommit> boundaries = new ConcurrentHashMap<>();
        int listed = plan.commits().size();
        GitHistoryExtractor.Result extracted = extractor.extract(repo, plan.commits(), () -> capturing(
                new GitRowWriter(session, context.orgId(), repoId, written.touchedDays, written.commits,
                        written.stats), plan.deepened(), boundaries),
                parsed -> context.progress().progress("extracting", parsed, plan.size()));
        extractor.extract(repo, plan.unreachable(),
                () -> new GitRowWriter(session, context.orgId(), repoId, written.touchedDays, written.tombstones,
                        written.tombstonedStats, true),
                parsed -> context.progress().progress("extracting", listed + parsed, plan.size()));
        if (!boundaries.isEmpty()) {
            try (GitRowWriter tombstones = new GitRowWriter(session, context.orgId(), repoId, written.touchedDays,
                    written.tombstones, written.tombstonedStats, true)) {
                for (GitCommit boundary : boundaries.values()) {
                    List<byte[]> stale = ShallowBoundary.stale(ShallowBoundary.treePaths(repo, boundary.sha()), boundary);
                    tombstones.tombstoneStats(boundary, stale);
                    written.tombstonedStats.addAndGet(stale.size());
                }
            }
        }
        return extracted;
    }

    /** {@code writer}, also keeping the commits of {@code wanted} as extracted. */
    private static GitHistoryExtractor.CommitConsumer capturing(GitRowWriter writer, Set<String> wanted,
            Map<String, GitCommit> captured) {
        if (wanted.isEmpty()) {
            return writer;
        }
        return new GitHistoryExtractor.CommitConsumer() {
            @Override
            public void accept(GitCommit commit) {
                if (wanted.contains(commit.sha()) && !commit.diffMissing()) {
                    captured.put(commit.sha(), commit);
                }
                writer.accept(commit);
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }

    private static void writeRepo(SyncContext context, GitRepository repo, UUID repoId, Map<String, String> refs,
            SinkSession session) {
        try (TableBatcher repos = session.batcher(Table.REPOS)) {
            repos.row()
                    .uuid(context.orgId())
                    .uuid(repoId)
                    .string(GitProviderSync.PROVIDER)
                    .string(repo.name())
                    .string(repo.path().toString())
                    .string(GitRefs.defaultBranch(repo, refs))
                    .nullableUuid(context.syncConfigurationId())
                    .dateTime64Millis(System.currentTimeMillis())
                    .uint8(0)
                    .uint64(context.version());
            repos.endRow(repoId.toString());
        }
    }

    private static List<String> warnings(GitHistoryExtractor.Result extracted) {
        List<String> missing = extracted.missingObjects();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> listed = missing.stream().sorted().limit(MAX_LISTED_MISSING).toList();
        return List.of(missing.size() + " commit(s) synced without file stats because objects are missing from the"
                + " repository (a partial clone whose promisor remote is unavailable?): " + String.join(", ", listed)
                + (missing.size() > listed.size() ? ", …" : "")
                + (extracted.missingDetail() == null ? "" : " — git: " + firstLine(extracted.missingDetail())));
    }

    private static Map<String, Long> counts(Written written, long repos, long missing, long days) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(Table.COMMITS.name(), written.commits.get());
        counts.put(Table.COMMIT_STATS.name(), written.stats.get());
        counts.put(Table.REPOS.name(), repos);
        counts.put("missingObjects", missing);
        counts.put("repo_metrics_daily", days);
        counts.put("tombstonedCommits", written.tombstones.get());
        counts.put("tombstonedCommitStats", written.tombstonedStats.get());
        return counts;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return newline < 0 ? s : s.substring(0, newline);
    }
}
