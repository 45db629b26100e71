package io.devhealth.sync.provider.github;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.ClickHouseWriteException;
import io.devhealth.sync.sink.SinkSession;

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
 * <p>Outcome counts: rows written per table, items fetched per stream ({@code fetched.pull_requests}),
 * {@code rateLimitWaits}, {@code rateLimitWaitSeconds}, {@code notModified} (streams skipped by a 304),
 * {@code repositories}.
 */
@ApplicationScoped
public class GitHubProviderSync implements ProviderSync {

    private static final Logger LOG = Logger.getLogger(GitHubProviderSync.class);

    private final GitHubConfig config;
    private final ApiClients clients;
    private final ClickHouseSink sink;

    public GitHubProviderSync(GitHubConfig config, ApiClients clients, ClickHouseSink sink) {
        this.config = config;
        this.clients = clients;
        this.sink = sink;
    }

    @Override
    public String provider() {
        return GitHubApi.PROVIDER;
    }

    @Override
    public SyncOutcome run(SyncContext context) throws SyncFailedException {
        GitHubOptions options = GitHubOptions.from(context.options(), config.apiUrl());
        GitHubApi api = new GitHubApi(options.apiUrl());
        RunProgress progress = new RunProgress(context.progress(), api.name());
        ApiClient client = clients.open(api, context, progress);
        ProviderCursor cursor = ProviderCursor.from(context.cursor(), api.baseUrl().toString());
        try {
            return sync(context, client, cursor, progress);
        } catch (ApiException e) {
            throw new SyncFailedException(e.getMessage(), e);
        } catch (ClickHouseWriteException e) {
            throw new SyncFailedException("writing to ClickHouse failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailedException("sync interrupted", e);
        }
    }

    private SyncOutcome sync(SyncContext context, ApiClient client, ProviderCursor cursor, RunProgress progress)
            throws InterruptedException, SyncFailedException {
        GitHubOptions options = GitHubOptions.from(context.options(), config.apiUrl());
        Instant now = clients.time().clock().instant();
        Instant backfillStart = context.backfillDays() == null ? null
                : now.minus(Duration.ofDays(context.backfillDays()));
        List<String> warnings = new ArrayList<>();
        List<String> failedScopes = new ArrayList<>();
        int synced = 0;
        // The run's fence: once its lease can no longer be renewed safely, no batch of this run is inserted.
        try (SinkSession session = sink.open(context.version(), context.orgId() + "/github/"
                + context.syncConfigurationId(), context.fence());
                ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            GitHubRows rows = new GitHubRows(session, context.orgId(), progress);
            GitHubStreams streams = new GitHubStreams(client, rows, cursor, progress, fetchers, config,
                    clients.config().cursorOverlap(), backfillStart);
            for (String name : repositories(client, options, progress)) {
                try {
                    GitHubRepository repo = resolve(client, context, name, warnings);
                    rows.repository(repo, context.syncConfigurationId(), now.toEpochMilli());
                    streams.sync(repo);
                    synced++;
                } catch (ApiException e) {
                    if (e.kind() != ApiException.Kind.NOT_FOUND && e.kind() != ApiException.Kind.FORBIDDEN) {
                        throw e;
                    }
                    LOG.warnf("github sync of %s: repository %s failed: %s", context.configurationName(), name,
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
        var counts = new java.util.LinkedHashMap<>(progress.counts());
        counts.put("repositories", (long) synced);
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
                        names.add(GitHubJson.text(repo, "full_name"));
                    }
                    return true;
                });
        return names;
    }

    private GitHubRepository resolve(ApiClient client, SyncContext context, String name, List<String> warnings)
            throws InterruptedException {
        JsonNode json = GitHubJson.requiredObject(ApiClient.json(client.get("/repos/" + name)));
        GitHubRepository repo = GitHubRepository.from(GitHubOptions.key(name), context.orgId(),
                client.api().baseUrl().toString(), json);
        if (!repo.fullName().equalsIgnoreCase(name)) {
            warnings.add("repository " + name + " is now " + repo.fullName() + " (renamed or transferred); "
                    + "update the configuration");
        }
        return repo;
    }
}
