package io.devhealth.sync.provider.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.devhealth.sync.metrics.RepoMetricsDaily;
import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.Table;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Syncs a local git repository into ClickHouse {@code repos}, {@code commits} and {@code commit_stats}, then
 * recomputes {@code repo_metrics_daily} for the days it touched: {@link GitHistorySync} (the path hosted providers'
 * clones share) over a repository on this machine, plus its {@code repos} row.
 *
 * <p>Options: {@code repositoryPath} (absolute path of a bare or non-bare repository on this machine), read only
 * when its real path lies under the operator's and the organization's local roots ({@link LocalRoots}). The cursor
 * ({@link GitCursor}) belongs to that real path.
 *
 * <p>Outcome counts and progress phases: those of {@link GitHistorySync}, with {@code repos} = 1.
 */
@ApplicationScoped
public class GitProviderSync implements ProviderSync {

    public static final String PROVIDER = "git";
    public static final String OPTION_REPOSITORY_PATH = "repositoryPath";

    private final GitCli git;
    private final LocalRoots localRoots;
    private final GitHistorySync history;

    public GitProviderSync(GitConfig config, LocalRoots localRoots, ClickHouseSink sink, RepoMetricsDaily metrics) {
        this.git = new GitCli(config.executable());
        this.localRoots = localRoots;
        this.history = new GitHistorySync(config, sink, metrics);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(OPTION_REPOSITORY_PATH, "absolute path of a bare or non-bare git repository on the sync host, "
                + "under the operator's and the organization's local roots");
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.REPOS, Table.COMMITS, Table.COMMIT_STATS);
    }

    /** The repository's id: stable for an org and a repository path (name-based UUID of both). */
    public static UUID repoId(UUID orgId, String realPath) {
        return UUID.nameUUIDFromBytes(("git:" + orgId + ":" + realPath).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SyncOutcome run(SyncContext context) throws SyncFailedException {
        if (!(context.options().get(OPTION_REPOSITORY_PATH) instanceof String path) || path.isBlank()) {
            throw new SyncFailedException("option repositoryPath is required (an absolute path to a git repository)");
        }
        context.progress().progress("listing", 0, null);
        // Before any git process starts; git then runs in the checked real path, never the given one.
        Path permitted = localRoots.permittedRealPath(path, context.orgSettings());
        GitRepository repo = GitRepository.open(git, permitted.toString());
        String realPath = repo.path().toString();
        return history.sync(context, repo, repoId(context.orgId(), realPath), realPath, true);
    }
}
