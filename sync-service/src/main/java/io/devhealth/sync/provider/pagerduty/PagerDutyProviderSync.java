package io.devhealth.sync.provider.pagerduty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
 * Syncs a PagerDuty account (REST v2) into ClickHouse: {@code incidents} (provider {@code pagerduty}) with who
 * triggered, first acknowledged and resolved each one, and {@code incident_log_entries}. See {@link PagerDutyStreams}
 * for what is read and how runs are incremental, {@link PagerDutyRows} for how log entries decide the times and
 * people, {@link ServiceSettings} for the organization settings that map services to repositories and teams and say
 * which incidents count.
 *
 * <p>401, 403 and 404 fail the run with PagerDuty's answer; rate limits make it wait, never fail; malformed or truncated
 * bodies fail it with the cursor unchanged.
 *
 * <p>Every {@code devhealth.provider.http.full-refresh-interval} (and on a first run) the run is a full refresh: every
 * incident created in the backfill window is read again and the configuration's incidents (with their log entries)
 * that PagerDuty no longer lists are tombstoned ({@link PagerDutyTables#FULL_REFRESH_WINDOWS}); counts then include
 * {@code fullRefresh} and {@code tombstoned.<table>}.
 *
 * <p>Outcome counts: rows written per table, items fetched per stream ({@code fetched.incidents},
 * {@code fetched.log_entries}: entries of the changes feed, {@code fetched.incident_log_entries}),
 * {@code windowSplits}, {@code rateLimitWaits}, {@code rateLimitWaitSeconds}, {@code notModified}.
 */
@ApplicationScoped
public class PagerDutyProviderSync implements ProviderSync {

    private final PagerDutyConfig config;
    private final ApiClients clients;
    private final ClickHouseSink sink;
    private final FullRefreshTombstones tombstones;
    private final RepositoryLookup repositories;

    public PagerDutyProviderSync(PagerDutyConfig config, ApiClients clients, ClickHouseSink sink,
            FullRefreshTombstones tombstones, RepositoryLookup repositories) {
        this.config = config;
        this.clients = clients;
        this.sink = sink;
        this.tombstones = tombstones;
        this.repositories = repositories;
    }

    @Override
    public String provider() {
        return PagerDutyApi.PROVIDER;
    }

    @Override
    public Map<String, String> options() {
        return Map.of(
                "serviceIds", "PagerDuty service ids whose incidents are synced (default: every service)",
                "baseUrl", "API root, e.g. https://api.eu.pagerduty.com for the EU service region (default: "
                        + config.apiUrl() + ")");
    }

    @Override
    public List<Table> tables() {
        return List.of(PagerDutyTables.INCIDENTS, PagerDutyTables.LOG_ENTRIES);
    }

    @Override
    public SyncOutcome run(SyncContext context) throws SyncFailedException {
        PagerDutyOptions options = PagerDutyOptions.from(context.options(), config.apiUrl());
        PagerDutyApi api = new PagerDutyApi(options.baseUrl());
        return HttpRun.start(clients, api, context).execute(run -> sync(context, options, run));
    }

    private SyncOutcome sync(SyncContext context, PagerDutyOptions options, HttpRun run) throws InterruptedException {
        ApiClient client = run.client();
        ProviderCursor cursor = run.cursor();
        RunProgress progress = run.progress();
        Set<String> warnings = ConcurrentHashMap.newKeySet();
        ServiceSettings services = ServiceSettings.from(context.orgSettings(),
                () -> repositories.byFullName(context.orgId()), warnings);
        PagerDutyStreams streams;
        try (SinkSession session = sink.open(context.version(), context.orgId() + "/pagerduty/"
                + context.syncConfigurationId(), context.fence());
                ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            PagerDutyRows rows = new PagerDutyRows(session, context.orgId(), context.syncConfigurationId(), progress,
                    services);
            streams = new PagerDutyStreams(client, rows, cursor, progress, fetchers, config.pageSize(),
                    clients.config().cursorOverlap(), run.backfillStart(), options.serviceIds(), run.now(), warnings);
            streams.sync();
            rows.close();
            session.finish(); // every row durable before the cursor can be committed
        }
        Map<String, Long> counts = new LinkedHashMap<>(progress.counts());
        counts.put("windowSplits", streams.splits());
        if (run.fullRefresh()) {
            tombstones.finishFullRefresh(PagerDutyTables.SCOPE, Map.of("org", context.orgId().toString(),
                    "provider", PagerDutyApi.PROVIDER, "config", String.valueOf(context.syncConfigurationId())),
                    context.version(), run.backfillStart(), PagerDutyTables.FULL_REFRESH_WINDOWS, counts);
        }
        return new SyncOutcome(counts, cursor.toMap(), new ArrayList<>(new TreeSet<>(warnings)));
    }
}
