package io.devhealth.sync.provider.github;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.git.GitCredential;
import io.devhealth.sync.provider.git.GitFetchException;
import io.devhealth.sync.provider.git.GitRemote;
import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.CodeHostTables;
import io.devhealth.sync.provider.http.FullRefreshTombstones;
import io.devhealth.sync.provider.http.HttpRun;
import io.devhealth.sync.provider.http.HostedHistory;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;

/**
 * Syncs GitHub repositories (REST v3, github.com or GitHub Enterprise Server) into ClickHouse: {@code repos},
 * {@code pull_requests}, {@code pull_request_reviews}, {@code pull_request_review_comments}, {@code work_items}
 * (issues), {@code ci_pipeline_runs} and {@code ci_pipeline_jobs} (Actions), {@code deployments} and
 * {@code deployment_statuses}, {@code releases}. See {@link GitHubStreams} for what each stream reads and how it is
 * incremental, {@link GitHubOptions} for the options.
 *
 * <p>Per repository: {@code GET /repos/{owner}/{name}} first (a 301 of a renamed repository is followed; the run
 * warns that the configuration names the old name). A repository that answers 404 or 403 fails as a scope: the other
 * repositories are still synced, then the run fails naming it (so its cursor, and the run's, stay where they were).
 * Rate limits make the run wait, never fail; malformed or truncated bodies fail it with the cursor unchanged.
 *
 * <p>Every {@code devhealth.provider.http.full-refresh-interval} (and on a first run) the run is a full refresh: the
 * backfill window (all history without one) is read again without watermarks or ETags, then each repository's rows
 * the source no longer lists are tombstoned ({@link GitHubTables#FULL_REFRESH_WINDOWS}), after every row was
 * written. Counts then include {@code fullRefresh} and {@code tombstoned.<table>}.
 *
 * <p>DORA linkage: once every row of the run is written, each repository whose history was synced gets its
 * {@code deployment_facts} and {@code change_facts} recomputed ({@code DeploymentLinkage}) on its mirror.
 *
 * <p>Git history ({@code gitHistory} option, on by default): after its API streams, each repository's
 * {@code clone_url} (a GitHub Enterprise Server's own URL there) is cloned or fetched into the clone cache with the
 * same credential (user {@value GitCredential#GITHUB_USER}) and its commits are synced under the repository's
 * {@code repo_id} ({@link HostedHistory}), so they join its pull requests and deployments; the git cursor of each
 * repository lives in the run's cursor ({@link ProviderCursor#git}). A clone that fails (credential refused, not
 * found, unreachable) fails that repository as a scope, like an API 404/403.
 *
 * <p>Outcome counts: rows written per table ({@code commits} and {@code commit_stats} included), items fetched per
 * stream ({@code fetched.pull_requests}), {@code rateLimitWaits}, {@code rateLimitWaitSeconds}, {@code notModified}
 * (streams skipped by a 304), {@code repositories}, and git's {@code tombstonedCommits}, {@code tombstonedCommitStats},
 * {@code missingObjects}, {@code repo_metrics_daily}; after a full refresh {@code fullRefresh} and
 * {@code tombstoned.<table>}; DORA linkage's {@code deployment_facts}, {@code change_facts} and
 * {@code unknownDeploymentCommits}.
 */
@ApplicationScoped
public class GitHubProviderSync implements ProviderSync {

    private static final Logger LOG = Logger.getLogger(GitHubProviderSync.class);

    private final GitHubConfig config;
    private final ApiClients clients;
    private final ClickHouseSink sink;
    private final FullRefreshTombstones tombstones;
    private final HostedHistory gitHistory;

    /**
     * @param gitHistory {@code null}: API streams only, whatever the {@code gitHistory} option says (tools and
     *                   benchmarks of the API path); then no DORA linkage either
     */
    @Inject
    public GitHubProviderSync(GitHubConfig config, ApiClients clients, ClickHouseSink sink,
            FullRefreshTombstones tombstones, HostedHistory gitHistory) {
        this.config = config;
        this.clients = clients;
        this.sink = sink;
        this.tombstones = tombstones;
        this.gitHistory = gitHistory;
    }

