package io.devhealth.sync.provider.http;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.dora.DeploymentLinkage;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.git.GitRemote;
import io.devhealth.sync.provider.git.RemoteGitHistory;
import io.devhealth.sync.sink.Table;

/**
 * What a code host's provider (GitHub, GitLab) does with each repository beyond its API streams: sync its git history
 * from the clone cache under the provider's {@code repo_id} ({@link RemoteGitHistory}), its git cursor kept in the
 * provider's cursor, and, once every row of the run is written, recompute its DORA facts on that mirror
 * ({@link DeploymentLinkage}).
 */
@ApplicationScoped
public class HostedHistory {

    private final RemoteGitHistory history;
    private final DeploymentLinkage linkage;

    public HostedHistory(RemoteGitHistory history, DeploymentLinkage linkage) {
        this.history = history;
        this.linkage = linkage;
    }

    /**
     * Whether a clone URL is on the code host's own host, so the credential may be sent there.
     *
     * @param gitHost the host git is served from (GitHub's API {@code api.github.com} serves git at
     *                {@code github.com}; elsewhere the API's host)
     */
    public static boolean onHost(String gitHost, String cloneUrl) {
        try {
            String host = URI.create(cloneUrl).getHost();
            return host != null && host.toLowerCase(Locale.ROOT).equals(gitHost.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Fetches {@code remote} and syncs its history under {@code repoId}; the repository's git cursor moves in
     * {@code cursor} (committed with the run's). Commit rows count as written; git's other counts are added to
     * {@code counts}.
     *
     * @param scope the repository's key in the provider's cursor
     * @param name  the repository's name for progress and warnings
     * @throws io.devhealth.sync.provider.git.GitFetchException the fetch failed (a failed scope)
     * @throws SyncFailedException any other failure
     */
    public void sync(SyncContext context, ProviderCursor cursor, String scope, String name, GitRemote remote,
            UUID repoId, RunProgress progress, Map<String, Long> counts, Collection<String> warnings)
            throws SyncFailedException {
        progress.reading("git", name);
        SyncOutcome git = history.sync(context, remote, repoId, cursor.git(scope));
        cursor.putGit(scope, git.cursor());
        git.counts().forEach((table, n) -> {
            if (table.equals(Table.COMMITS.name()) || table.equals(Table.COMMIT_STATS.name())) {
                progress.written(table, n);
            } else if (!table.equals(Table.REPOS.name())) {
                counts.merge(table, n, Long::sum);
            }
        });
        git.warnings().forEach(warning -> warnings.add("repository " + name + ": " + warning));
    }

    /**
     * Recomputes {@code repoId}'s DORA facts on the mirror {@link #sync} fetched. Call after every row of the run was
     * written (the linkage reads the deployments and requests back from ClickHouse). Adds {@code deployment_facts},
     * {@code change_facts} and {@code unknownDeploymentCommits} to {@code counts}.
     */
    public void link(SyncContext context, String name, GitRemote remote, UUID repoId, RunProgress progress,
            Map<String, Long> counts) throws SyncFailedException {
        progress.reading("dora", name);
        DeploymentLinkage.Outcome linked = history.onMirror(context.orgId(), remote,
                ancestry -> linkage.link(context.orgId(), repoId, ancestry, context.orgSettings(), context.fence()));
        counts.merge("deployment_facts", linked.deploymentFacts(), Long::sum);
        counts.merge("change_facts", linked.changeFacts(), Long::sum);
        counts.merge("unknownDeploymentCommits", (long) linked.unknownCommits(), Long::sum);
    }
}
