package io.devhealth.sync.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.devhealth.sync.provider.ProgressListener;

/**
 * The figures of one HTTP provider run and what its progress says. Per stream: items fetched and rows written per
 * table; per run: rate-limit waits and the time spent waiting. The phase is the stream being read
 * ({@code pull_requests acme/widgets}) or, while the run waits out a rate limit,
 * {@code waiting until 2026-12-02T10:00:00Z (rate limit)} — identity shows it in the run. Items processed = rows
 * written so far. Thread-safe.
 */
public final class RunProgress implements ApiClient.WaitListener {

    private static final Logger LOG = Logger.getLogger(RunProgress.class);
    /** identity keeps phases of at most 64 characters. */
    static final int MAX_PHASE = 64;

    private final ProgressListener listener;
    private final String provider;
    private final Map<String, AtomicLong> fetched = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedSeconds = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private volatile String phase = "starting";
    private volatile Instant lastWaitUntil;

    public RunProgress(ProgressListener listener, String provider) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.provider = provider;
    }

    /** The run now reads {@code stream} of {@code scope}. */
    public void reading(String stream, String scope) {
        phase = truncate(stream + " " + scope);
        listener.progress(phase, rows.get(), null);
    }

    /** {@code n} items of {@code stream} came from the provider. */
    public void fetched(String stream, long n) {
        fetched.computeIfAbsent(stream, s -> new AtomicLong()).addAndGet(n);
    }

    /** {@code n} rows were handed to the sink for {@code table}. */
    public void written(String table, long n) {
        written.computeIfAbsent(table, t -> new AtomicLong()).addAndGet(n);
        listener.progress(phase, rows.addAndGet(n), null);
    }

    /** A conditional request answered 304: the stream had nothing new. */
    public void notModified() {
        notModified.incrementAndGet();
    }

    @Override
    public void waiting(Instant until, String reason) {
        Instant second = until.truncatedTo(ChronoUnit.SECONDS);
        if (!second.equals(lastWaitUntil)) { // concurrent requests share one wait: count it once
            lastWaitUntil = second;
            waits.incrementAndGet();
            LOG.infof("%s: %s, waiting until %s", provider, reason, second);
        }
        listener.progress(truncate("waiting until " + second + " (" + reason + ")"), rows.get(), null);
    }

    @Override
    public void resumed(Duration waited) {
        waitedSeconds.addAndGet(Math.max(0, waited.toSeconds()));
        listener.progress(phase, rows.get(), null);
    }

    /** Rows written so far. */
    public long rows() {
        return rows.get();
    }

    /**
     * The run's counts: rows written per table ({@code pull_requests: 120}), items fetched per stream
     * ({@code fetched.pull_requests: 120}), {@code rateLimitWaits}, {@code rateLimitWaitSeconds}, {@code notModified}.
     */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        new java.util.TreeMap<>(written).forEach((table, n) -> counts.put(table, n.get()));
        new java.util.TreeMap<>(fetched).forEach((stream, n) -> counts.put("fetched." + stream, n.get()));
        counts.put("rateLimitWaits", waits.get());
        counts.put("rateLimitWaitSeconds", waitedSeconds.get());
        counts.put("notModified", notModified.get());
        return counts;
    }

    static String truncate(String phase) {
        return phase.length() <= MAX_PHASE ? phase : phase.substring(0, MAX_PHASE - 1) + "…";
    }
}
