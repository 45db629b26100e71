package io.devhealth.sync.provider.git;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.ClickHouseClients;
import io.devhealth.sync.metrics.RepoMetricsDaily;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.clickhouse.BenchMigrations;
import io.devhealth.sync.sink.BatchInserter;
import io.devhealth.sync.sink.ClickHouseSink;
import io.devhealth.sync.sink.FixedSinkConfig;
import io.devhealth.sync.sink.SinkConfig;

/**
 * The sync half of {@code bench/git-sync}: runs the service's git sync code path (GitProviderSync → extractor →
 * ClickHouseSink/BatchInserter → RepoMetricsDaily, built by hand instead of by CDI) against a ClickHouse HTTP
 * endpoint, then the no-op incremental run, and prints {@code key=value} figures for the script.
 *
 * <p>Usage: {@code GitSyncBench REPO_PATH CLICKHOUSE_URL DATABASE MIGRATIONS_DIR}
 */
public final class GitSyncBench {

    private GitSyncBench() {
    }

    /** Held so the configured levels are not garbage-collected with their loggers. */
    private static final List<java.util.logging.Logger> LOGGERS = new java.util.ArrayList<>();

    public static void main(String[] args) throws Exception {
        // Logging as the service has it (INFO): an unconfigured log manager leaves the HTTP client's wire log on,
        // which formats every byte sent to ClickHouse.
        for (String name : List.of("", "org.apache.hc", "com.clickhouse")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.INFO);
            LOGGERS.add(logger);
        }
        Path repo = Path.of(args[0]);
        String url = args[1];
        String database = args[2];
        Path migrations = Path.of(args[3]);
        String user = System.getenv().getOrDefault("DEVHEALTH_CLICKHOUSE_USERNAME", "default");
        String password = System.getenv().getOrDefault("DEVHEALTH_CLICKHOUSE_PASSWORD", "devhealth");

        try (Client admin = ClickHouseClients.create(url, "default", user, password, false)) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + database).get(60, TimeUnit.SECONDS).close();
        }
        try (Client client = ClickHouseClients.create(url, database, user, password, false)) {
            BenchMigrations.migrate(client, migrations);
            SinkConfig sinkConfig = FixedSinkConfig.forBenchmarks();
            // The benchmark is its own operator: the repository it was given is its only local root.
            GitProviderSync sync = new GitProviderSync(gitConfig(), new LocalRoots(List.of(repo.toString())),
                    new ClickHouseSink(new BatchInserter(client, sinkConfig), sinkConfig), new RepoMetricsDaily(client));
            UUID org = UUID.randomUUID();

            long cpuBefore = jvmCpuMillis();
            long start = System.nanoTime();
            SyncOutcome full = sync.run(context(org, repo, null));
            long fullNanos = System.nanoTime() - start;
            System.out.println("sync_jvm_cpu_ms=" + (jvmCpuMillis() - cpuBefore));

            start = System.nanoTime();
            SyncOutcome noop = sync.run(context(org, repo, full.cursor()));
            long noopNanos = System.nanoTime() - start;

            System.out.println("full_sync_ms=" + TimeUnit.NANOSECONDS.toMillis(fullNanos));
            System.out.println("jvm_cpu_ms=" + jvmCpuMillis());
            System.out.println("git_cpu_ms=" + childrenCpuMillis());
            System.out.println("noop_sync_ms=" + TimeUnit.NANOSECONDS.toMillis(noopNanos));
            full.counts().forEach((k, v) -> System.out.println("count_" + k + "=" + v));
            System.out.println("noop_commits=" + noop.counts().get("commits"));
            System.out.println("warnings=" + full.warnings().size());
            long heapPeak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    heapPeak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("heap_peak_mb=" + heapPeak / (1024 * 1024));
            System.out.println("heap_max_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.out.println("rss_peak_mb=" + vmHwmKb() / 1024);
            System.out.println("stored_commits=" + scalar(client, "SELECT count() FROM commits FINAL"));
            System.out.println("stored_commit_stats=" + scalar(client, "SELECT count() FROM commit_stats FINAL"));
            System.out.println("stored_additions=" + scalar(client, "SELECT sum(additions) FROM commit_stats FINAL"));
            System.out.println("stored_deletions=" + scalar(client, "SELECT sum(deletions) FROM commit_stats FINAL"));
        }
    }

    private static SyncContext context(UUID org, Path repo, Map<String, Object> cursor) {
        long start = System.nanoTime();
        Map<String, Long> seen = new java.util.concurrent.ConcurrentHashMap<>();
        return new SyncContext(org, UUID.randomUUID(), "bench", Map.of("repositoryPath", repo.toString()),
                Map.of(LocalRoots.ORG_SETTING, List.of(repo.toString())), cursor,
                System.currentTimeMillis(), (phase, done, total) -> {
                    if (seen.putIfAbsent(phase, System.nanoTime()) == null && Boolean.getBoolean("bench.phases")) {
                        System.out.println("phase_" + phase + "_at_ms=" + (System.nanoTime() - start) / 1_000_000);
                    }
                });
    }

    private static String scalar(Client client, String sql) throws Exception {
        return client.queryAll(sql).get(0).getString(1);
    }


    private static long jvmCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    /** CPU time of finished child processes (the git commands), from /proc/self/stat cutime + cstime. */
    private static long childrenCpuMillis() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state(3) … cutime is field 16, cstime 17 (1-based in proc(5))
        long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks * 1000 / 100;
    }

    private static long vmHwmKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static GitConfig gitConfig() {
        int parallelism = Integer.getInteger("devhealth.git.parallelism", 0);
        return new GitConfig() {
            @Override
            public String executable() {
                return "git";
            }

            @Override
            public int parallelism() {
                return parallelism;
            }

            @Override
            public java.util.Optional<java.nio.file.Path> cloneCache() {
                return java.util.Optional.empty();
            }

            @Override
            public java.time.Duration fetchTimeout() {
                return java.time.Duration.ofHours(1);
            }

            @Override
            public java.time.Duration fetchLowSpeedTime() {
                return java.time.Duration.ofSeconds(60);
            }
        };
    }

}
