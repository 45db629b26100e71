package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.ProviderBench.env;
import static io.devhealth.sync.provider.http.ProviderBench.scaled;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.BenchMigrations;
import io.devhealth.sync.clickhouse.ClickHouseClients;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncOutcome;
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
 * changelogs, some truncated) from a local {@link ReplayServer}, measures in the same JVM
 * <ol>
 * <li>the ceiling: every URL a full sync requests (metadata, every search page, every paged changelog), fetched raw
 * (bodies read, not parsed) with the same HTTP client settings and the same concurrency per credential — the search
 * pages as one walk's pages (the same issues in the same page size as the sync's windows read);</li>
 * <li>the full sync through the service's code path (JiraProviderSync → ApiClient → JiraRows → ClickHouseSink →
 * BatchInserter, built by hand instead of by CDI) into ClickHouse;</li>
 * </ol>
 * checks ClickHouse's FINAL row counts against the dataset, and prints the same {@code key=value} figures as
 * {@code GitHubSyncBench}.
 *
 * <p>Usage: {@code JiraSyncBench CLICKHOUSE_URL DATABASE MIGRATIONS_DIR}; sizes from the environment:
 * {@code BENCH_JIRA_ISSUES} (200000) multiplied by {@code BENCH_SCALE} (1.0); {@code BENCH_CONCURRENCY} (8);
 * {@code BENCH_JIRA_SLICES} (4, the shipped {@code devhealth.jira.search-slices}).
 */
public final class JiraSyncBench {

    /** Issues of the warm-up sync. */
    private static final int WARM_UP_ISSUES = 5_000;

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

        try (ReplayServer server = ReplayServer.start(RecordedJira.ORIGIN)) {
            server.recordRequests(false);
            jira.install(server);
            List<String> urls = jira.urls(server.url(), "(project in (\"" + SyntheticJira.PROJECT + "\")) ORDER BY "
                    + "updated ASC, key ASC");
            ProviderBench.rawFetch(urls.subList(0, Math.min(urls.size(), 300)), concurrency, "application/json");
            long rawCpu = ProviderBench.cpuMillis();
            long start = System.nanoTime();
            long bytes = ProviderBench.rawFetch(urls, concurrency, "application/json");
            long rawNanos = System.nanoTime() - start;
            System.out.println("raw_requests=" + urls.size());
            System.out.println("raw_bytes=" + bytes);
            System.out.println("raw_ms=" + TimeUnit.NANOSECONDS.toMillis(rawNanos));
            System.out.println("raw_cpu_ms=" + (ProviderBench.cpuMillis() - rawCpu));

            String user = System.getenv().getOrDefault("DEVHEALTH_CLICKHOUSE_USERNAME", "default");
            String password = System.getenv().getOrDefault("DEVHEALTH_CLICKHOUSE_PASSWORD", "devhealth");
            try (Client admin = ClickHouseClients.create(url, "default", user, password, false)) {
                admin.execute("CREATE DATABASE IF NOT EXISTS " + database).get(60, TimeUnit.SECONDS).close();
            }
            try (Client client = ClickHouseClients.create(url, database, user, password, false)) {
                BenchMigrations.migrate(client, migrations);
                SinkConfig sinkConfig = FixedSinkConfig.forBenchmarks(50_000);
                JiraProviderSync sync = new JiraProviderSync(new TestJiraConfig(100,
                        Integer.parseInt(env("BENCH_JIRA_SLICES", "4")), 100), new ApiClients(
                        new TestHttpConfig(4, concurrency), new CredentialGates(concurrency), null, new ProviderTime()),
                        new ClickHouseSink(new BatchInserter(client, sinkConfig), sinkConfig),
                        new FullRefreshTombstones(client));
                // Warm-up, as the ceiling has one: a small site synced into another organization (JIT, pools).
                try (ReplayServer small = ReplayServer.start(RecordedJira.ORIGIN)) {
                    small.recordRequests(false);
                    new SyntheticJira(Math.min(jira.issues(), WARM_UP_ISSUES)).install(small);
                    sync.run(context(UUID.randomUUID(), small));
                }
                UUID org = UUID.randomUUID();
                SyncContext context = context(org, server);
                long syncCpu = ProviderBench.cpuMillis();
                long syncFacadeCpu = ProviderBench.facadeCpuMillis();
                start = System.nanoTime();
                SyncOutcome outcome = sync.run(context);
                long syncNanos = System.nanoTime() - start;
                System.out.println("sync_ms=" + TimeUnit.NANOSECONDS.toMillis(syncNanos));
                System.out.println("sync_cpu_ms=" + (ProviderBench.cpuMillis() - syncCpu));
                System.out.println("sync_facade_cpu_ms=" + (ProviderBench.facadeCpuMillis() - syncFacadeCpu));
                outcome.counts().forEach((k, v) -> System.out.println("count_" + k + "=" + v));
                System.out.println("expected_rows=" + jira.rows());
                long stored = 0;
                for (String table : List.of("work_items", "work_item_transitions")) {
                    stored += Long.parseLong(client.queryAll("SELECT count() FROM " + table + " FINAL WHERE org_id = '"
                            + org + "'").get(0).getString(1));
                }
                System.out.println("stored_rows=" + stored);
                System.out.println("rss_peak_mb=" + ProviderBench.peakRssMb());
            }
        }
    }
}
