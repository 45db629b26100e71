package io.devhealth.sync.provider.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import com.clickhouse.client.api.Client;

import io.devhealth.sync.clickhouse.BenchMigrations;
import io.devhealth.sync.clickhouse.ClickHouseClients;
import io.devhealth.sync.provider.SyncOutcome;

/**
 * What every provider benchmark of {@code bench/provider-sync} shares: the ceiling's raw fetch, the interleaved
 * rounds of ceiling and sync, the ClickHouse database, sizes from the environment, the JVM's peak memory.
 */
public final class ProviderBench {

    private ProviderBench() {
    }

    /**
     * Fetches every URL, {@code concurrency} at a time, reading whole bodies (not parsing them) with the HTTP client
     * settings the sync uses; answers the bytes read.
     *
     * @param accept the {@code Accept} header the provider's API wants
     */
    public static long rawFetch(List<String> urls, int concurrency, String accept) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore permits = new Semaphore(concurrency);
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>(urls.size());
            for (String url : urls) {
                permits.acquire();
                futures.add(threads.submit(() -> {
                    try {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(url + " answered " + response.statusCode());
                        }
                        bytes.addAndGet(response.body().length);
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return bytes.get();
    }

    /** {@link #interleaved} first runs untimed rounds until they add up to this many seconds (at least one). */
    static final int WARM_UP_SECONDS = 10;
    /** The measured phases of {@link #interleaved} add up to at least this many seconds… */
    static final int MIN_MEASURED_SECONDS = 20;
    /** …unless that would take more rounds than this. */
    static final int MAX_ROUNDS = 15;

    /** A full sync into the new organization {@code org}, as one round runs it. */
    @FunctionalInterface
    public interface SyncRound {
        SyncOutcome run(UUID org) throws Exception;
    }

    /** Wall and CPU time of one measured phase in milliseconds; the facade's CPU is −1 when unknown. */
    record Phase(long millis, long cpuMillis, long facadeCpuMillis) {

        static Phase of(Callable<?> work) throws Exception {
            long cpu = ProviderBench.cpuMillis();
            long facadeCpu = ProviderBench.facadeCpuMillis();
            long start = System.nanoTime();
            work.call();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Phase(millis, ProviderBench.cpuMillis() - cpu,
                    facadeCpu < 0 ? -1 : ProviderBench.facadeCpuMillis() - facadeCpu);
        }
    }

    /**
     * Measures the ceiling's raw fetch and a full sync {@code BENCH_ROUNDS} (3) times, interleaved (raw, sync, raw,
     * sync, …) so that JIT compilation, garbage collection and other load on the machine fall on both alike, each sync
     * into an organization of its own, after untimed rounds of both for {@value #WARM_UP_SECONDS} s (a long-running
     * service is warm: the JIT compiles a path after some thousand calls); short phases get more rounds, until the
     * measured phases add up to {@value #MIN_MEASURED_SECONDS} s (at most {@value #MAX_ROUNDS} rounds): a median of
     * second-long phases needs more of them to hold still. Prints every round ({@code rounds=raw_ms/sync_ms …}), the
     * medians the script reads ({@code raw_ms}, {@code raw_cpu_ms}, {@code sync_ms}, {@code sync_cpu_ms},
     * {@code sync_facade_cpu_ms}), the bytes a raw fetch read ({@code raw_bytes}) and the last sync's counts
     * ({@code count_<name>}).
     *
     * @param rawFetch the ceiling's fetch of every URL; answers the bytes read ({@link #rawFetch})
     * @return the organizations synced, one per round
     */
    public static List<UUID> interleaved(Callable<Long> rawFetch, SyncRound sync) throws Exception {
        int rounds = Integer.parseInt(env("BENCH_ROUNDS", "3"));
        if (rounds < 1) {
            throw new IllegalArgumentException("BENCH_ROUNDS must be at least 1, was " + rounds);
        }
        List<Phase> raws = new ArrayList<>();
        List<Phase> syncs = new ArrayList<>();
        List<UUID> orgs = new ArrayList<>();
        SyncOutcome[] last = new SyncOutcome[1];
        long[] bytes = new long[1];
        int warmUpRounds = 0;
        for (long warmedMillis = 0; warmedMillis < WARM_UP_SECONDS * 1000L; warmUpRounds++) {
            long started = System.nanoTime();
            rawFetch.call();
            sync.run(UUID.randomUUID());
            warmedMillis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }
        System.out.println("warm_up_rounds=" + warmUpRounds);
        long measuredMillis = 0;
        while (raws.size() < rounds || measuredMillis < MIN_MEASURED_SECONDS * 1000L && raws.size() < MAX_ROUNDS) {
            raws.add(Phase.of(() -> bytes[0] = rawFetch.call()));
            UUID org = UUID.randomUUID();
            orgs.add(org);
            syncs.add(Phase.of(() -> last[0] = sync.run(org)));
            measuredMillis += raws.getLast().millis() + syncs.getLast().millis();
        }
        StringBuilder each = new StringBuilder();
        for (int round = 0; round < raws.size(); round++) {
            each.append(round == 0 ? "" : " ").append(raws.get(round).millis()).append('/')
                    .append(syncs.get(round).millis());
        }
        System.out.println("rounds=" + each);
        System.out.println("raw_bytes=" + bytes[0]);
        System.out.println("raw_ms=" + median(raws, Phase::millis));
        System.out.println("raw_cpu_ms=" + median(raws, Phase::cpuMillis));
        System.out.println("sync_ms=" + median(syncs, Phase::millis));
        System.out.println("sync_cpu_ms=" + median(syncs, Phase::cpuMillis));
        System.out.println("sync_facade_cpu_ms=" + median(syncs, Phase::facadeCpuMillis));
        last[0].counts().forEach((k, v) -> System.out.println("count_" + k + "=" + v));
        return orgs;
    }

    /** The median (the lower middle one of an even count). */
    private static long median(List<Phase> phases, ToLongFunction<Phase> value) {
        return phases.stream().mapToLong(value).sorted().skip((phases.size() - 1) / 2).findFirst().orElseThrow();
    }

    /**
     * A client of the benchmark's database {@code database} at {@code url}, created and migrated
     * ({@code migrations/clickhouse}); credentials from {@code DEVHEALTH_CLICKHOUSE_USERNAME} and
     * {@code DEVHEALTH_CLICKHOUSE_PASSWORD} (the local facade's defaults otherwise).
     */
    public static Client database(String url, String database, Path migrations) throws Exception {
        String user = env("DEVHEALTH_CLICKHOUSE_USERNAME", "default");
        String password = env("DEVHEALTH_CLICKHOUSE_PASSWORD", "devhealth");
        try (Client admin = ClickHouseClients.create(url, "default", user, password, false)) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + database).get(60, TimeUnit.SECONDS).close();
        }
        Client client = ClickHouseClients.create(url, database, user, password, false);
        BenchMigrations.migrate(client, migrations);
        return client;
    }

    /**
     * The rows {@code tables} hold (FINAL) per organization of {@code orgs}: their distinct totals, space-separated
     * (one number when every round stored the same).
     */
    public static String storedRows(Client client, List<String> tables, List<UUID> orgs) {
        return orgs.stream().map(org -> tables.stream().mapToLong(table -> Long.parseLong(client.queryAll(
                "SELECT count() FROM " + table + " FINAL WHERE org_id = '" + org + "'").get(0).getString(1))).sum())
                .distinct().map(String::valueOf).collect(Collectors.joining(" "));
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The count in environment variable {@code name} (else {@code fallback}) times {@code scale}, at least 1. */
    public static int scaled(String name, int fallback, double scale) {
        return (int) Math.max(1, Math.round(Integer.parseInt(env(name, Integer.toString(fallback))) * scale));
    }

    /** CPU time (user + system) this JVM has used so far, in milliseconds: the replay server's and the client's. */
    public static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
    }

    /**
     * CPU time (user + system) the ClickHouse facade has used so far, in milliseconds, when the script named its
     * process ({@code BENCH_FACADE_PID}, {@code BENCH_CLOCK_TICKS}); −1 otherwise.
     */
    public static long facadeCpuMillis() throws Exception {
        String pid = System.getenv("BENCH_FACADE_PID");
        if (pid == null || pid.isBlank()) {
            return -1;
        }
        String stat = Files.readString(Path.of("/proc", pid.strip(), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * 1000 / Long.parseLong(env("BENCH_CLOCK_TICKS", "100"));
    }

    /** The JVM's peak resident memory (VmHWM) in MB, -1 when unknown. */
    public static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
