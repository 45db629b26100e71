package io.devhealth.sync.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.sync.provider.SyncOutcome;
import io.devhealth.sync.provider.http.ReplayServer.Reply;
import io.devhealth.sync.provider.http.ReplayServer.Request;

/**
 * A provider having a bad day, as {@link ReplayServer} weather: every URL a run asks for meets one fault, in turn, on
 * its first request(s), then the real answer — a burst of server errors (502, then 503), a 429 with
 * {@code Retry-After}, the provider's own refusal (e.g. GitHub's recorded secondary rate limit), a body cut short
 * mid-transfer, a slow answer, or nothing. Only successful replies are disturbed. Counts what it injected, so a test can
 * prove the storm happened.
 */
public final class ProviderStorm implements ReplayServer.Weather {

    /** What a URL's first request(s) meet. */
    public enum Fault {
        NONE, SERVER_ERRORS, TOO_MANY_REQUESTS, REFUSAL, TRUNCATED, SLOW
    }

    private static final Fault[] CYCLE = Fault.values();
    /** Slower than any local answer, far below the request timeout: the run must simply wait for it. */
    private static final long SLOW_MILLIS = 300;

    private final List<Reply> refusals;
    /** Per URL: its fault and how many times it was asked for. */
    private final Map<String, Url> seen = new ConcurrentHashMap<>();
    private final AtomicInteger urls = new AtomicInteger();
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);

    /** @param refusals the provider's own rate-limit refusals, served in turn (none: REFUSAL URLs get a 429) */
    public ProviderStorm(List<Reply> refusals) {
        this.refusals = List.copyOf(refusals);
        for (Fault fault : CYCLE) {
            injected.put(fault, new AtomicInteger());
        }
    }

    @Override
    public Reply apply(Request request, Reply reply) {
        if (reply.status() != 200) {
            return reply;
        }
        Url url = seen.computeIfAbsent(request.pathAndQuery(),
                path -> new Url(CYCLE[urls.getAndIncrement() % CYCLE.length], new AtomicInteger()));
        Fault fault = url.fault();
        int attempt = url.attempts().incrementAndGet();
        Reply disturbed = switch (fault) {
            case SERVER_ERRORS -> attempt == 1 ? Reply.json(502, "{\"message\":\"Bad Gateway\"}")
                    : attempt == 2 ? Reply.json(503, "{\"message\":\"Service Unavailable\"}") : null;
            case TOO_MANY_REQUESTS -> attempt == 1 ? tooManyRequests() : null;
            case REFUSAL -> attempt == 1 ? (refusals.isEmpty() ? tooManyRequests()
                    : refusals.get(injected.get(Fault.REFUSAL).get() % refusals.size())) : null;
            case TRUNCATED -> attempt == 1 ? reply.truncated() : null;
            case SLOW -> attempt == 1 ? slow(reply) : null;
            case NONE -> null;
        };
        if (disturbed == null) {
            return reply;
        }
        injected.get(fault).incrementAndGet();
        return disturbed;
    }

    private record Url(Fault fault, AtomicInteger attempts) {
    }

    /** A provider sync of the replayed data into an organization. */
    @FunctionalInterface
    public interface Sync {
        SyncOutcome into(UUID org) throws Exception;
    }

    /**
     * Syncs the server's data calmly into one organization, then through a storm ({@code refusals}: the provider's own
     * rate-limit refusals) into another, and asserts that every kind of fault happened, that the refusals made the run
     * wait, that the stormy run wrote no row twice (raw rows equal FINAL ones, merges stopped meanwhile), and that both
     * organizations hold the same rows (table by table, {@link StoredRows}), among them {@code tables}. Figures for
     * {@code bench/reliability}: {@link #writeFigures}.
     */
    public static void assertSyncSurvives(ReplayServer server, String provider, String database, List<Reply> refusals,
            Sync sync, String... tables) throws Exception {
        UUID calm = UUID.randomUUID();
        long calmWaits = sync.into(calm).counts().getOrDefault("rateLimitWaits", 0L);
        ProviderStorm storm = new ProviderStorm(refusals);
        server.weather(storm);
        UUID stormy = UUID.randomUUID();
        // Merges stay stopped while the stormy run writes: a row written twice (a retry not deduplicated) stays
        // visible as a raw row more than FINAL shows.
        StoredRows.merges(database, false);
        SyncOutcome outcome;
        Map<String, Long> duplicates;
        try {
            outcome = sync.into(stormy);
            duplicates = StoredRows.duplicates(database, stormy);
        } finally {
            StoredRows.merges(database, true);
        }
        assertThat(duplicates).as("rows written twice, per table").isEmpty();

        Map<Fault, Integer> injected = storm.injected();
        assertThat(injected).as("every kind of fault happened").allSatisfy((fault, n) -> {
            if (fault != Fault.NONE) {
                assertThat(n).as(fault.name()).isPositive();
            }
        });
        // Waits: the calm run's own (a recorded response may announce a spent window), plus the storm's refusals,
        // fewer when a refusal arrives while the credential is already paused (one shared wait).
        long waits = outcome.counts().get("rateLimitWaits");
        assertThat(waits).as("the refusals made the run wait").isGreaterThan(calmWaits)
                .isLessThanOrEqualTo(calmWaits + injected.get(Fault.TOO_MANY_REQUESTS) + injected.get(Fault.REFUSAL));
        Map<String, String> expected = StoredRows.of(database, calm);
        assertThat(expected).containsKeys(tables);
        assertThat(StoredRows.of(database, stormy)).as("rows and checksums per table").isEqualTo(expected);
        storm.writeFigures(provider, waits, expected);
    }

    /** Requests disturbed, per fault (a burst of server errors counts each error). */
    public Map<Fault, Integer> injected() {
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        injected.forEach((fault, n) -> counts.put(fault, n.get()));
        return counts;
    }

    /**
     * Writes what a stormy run survived ({@code storm-<provider>.json}: the faults injected, the rate-limit waits, the
     * tables and rows found equal to a calm run's) to the directory of system property
     * {@code devhealth.reliability.figures}, for {@code bench/reliability}'s report; nothing when it is not set.
     */
    void writeFigures(String provider, long rateLimitWaits, Map<String, String> equalContents) {
        String directory = System.getProperty("devhealth.reliability.figures");
        if (directory == null || directory.isBlank()) {
            return;
        }
        long rows = equalContents.values().stream().mapToLong(summary -> Long.parseLong(summary.split("\t")[0])).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("provider", provider);
        figures.put("injected", injected().entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().name().toLowerCase(Locale.ROOT), Map.Entry::getValue)));
        figures.put("rateLimitWaits", rateLimitWaits);
        figures.put("tables", equalContents.size());
        figures.put("rows", rows);
        try {
            Path target = Path.of(directory, "storm-" + provider + ".json");
            Files.createDirectories(target.getParent());
            Files.writeString(target, new ObjectMapper().writeValueAsString(figures));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply tooManyRequests() {
        return Reply.json(429, "{\"message\":\"Too Many Requests\"}").with("Retry-After", "2");
    }

    private static Reply slow(Reply reply) {
        try {
            Thread.sleep(SLOW_MILLIS); // the provider being slow, on the server's own thread: not synchronization
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return reply;
    }
}
