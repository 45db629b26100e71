package io.devhealth.sync.provider.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.ProductionEnvironments;
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
 * Syncs GitLab projects (REST v4, gitlab.com or self-managed) into ClickHouse: {@code repos}, {@code pull_requests}
 * (merge requests), {@code pull_request_reviews} (approvals, review notes), {@code pull_request_review_comments}
 * (diff notes), {@code pull_request_commits}, {@code work_items} (issues), {@code ci_pipeline_runs} and
 * {@code ci_pipeline_jobs} (pipelines), {@code deployments} and {@code deployment_statuses}. See
 * {@link GitLabStreams} for what each stream reads and how it is incremental, {@link GitLabOptions} for the options.
 *
 * <p>Per project: {@code GET /projects/:id} first (id or URL-encoded full path). A project (or group) that answers 404
 * or 403 fails as a scope: the other projects are still synced, then the run fails naming it (so the run's cursor stays
 * where it was). Rate limits make the run wait, never fail; malformed or truncated bodies fail it with the cursor
 * unchanged.
 *
 * <p>Every {@code devhealth.provider.http.full-refresh-interval} (and on a first run) the run is a full refresh: the
 * backfill window is read again without watermarks or ETags, then each project's rows the source no longer lists are
 * tombstoned ({@link GitLabTables#FULL_REFRESH_WINDOWS}); counts then include {@code fullRefresh} and
 * {@code tombstoned.<table>}.
 *
 * <p>Outcome counts: rows written per table, items fetched per stream ({@code fetched.merge_requests}),
 * {@code rateLimitWaits}, {@code rateLimitWaitSeconds}, {@code notModified}, {@code projects}.
 */
@ApplicationScoped
public class GitLabProviderSync implements ProviderSync {

    private static final Logger LOG = Logger.getLogger(GitLabProviderSync.class);

    private final GitLabConfig config;
    private final ApiClients clients;
    private final ClickHouseSink sink;
    private final FullRefreshTombstones tombstones;
    private final HostedHistory gitHistory;

    /**
     * @param gitHistory {@code null}: API streams only, whatever the {@code gitHistory} option says; then no DORA
     *                   linkage either
     */
    public GitLabProviderSync(GitLabConfig config, ApiClients clients, ClickHouseSink sink,
            FullRefreshTombstones tombstones, HostedHistory gitHistory) {
        this.config = config;
        this.clients = clients;
        this.sink = sink;
        this.tombstones = tombstones;
        this.gitHistory = gitHistory;
    }

    @Override
    public String provider() {
        return GitLabApi.PROVIDER;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                "projects", "projects by numeric id or full path (group/sub/project)",
                "groups", "groups by numeric id or full path: every project in them and their subgroups",
                "baseUrl", "API root of a self-managed GitLab, e.g. https://gitlab.example.com/api/v4 (default: "
                        + config.apiUrl() + ")",
                "gitHistory", "true (default): also clone each project and sync its commits; false: API only");
    }

    @Override
    public List<Table> tables() {
        return List.of(Table.REPOS, GitLabTables.PULL_REQUESTS, CodeHostTables.PULL_REQUEST_REVIEWS, CodeHostTables.PULL_REQUEST_REVIEW_COMMENTS,
                CodeHostTables.PULL_REQUEST_COMMITS, CodeHostTables.ISSUES, CodeHostTables.CI_PIPELINE_RUNS, CodeHostTables.CI_PIPELINE_JOBS,
                GitLabTables.DEPLOYMENTS, CodeHostTables.DEPLOYMENT_STATUSES, Table.COMMITS, Table.COMMIT_STATS);
    }

    @Override
    public SyncOutcome run(SyncContext context) throws SyncFailedException {
        GitLabOptions options = GitLabOptions.from(context.options(), config.apiUrl());
        GitLabApi api = new GitLabApi(options.baseUrl());
        return HttpRun.start(clients, api, context).execute(run -> sync(context, options, run));
    }

    private SyncOutcome sync(SyncContext context, GitLabOptions options, HttpRun run) throws InterruptedException, SyncFailedException {
        ApiClient client = run.client();
        ProviderCursor cursor = run.cursor();
        RunProgress progress = run.progress();
        List<UUID> refreshed = new ArrayList<>();
        Map<GitLabProject, GitRemote> remotes = new LinkedHashMap<>();
        Map<String, Long> gitCounts = new LinkedHashMap<>();
        Set<String> warnings = ConcurrentHashMap.newKeySet();
        List<String> failedScopes = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        int synced = 0;
        try (SinkSession session = sink.open(context.version(), context.orgId() + "/gitlab/"
                + context.syncConfigurationId(), context.fence());
                ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            GitLabRows rows = new GitLabRows(session, context.orgId(), progress);
            GitLabStreams streams = new GitLabStreams(client, rows, cursor, progress, fetchers, config,
                    clients.config().cursorOverlap(), run.backfillStart(),
                    ProductionEnvironments.from(context.orgSettings()), warnings);
            for (String reference : projects(client, options, progress, failedScopes)) {
                try {
                    GitLabProject project = GitLabProject.from(context.orgId(), client.api().baseUrl().toString(),
                            ProviderJson.requiredObject(ApiClient.json(client.get("/projects/"
                                    + GitLabApi.segment(reference)))));
                    if (!seen.add(project.gitlabId())) {
                        continue; // configured directly and through a group
                    }
                    rows.project(project, context.syncConfigurationId(), run.now().toEpochMilli());
                    streams.sync(project);
                    if (options.gitHistory() && gitHistory != null) {
                        remotes.put(project, syncGitHistory(context, client, cursor, progress, project, gitCounts,
                                warnings));
                    }
                    refreshed.add(project.repoId());
                    synced++;
                } catch (ApiException e) {
                    failedScopes.add(scopeFailure("project " + reference, e, context));
                } catch (GitFetchException e) {
                    LOG.warnf("gitlab sync of %s: cloning project %s failed: %s", context.configurationName(),
                            reference, e.getMessage());
                    failedScopes.add("project " + reference + ": " + e.getMessage());
                }
            }
            rows.close();
            session.finish(); // every row durable before the cursor can be committed
        }
        if (!failedScopes.isEmpty()) {
            throw new SyncFailedException(String.join("; ", failedScopes) + " (" + synced
                    + " other projects synced; the cursor stays unchanged)");
        }
        Map<String, Long> counts = new LinkedHashMap<>(progress.counts());
        counts.put("projects", (long) synced);
        counts.putAll(gitCounts);
        if (run.fullRefresh()) {
            tombstones.finishFullRefresh(context.orgId(), refreshed, context.version(), run.backfillStart(),
                    GitLabTables.FULL_REFRESH_WINDOWS, counts);
        }
        for (var remote : remotes.entrySet()) {
            GitLabProject project = remote.getKey();
            gitHistory.link(context, project.fullPath(), remote.getValue(), project.repoId(), progress, counts);
        }
        return new SyncOutcome(counts, cursor.toMap(), new ArrayList<>(new java.util.TreeSet<>(warnings)));
    }

    /** Fetches the project's repository and syncs its history; @return the remote (its mirror now up to date) */
    private GitRemote syncGitHistory(SyncContext context, ApiClient client, ProviderCursor cursor, RunProgress progress,
            GitLabProject project, Map<String, Long> gitCounts, Set<String> warnings) throws SyncFailedException {
        String baseUrl = client.api().baseUrl().toString();
        if (project.cloneUrl().isBlank()) {
            throw new SyncFailedException("project " + project.fullPath() + ": the API gave no http_url_to_repo; "
                    + "turn the gitHistory option off to sync without git history");
        }
        String host = client.api().baseUrl().getHost() == null ? "" : client.api().baseUrl().getHost();
        if (!HostedHistory.onHost(host, project.cloneUrl())) {
            throw new SyncFailedException("project " + project.fullPath() + ": http_url_to_repo is not on " + baseUrl
                    + "'s host; the credential is not sent there");
        }
        GitCredential credential = client.secret() == null ? null : GitCredential.gitlab(client.secret());
        GitRemote remote = new GitRemote(baseUrl, Long.toString(project.gitlabId()), project.cloneUrl(), credential);
        gitHistory.sync(context, cursor, project.key(), project.fullPath(), remote, project.repoId(), progress,
                gitCounts, warnings);
        return remote;
    }

    /**
     * The configured projects, then every project of each configured group and its subgroups (ids, ascending: a
     * project created during the walk is appended, never shifts one unseen). A group that answers 404 or 403 is a
     * failed scope; the rest goes on.
     */
    private List<String> projects(ApiClient client, GitLabOptions options, RunProgress progress,
            List<String> failedScopes) throws InterruptedException {
        List<String> references = new ArrayList<>(options.projects());
        for (String group : options.groups()) {
            progress.reading("projects", group);
            try {
                client.pages(client.api().resolve("/groups/" + GitLabApi.segment(group)
                        + "/projects?include_subgroups=true&with_shared=false&order_by=id&sort=asc&per_page="
                        + config.pageSize()), null, page -> {
                            for (JsonNode project : ApiClient.array(page, null)) {
                                references.add(Long.toString(ProviderJson.requiredNumber(
                                        ProviderJson.requiredObject(project), "id")));
                            }
                            return true;
                        });
            } catch (ApiException e) {
                if (e.kind() != ApiException.Kind.NOT_FOUND && e.kind() != ApiException.Kind.FORBIDDEN) {
                    throw e;
                }
                failedScopes.add("group " + group + ": " + e.getMessage());
            }
        }
        return references;
    }

    private static String scopeFailure(String scope, ApiException e, SyncContext context) {
        if (e.kind() != ApiException.Kind.NOT_FOUND && e.kind() != ApiException.Kind.FORBIDDEN) {
            throw e;
        }
        LOG.warnf("gitlab sync of %s: %s failed: %s", context.configurationName(), scope, e.getMessage());
        return scope + ": " + e.getMessage();
    }
}
