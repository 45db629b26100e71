package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.ProviderBench.env;
import static io.devhealth.sync.provider.http.ProviderBench.scaled;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.http.ApiClients;
import io.devhealth.sync.provider.http.CredentialGates;
import io.devhealth.sync.provider.http.FullRefreshTombstones;
import io.devhealth.sync.provider.http.ProviderBench;
import io.devhealth.sync.provider.http.ProviderTime;
import io.devhealth.sync.provider.http.ReplayServer;
import io.devhealth.sync.provider.http.TestHttpConfig;
import io.devhealth.sync.sink.BatchInserter;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.FixedSinkConfig;
import io.devhealth.sync.sink.SinkConfig;

/**
 * The Jira half of {@code bench/provider-sync}: serves a large {@link SyntheticJira} project (recorded shapes, with
 * changelogs, some truncated) from a local {@link ReplayServer}, measures in the same JVM, in interleaved rounds
 * ({@link ProviderBench#interleaved})
 * <ol>
 * <li>the ceiling: every URL a full sync requests (metadata, every search page, every paged changelog), fetched raw
 * (bodies read, not parsed) with the same HTTP client settings and the same concurrency per credential — the search
 * pages as one walk's pages (the same issues in the same page size as the sync's windows read);</li>
 * <li>the full sync through the service's code path (JiraProviderSync → ApiClient → JiraRows → ClickHouseSink →
 * BatchInserter, built by hand instead of by CDI) into ClickHouse;</li>
 * </ol>
 * checks every round's ClickHouse FINAL row counts against the dataset, and prints the same {@code key=value}
 * figures as {@code GitHubSyncBench}.
 *
 * <p>Usage: {@code JiraSyncBench CLICKHOUSE_URL DATABASE MIGRATIONS_DIR}; sizes from the environment:
 * {@code BENCH_JIRA_ISSUES} (200000) multiplied by {@code BENCH_SCALE} (1.0); {@code BENCH_CONCURRENCY} (8);
 * {@code BENCH_ROUNDS} (3); {@code BENCH_JIRA_SLICES} (4, the shipped {@code devhealth.jira.search-slices}).
 */
public final class JiraSyncBench {

    private JiraSyncBench() {
    }

    private static SyncContext context(UUID org, ReplayServer server) {
        return new SyncContext(org, UUID.randomUUID(), "bench", Map.of("siteUrl", server.url(), "projectKeys",
                List.of(SyntheticJira.PROJECT)), Map.of(), null, System.currentTimeMillis(), null);
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String url = args[0];
        String database = args[1];
        Path migrations = Path.of(args[2]);
        double scale = Double.parseDouble(env("BENCH_SCALE", "1.0"));
        int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "8"));
        SyntheticJira jira = new SyntheticJira(scaled("BENCH_JIRA_ISSUES", 200_000, scale));
        System.out.println("dataset=" + jira.issues() + " issues with changelogs (every "
                + SyntheticJira.TRUNCATED_EVERY + "th truncated, paged separately)");

        try (ReplayServer server = ReplayServer.start(RecordedJira.ORIGIN);
                Client client = ProviderBench.database(url, database, migrations)) {
            server.recordRequests(false);
            jira.install(server);
            List<String> urls = jira.urls(server.url(), "(project in (\"" + SyntheticJira.PROJECT + "\")) ORDER BY "
                    + "updated ASC, key ASC");
            System.out.println("raw_requests=" + urls.size());
            SinkConfig sinkConfig = FixedSinkConfig.forBenchmarks();
            JiraProviderSync sync = new JiraProviderSync(new TestJiraConfig(100,
                    Integer.parseInt(env("BENCH_JIRA_SLICES", "4")), 100), new ApiClients(
                    new TestHttpConfig(4, concurrency), new CredentialGates(concurrency), null, new ProviderTime()),
                    new ClickHouseSink(new BatchInserter(client, sinkConfig), sinkConfig),
                    new FullRefreshTombstones(client));
            List<UUID> orgs = ProviderBench.interleaved(
                    () -> ProviderBench.rawFetch(urls, concurrency, "application/json"),
                    org -> sync.run(context(org, server)));
            System.out.println("expected_rows=" + jira.rows());
            System.out.println("stored_rows=" + ProviderBench.storedRows(client, List.of("work_items",
                    "work_item_transitions"), orgs));
            System.out.println("rss_peak_mb=" + ProviderBench.peakRssMb());
        }
    }
}
