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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every provider benchmark of {@code bench/provider-sync} shares: the ceiling's raw fetch, sizes from the
 * environment, the JVM's peak memory.
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

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The count in environment variable {@code name} (else {@code fallback}) times {@code scale}, at least 1. */
    public static int scaled(String name, int fallback, double scale) {
        return (int) Math.max(1, Math.round(Integer.parseInt(env(name, Integer.toString(fallback))) * scale));
    }

    /** The JVM's peak resident memory (VmHWM) in MB, -1 when unknown. */
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

    public static long peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
