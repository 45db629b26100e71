package io.devhealth.sync.provider.pagerduty;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * The PagerDuty half of {@code bench/provider-sync} (same shape and output keys as
 * {@code io.devhealth.sync.provider.github.GitHubSyncBench}): serves {@code BENCH_INCIDENTS} synthetic incidents made
 * from the recorded ones ({@link RecordedPagerDuty#copy}: each a recorded incident with its recorded log entries,
 * under a new id and time) from a local {@link ReplayServer}, measures in the same JVM, in interleaved rounds
 * ({@link ProviderBench#interleaved})
 * <ol>
 * <li>the ceiling: every URL a full sync requests (the incident list pages and each incident's log entries), fetched
 * raw (bodies read, not parsed) with the same HTTP client settings and the same concurrency per credential;</li>
 * <li>the full sync through the service's code path (PagerDutyProviderSync → ApiClient → PagerDutyRows →
 * ClickHouseSink → BatchInserter, built by hand instead of by CDI) into ClickHouse;</li>
 * </ol>
 * checks every round's ClickHouse FINAL row counts ({@code incidents}, {@code incident_log_entries}) against the
 * dataset, and prints {@code key=value} figures.
 *
 * <p>Usage: {@code PagerDutySyncBench CLICKHOUSE_URL DATABASE MIGRATIONS_DIR}; sizes from the environment:
 * {@code BENCH_INCIDENTS} (5000) multiplied by {@code BENCH_SCALE} (1.0); {@code BENCH_CONCURRENCY} (8);
 * {@code BENCH_ROUNDS} (3).
 */
public final class PagerDutySyncBench {

    private static final int PAGE = 100;
    private static final String ACCEPT = "application/vnd.pagerduty+json;version=2";

    private PagerDutySyncBench() {
    }

    private static SyncContext context(UUID org, ReplayServer server) {
        return new SyncContext(org, UUID.randomUUID(), "bench", Map.of("baseUrl", server.url()), Map.of(), null,
                System.currentTimeMillis(), null);
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String url = args[0];
        String database = args[1];
        Path migrations = Path.of(args[2]);
        double scale = Double.parseDouble(ProviderBench.env("BENCH_SCALE", "1.0"));
        int incidents = ProviderBench.scaled("BENCH_INCIDENTS", 5000, scale);
        int concurrency = Integer.parseInt(ProviderBench.env("BENCH_CONCURRENCY", "8"));

        try (ReplayServer server = ReplayServer.start(RecordedPagerDuty.ORIGIN);
                Client client = ProviderBench.database(url, database, migrations)) {
            server.recordRequests(false);
            RecordedPagerDuty account = account(incidents).install(server);
            long expectedRows = account.size() + (long) account.logEntryCount();
            System.out.println("dataset=" + account.size() + " incidents, " + account.logEntryCount() + " log entries");
            List<String> urls = urls(server.url(), account);
            System.out.println("raw_requests=" + urls.size());
            SinkConfig sinkConfig = FixedSinkConfig.forBenchmarks();
            TestHttpConfig http = new TestHttpConfig(4, concurrency);
            PagerDutyProviderSync sync = new PagerDutyProviderSync(TestPagerDutyConfig.pagesOf(PAGE),
                    new ApiClients(http, new CredentialGates(concurrency), null, new ProviderTime()),
                    new ClickHouseSink(new BatchInserter(client, sinkConfig), sinkConfig),
                    new FullRefreshTombstones(client), new RepositoryLookup(client));
            List<UUID> orgs = ProviderBench.interleaved(() -> ProviderBench.rawFetch(urls, concurrency, ACCEPT),
                    org -> sync.run(context(org, server)));
            System.out.println("expected_rows=" + expectedRows);
            System.out.println("stored_rows=" + ProviderBench.storedRows(client, List.of("incidents",
                    "incident_log_entries"), orgs));
            System.out.println("rss_peak_mb=" + ProviderBench.peakRssMb());
        }
    }

    /** {@code incidents} copies of the recorded incidents, one a minute up to an hour ago, with their log entries. */
    private static RecordedPagerDuty account(int incidents) {
        RecordedPagerDuty account = new RecordedPagerDuty();
        List<ObjectNode> recorded = RecordedPagerDuty.recorded();
        recorded.forEach(item -> account.remove(item.get("id").asText()));
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(incidents + 60L, ChronoUnit.MINUTES);
        List<ObjectNode> copies = new ArrayList<>(incidents);
        for (int i = 0; i < incidents; i++) {
            ObjectNode template = recorded.get(i % recorded.size());
            copies.add(RecordedPagerDuty.copy(template, String.format("QB%010d", i), i + 1L, first.plusSeconds(60L * i),
                    template.get("service").get("id").asText()));
        }
        account.putAll(copies);
        return account;
    }

    /** Every URL a full sync requests: the incident list's pages, then each incident's log entries. */
    private static List<String> urls(String origin, RecordedPagerDuty account) {
        List<String> urls = new ArrayList<>();
        for (int offset = 0; offset == 0 || offset < account.size(); offset += PAGE) {
            urls.add(origin + "/incidents?sort_by=created_at:asc&time_zone=UTC&date_range=all&limit=" + PAGE
                    + "&offset=" + offset);
        }
        for (ObjectNode incident : account.byCreation()) {
            int entries = account.logEntries(incident.get("id").asText()).size();
            for (int offset = 0; offset == 0 || offset < entries; offset += PAGE) {
                urls.add(origin + "/incidents/" + incident.get("id").asText() + "/log_entries?time_zone=UTC&limit="
                        + PAGE + "&offset=" + offset);
            }
        }
        return urls;
    }
}