    @Override
    public String provider() {
        return GitHubApi.PROVIDER;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                "owner", "user or organization owning the repositories listed in repos",
                "repos", "repository names under owner",
                "org", "instead of owner and repos: every repository of this organization",
                "apiUrl", "API root of a GitHub Enterprise Server, e.g. https://ghe.example.com/api/v3 (default: "
                        + config.apiUrl() + ")",
                "gitHistory", "true (default): also clone each repository and sync its commits; false: API only");
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.REPOS, GitHubTables.PULL_REQUESTS, CodeHostTables.PULL_REQUEST_REVIEWS, CodeHostTables.PULL_REQUEST_COMMITS,
                CodeHostTables.PULL_REQUEST_REVIEW_COMMENTS, CodeHostTables.ISSUES, CodeHostTables.CI_PIPELINE_RUNS,
                CodeHostTables.CI_PIPELINE_JOBS, GitHubTables.DEPLOYMENTS, CodeHostTables.DEPLOYMENT_STATUSES,
                GitHubTables.RELEASES, Table.COMMITS, Table.COMMIT_STATS);
    }

    @Override
    public SyncOutcome run(SyncContext context) throws SyncFailedException {
        GitHubOptions options = GitHubOptions.from(context.options(), config.apiUrl());
        GitHubApi api = new GitHubApi(options.apiUrl());
        return HttpRun.start(clients, api, context).execute(run -> sync(context, run));
    }

    private SyncOutcome sync(SyncContext context, HttpRun run)
            throws InterruptedException, SyncFailedException {
        GitHubOptions options = GitHubOptions.from(context.options(), config.apiUrl());
        ApiClient client = run.client();
        ProviderCursor cursor = run.cursor();
        RunProgress progress = run.progress();
        List<UUID> refreshed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> failedScopes = new ArrayList<>();
        Map<String, Long> gitCounts = new LinkedHashMap<>();
        Map<GitHubRepository, GitRemote> remotes = new LinkedHashMap<>();
        int synced = 0;
        // The run's fence: once its lease can no longer be renewed safely, no batch of this run is inserted.
        try (SinkSession session = sink.open(context.version(), context.orgId() + "/github/"
                + context.syncConfigurationId(), context.fence());
                ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            GitHubRows rows = new GitHubRows(session, context.orgId(), progress);
            GitHubStreams streams = new GitHubStreams(client, rows, cursor, progress, fetchers, config,
                    clients.config().cursorOverlap(), run.backfillStart());
            for (String name : repositories(client, options, progress)) {
                try {
                    JsonNode json = ProviderJson.requiredObject(ApiClient.json(client.get("/repos/" + name)));
                    GitHubRepository repo = resolve(client, context, name, json, warnings);
                    rows.repository(repo, context.syncConfigurationId(), run.now().toEpochMilli());
                    streams.sync(repo);
                    if (options.gitHistory() && gitHistory != null) {
                        remotes.put(repo, syncGitHistory(context, client, cursor, progress, repo,
                                ProviderJson.text(json, "clone_url"), gitCounts, warnings));
                    }
                    refreshed.add(repo.repoId());
                    synced++;
                } catch (ApiException e) {
                    if (e.kind() != ApiException.Kind.NOT_FOUND && e.kind() != ApiException.Kind.FORBIDDEN) {
                        throw e;
                    }
                    LOG.warnf("github sync of %s: repository %s failed: %s", context.configurationName(), name,
                            e.getMessage());
                    failedScopes.add("repository " + name + ": " + e.getMessage());
                } catch (GitFetchException e) {
                    LOG.warnf("github sync of %s: cloning repository %s failed: %s", context.configurationName(), name,
                            e.getMessage());
                    failedScopes.add("repository " + name + ": " + e.getMessage());
                }
            }
            rows.close();
            session.finish(); // every row durable before the cursor can be committed
        }
        if (!failedScopes.isEmpty()) {
            throw new SyncFailedException(String.join("; ", failedScopes) + " (" + synced
                    + " other repositories synced; the cursor stays unchanged)");
        }
        var counts = new LinkedHashMap<>(progress.counts());
        counts.put("repositories", (long) synced);
        counts.putAll(gitCounts);
        if (run.fullRefresh()) {
            tombstones.finishFullRefresh(context.orgId(), refreshed, context.version(), run.backfillStart(),
                    GitHubTables.FULL_REFRESH_WINDOWS, counts);
        }
        for (var remote : remotes.entrySet()) {
            GitHubRepository repo = remote.getKey();
            gitHistory.link(context, repo.fullName(), remote.getValue(), repo.repoId(), progress, counts);
        }
        return new SyncOutcome(counts, cursor.toMap(), warnings);
    }

    /** The configured repositories, or every repository of the configured organization. */
    private List<String> repositories(ApiClient client, GitHubOptions options, RunProgress progress)
            throws InterruptedException {
        if (options.org() == null) {
            return options.repositories();
        }
        progress.reading("repositories", options.org());
        List<String> names = new ArrayList<>();
        client.pages(client.api().resolve("/orgs/" + options.org() + "/repos?type=all&per_page=" + config.pageSize()),
                null, page -> {
                    for (JsonNode repo : ApiClient.array(page, null)) {
                        names.add(ProviderJson.text(repo, "full_name"));
                    }
                    return true;
                });
        return names;
    }

    private static GitHubRepository resolve(ApiClient client, SyncContext context, String name, JsonNode json,
            List<String> warnings) {
        GitHubRepository repo = GitHubRepository.from(GitHubOptions.key(name), context.orgId(),
                client.api().baseUrl().toString(), json);
        if (!repo.fullName().equalsIgnoreCase(name)) {
            warnings.add("repository " + name + " is now " + repo.fullName() + " (renamed or transferred); "
                    + "update the configuration");
        }
        return repo;
    }

    /**
     * Clones or fetches {@code repo} and syncs its git history under its {@code repo_id}; its git cursor moves in
     * {@code cursor} (committed with the run).
     */
    /** @return the remote the history came from (its mirror is then up to date) */
    private GitRemote syncGitHistory(SyncContext context, ApiClient client, ProviderCursor cursor, RunProgress progress,
            GitHubRepository repo, String cloneUrl, Map<String, Long> gitCounts, List<String> warnings)
            throws SyncFailedException {
        String baseUrl = client.api().baseUrl().toString();
        if (cloneUrl.isBlank()) {
            throw new SyncFailedException("repository " + repo.fullName() + ": the API gave no clone_url; turn the "
                    + "gitHistory option off to sync without git history");
        }
        if (!HostedHistory.onHost(gitHost(client.api().baseUrl()), cloneUrl)) {
            throw new SyncFailedException("repository " + repo.fullName() + ": clone_url is not on " + baseUrl
                    + "'s host; the credential is not sent there");
        }
        GitCredential credential = client.secret() == null ? null : GitCredential.github(client.secret());
        GitRemote remote = new GitRemote(baseUrl, Long.toString(repo.githubId()), cloneUrl, credential);
        gitHistory.sync(context, cursor, repo.key(), repo.fullName(), remote, repo.repoId(), progress, gitCounts,
                warnings);
        return remote;
    }

    /** The host git is served from: github.com for the public API, the server's own host for Enterprise Server. */
    static String gitHost(URI apiBaseUrl) {
        String apiHost = apiBaseUrl.getHost() == null ? "" : apiBaseUrl.getHost().toLowerCase(Locale.ROOT);
        return apiHost.equals("api.github.com") ? "github.com" : apiHost;
    }
}
