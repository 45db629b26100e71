package io.devhealth.sync.provider.jira;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.sync.provider.ProviderSync;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncFailedException;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.FullRefreshTombstones;
import io.devhealth.sync.provider.http.HttpRun;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.SinkSession;
import io.devhealth.sync.sink.Table;

/**
 * Syncs a Jira Cloud site's issues (REST v3) into ClickHouse: {@code work_items} and {@code work_item_transitions}.
 * A run first reads the site's field metadata, statuses, issue types and the API user's time zone ({@link JiraSite}),
 * then the configuration's issues ({@link JiraIssues}). Options: {@link JiraOptions}; credential: {@link JiraApi}.
 *
 * <p>401, 403 and 404 fail the run naming the request; rate limits make it wait, never fail; a malformed or truncated
 * body fails it. A failed run returns no cursor, so the configuration's cursor stays where it was.
 *
 * <p>Every {@code devhealth.provider.http.full-refresh-interval} (and on a first run) the run is a full refresh: the
 * backfill window is read again without a watermark, then the configuration's issues that the search no longer returns
 * (deleted, moved out of the projects, or renamed to a new key) are tombstoned with their transitions
 * ({@link JiraTables#FULL_REFRESH_WINDOWS}); counts then include {@code fullRefresh} and {@code tombstoned.<table>}.
 *
 * <p>Outcome counts: rows written per table, {@code fetched.issues}, {@code fetched.changelog_pages},
 * {@code fetched.fields}, {@code rateLimitWaits}, {@code rateLimitWaitSeconds}.
 */
@ApplicationScoped
public class JiraProviderSync implements ProviderSync {

    private final JiraConfig config;
    private final ApiClients clients;
    private final ClickHouseSink sink;
    private final FullRefreshTombstones tombstones;

    public JiraProviderSync(JiraConfig config, ApiClients clients, ClickHouseSink sink,
            FullRefreshTombstones tombstones) {
        this.config = config;
        this.clients = clients;
        this.sink = sink;
        this.tombstones = tombstones;
    }

    @Override
    public String provider() {
        return JiraApi.PROVIDER;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                "siteUrl", "the Jira Cloud site, e.g. https://acme.atlassian.net",
                "projectKeys", "project keys whose issues are synced, e.g. [\"PAY\"] (or jql)",
                "jql", "a JQL filter selecting the issues instead of projectKeys (its ORDER BY is ignored)");
    }

    @Override
    public List<Table> tables() {
        return List.of(JiraTables.WORK_ITEMS, JiraTables.TRANSITIONS);
    }

    @Override
    public SyncOutcome run(SyncContext context) throws SyncFailedException {
        JiraOptions options = JiraOptions.from(context.options());
        JiraApi api = new JiraApi(options.siteUrl());
        return HttpRun.start(clients, api, context).execute(run -> sync(context, options, run));
    }

    private SyncOutcome sync(SyncContext context, JiraOptions options, HttpRun run) throws InterruptedException {
        ApiClient client = run.client();
        ProviderCursor cursor = run.cursor();
        RunProgress progress = run.progress();
        JiraSite site = JiraSite.read(client, progress);
        try (SinkSession session = sink.open(context.version(), context.orgId() + "/jira/"
                + context.syncConfigurationId(), context.fence());
                ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            String siteUrl = client.api().baseUrl().toString();
            new JiraIssues(client, () -> new JiraRows(session, context.orgId(), context.syncConfigurationId(), site,
                    siteUrl, progress), cursor, progress, fetchers, config, clients.config().cursorOverlap(),
                    run.backfillStart(), site).sync(options, run.now());
            session.finish(); // every row durable before the cursor can be committed
        }
        Map<String, Long> counts = new LinkedHashMap<>(progress.counts());
        if (run.fullRefresh()) {
            tombstones.finishFullRefresh(JiraTables.SCOPE, Map.of("org", context.orgId().toString(), "configuration",
                    context.syncConfigurationId().toString()), context.version(), run.backfillStart(),
                    JiraTables.FULL_REFRESH_WINDOWS, counts);
        }
        return new SyncOutcome(counts, cursor.toMap(), List.of());
    }
}
