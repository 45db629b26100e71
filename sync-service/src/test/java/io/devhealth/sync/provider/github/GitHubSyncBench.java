package io.devhealth.sync.provider.github;

import static io.devhealth.sync.provider.http.ProviderBench.env;
import static io.devhealth.sync.provider.http.ProviderBench.scaled;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * The Java half of {@code bench/provider-sync}: serves a large {@link SyntheticGitHub} repository (recorded shapes)
 * from a local {@link ReplayServer}, measures in the same JVM, in interleaved rounds
 * ({@link ProviderBench#interleaved})
 * <ol>
 * <li>the ceiling: every URL a full sync requests, fetched raw (bodies read, not parsed) with the same HTTP client
 * settings and the same concurrency per credential — the replay server's page-fetch rate;</li>
 * <li>the full sync through the service's code path (GitHubProviderSync → ApiClient → GitHubRows → ClickHouseSink →
 * BatchInserter, built by hand instead of by CDI) into ClickHouse;</li>
 * </ol>
 * checks every round's ClickHouse FINAL row counts against the dataset, and prints {@code key=value} figures.
 *
 * <p>Usage: {@code GitHubSyncBench CLICKHOUSE_URL DATABASE MIGRATIONS_DIR}; sizes from the environment:
 * {@code BENCH_PRS} (100000), {@code BENCH_REVIEWS_PER_PR} (2), {@code BENCH_ISSUES} (10000), {@code BENCH_RUNS}
 * (10000), {@code BENCH_JOBS_PER_RUN} (3), {@code BENCH_DEPLOYMENTS} (2000), {@code BENCH_STATUSES} (3),
 * {@code BENCH_RELEASES} (100), all multiplied by {@code BENCH_SCALE} (1.0); {@code BENCH_CONCURRENCY} (8);
 * {@code BENCH_ROUNDS} (3).
 */
public final class GitHubSyncBench {

    private static final String ACCEPT = "application/vnd.github+json";

    private GitHubSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String url = args[0];
        String database = args[1];
        Path migrations = Path.of(args[2]);
        double scale = Double.parseDouble(env("BENCH_SCALE", "1.0"));
        SyntheticGitHub.Size size = new SyntheticGitHub.Size(scaled("BENCH_PRS", 100_000, scale),
                Integer.parseInt(env("BENCH_REVIEWS_PER_PR", "2")), scaled("BENCH_ISSUES", 10_000, scale),
                scaled("BENCH_RUNS", 10_000, scale), Integer.parseInt(env("BENCH_JOBS_PER_RUN", "3")),
                scaled("BENCH_DEPLOYMENTS", 2_000, scale), Integer.parseInt(env("BENCH_STATUSES", "3")),
                scaled("BENCH_RELEASES", 100, scale));
        int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "8"));
        System.out.println("dataset=" + size);

        try (ReplayServer server = ReplayServer.start(GitHubApi.PUBLIC_API);
                Client client = ProviderBench.database(url, database, migrations)) {
            server.recordRequests(false);
            SyntheticGitHub repo = new SyntheticGitHub("bench", "repo", size, 100).install(server);
            List<String> urls = urls(server.url(), repo);
            System.out.println("raw_requests=" + urls.size());
            SinkConfig sinkConfig = FixedSinkConfig.forBenchmarks();
            TestHttpConfig http = new TestHttpConfig(4, concurrency);
            GitHubProviderSync sync = new GitHubProviderSync(config(), new ApiClients(http,
                    new CredentialGates(concurrency), null, new ProviderTime()),
                    new ClickHouseSink(new BatchInserter(client, sinkConfig), sinkConfig),
                    new FullRefreshTombstones(client), null);
            List<UUID> orgs = ProviderBench.interleaved(() -> ProviderBench.rawFetch(urls, concurrency, ACCEPT),
                    org -> sync.run(context(org, server)));
            System.out.println("expected_rows=" + size.rows());
            System.out.println("stored_rows=" + ProviderBench.storedRows(client, List.of("repos", "pull_requests",
                    "pull_request_reviews", "pull_request_commits", "work_items", "ci_pipeline_runs",
                    "ci_pipeline_jobs", "deployments", "deployment_statuses", "releases"), orgs));
            System.out.println("rss_peak_mb=" + ProviderBench.peakRssMb());
        }
    }

    /** A sync of the server's repository {@code bench/repo} into {@code org}. */
    private static SyncContext context(UUID org, ReplayServer server) {
        return new SyncContext(org, UUID.randomUUID(), "bench", Map.of("owner", "bench", "repos", List.of("repo"),
                "apiUrl", server.url()), Map.of(), null, System.currentTimeMillis(), null);
    }

    /** Every URL a full sync of {@code repo} requests (list pages, details, reviews, jobs, statuses). */
    private static List<String> urls(String origin, SyntheticGitHub repo) {
        SyntheticGitHub.Size size = repo.size();
        String base = origin + "/repos/" + repo.fullName();
        List<String> urls = new ArrayList<>();
        urls.add(base);
        pages(urls, base + "/pulls?state=all&sort=updated&direction=desc&per_page=100", size.pullRequests());
        for (long n = 1; n <= size.pullRequests(); n++) {
            urls.add(base + "/pulls/" + n);
            urls.add(base + "/pulls/" + n + "/reviews?per_page=100");
            urls.add(base + "/pulls/" + n + "/commits?per_page=100");
        }
        urls.add(base + "/pulls/comments?sort=updated&direction=desc&per_page=100");
        pages(urls, base + "/issues?state=all&sort=updated&direction=desc&per_page=100", size.issues());
        pages(urls, base + "/actions/runs?per_page=100", size.workflowRuns());
        for (int i = 1; i <= size.workflowRuns(); i++) {
            urls.add(base + "/actions/runs/" + SyntheticGitHub.runId(i) + "/jobs?per_page=100");
        }
        pages(urls, base + "/deployments?per_page=100", size.deployments());
        for (int d = 1; d <= size.deployments(); d++) {
            urls.add(base + "/deployments/" + SyntheticGitHub.deploymentId(d) + "/statuses?per_page=100");
        }
        pages(urls, base + "/releases?per_page=100", size.releases());
        return urls;
    }

    private static void pages(List<String> urls, String first, int items) {
        int pages = Math.max(1, (items + 99) / 100);
        urls.add(first);
        for (int page = 2; page <= pages; page++) {
            urls.add(first + "&page=" + page);
        }
    }

    private static GitHubConfig config() {
        return new GitHubConfig() {
            @Override
            public String apiUrl() {
                return GitHubApi.PUBLIC_API;
            }

            @Override
            public int pageSize() {
                return 100;
            }

            @Override
            public boolean pullRequestDetails() {
                return true;
            }

            @Override
            public boolean pullRequestCommits() {
                return true;
            }
        };
    }
}
