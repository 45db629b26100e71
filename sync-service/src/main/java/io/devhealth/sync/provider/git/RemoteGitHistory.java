package io.devhealth.sync.provider.git;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;

/**
 * The git history of a hosted repository (GitHub, GitLab): clone or fetch it into the {@link CloneCache}, then sync
 * it with {@link GitHistorySync} — the local provider's code path — under the provider's own {@code repo_id}, so
 * commits join the provider's pull requests, pipelines and deployments. The provider writes the {@code repos} row;
 * this writes {@code commits} and {@code commit_stats} and recomputes {@code repo_metrics_daily}.
 *
 * <p>A provider keeps the returned cursor per repository inside its own cursor and hands it back next run.
 */
@ApplicationScoped
public class RemoteGitHistory {

    private final CloneCache clones;
    private final GitHistorySync history;

    @Inject
    public RemoteGitHistory(CloneCache clones, GitHistorySync history) {
        this.clones = clones;
        this.history = history;
    }

    /**
     * Fetches {@code remote} and syncs its history under {@code repoId}. Blocking (git processes; a first clone of a
     * large repository takes minutes): call it on a virtual or worker thread.
     *
     * @param context        the provider's run: org, version, fence and progress are used; its cursor is not
     * @param previousCursor the git cursor this call returned for the repository after the last successful run, or
     *                       {@code null}: a full sync
     * @return counts ({@code commits}, {@code commit_stats}, {@code tombstonedCommits}, {@code tombstonedCommitStats},
     *         {@code missingObjects}, {@code repo_metrics_daily}, {@code repos} = 0), the repository's next git cursor
     *         (store it only when the whole run succeeds) and warnings
     * @throws GitFetchException the clone or fetch failed ({@link GitFetchException#kind()}: credential refused,
     *         forbidden, not found, unreachable)
     * @throws SyncFailedException any other failure, with a reason fit for users
     */
    public SyncOutcome sync(SyncContext context, GitRemote remote, UUID repoId, Map<String, Object> previousCursor)
            throws SyncFailedException {
        SyncContext repository = new SyncContext(context.orgId(), context.syncConfigurationId(),
                context.configurationName(), context.options(), context.orgSettings(), previousCursor,
                context.version(), context.progress(), context.fence(), context.runId(), context.credentialId(),
                context.backfillDays());
        try {
            return clones.withMirror(context.orgId(), remote,
                    mirror -> history.sync(repository, mirror, repoId, remote.cursorKey(), false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }

    /** Work on a mirror's ancestry. */
    @FunctionalInterface
    public interface AncestryWork<T> {
        T apply(GitAncestry ancestry) throws SyncFailedException;
    }

    /**
     * Runs {@code work} on the mirror {@link #sync} last fetched for {@code remote} (no fetch), locked against a
     * concurrent fetch; e.g. the DORA linkage once the provider's rows are written.
     *
     * @throws SyncFailedException the mirror does not exist, or {@code work} failed
     */
    public <T> T onMirror(UUID orgId, GitRemote remote, AncestryWork<T> work) throws SyncFailedException {
        try {
            return clones.withFetchedMirror(orgId, remote, mirror -> work.apply(GitAncestry.of(mirror)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }
}
