package io.devhealth.sync.provider.pagerduty;

import static io.devhealth.sync.provider.http.ProviderJson.requiredObject;
import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;
import static io.devhealth.sync.provider.http.ProviderJson.text;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.Lookahead;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.StreamCursor;

/**
 * The streams of one PagerDuty account (scope {@value #SCOPE} of the cursor):
 * <ul>
 * <li>{@code incidents}: {@code GET /incidents?sort_by=created_at:asc} — a first run (or a full refresh) reads every
 * incident created since the backfill start ({@code date_range=all} without one), an incremental run those created
 * since the watermark minus the overlap. PagerDuty filters {@code since}/{@code until} by creation time and serves at
 * most {@value #MAX_WINDOW_DAYS} days per query, so longer spans are read window by window. A list cannot be paged past
 * {@code offset + limit = 10,000}: when a window holds more, the rest of it is read as a new window starting at the
 * creation time of the last incident read (the list is sorted by it; incidents of that instant are read twice and
 * written once).</li>
 * <li>{@code log_entries} (incremental runs): {@code GET /log_entries?is_overview=true} since the watermark minus the
 * overlap names every incident whose state changed, however long ago it was created — an old incident resolved
 * today is read again ({@code GET /incidents/{id}}). A window of this feed that passes the offset cap is split in
 * halves.</li>
 * </ul>
 * Each incident's own log entries ({@code GET /incidents/{id}/log_entries}, every page) are fetched concurrently, one
 * page ahead ({@link Lookahead}). {@code serviceIds} options narrow both streams ({@code service_ids[]}, and the
 * changed incidents' services). The watermark of both streams is the instant the run's reads reach up to.
 */
final class PagerDutyStreams {

    static final String SCOPE = "account";
    static final String INCIDENTS = "incidents";
    static final String LOG_ENTRIES = "log_entries";
    static final int MAX_WINDOW_DAYS = 180;
    private static final Duration MAX_WINDOW = Duration.ofDays(MAX_WINDOW_DAYS);

    /** An incident with its log entries. */
    record Incident(JsonNode item, List<LogEntryJson.LogEntry> logEntries) {
    }

    private final ApiClient client;
    private final PagerDutyRows rows;
    private final ProviderCursor cursor;
    private final RunProgress progress;
    private final ExecutorService fetchers;
    private final int pageSize;
    private final Duration overlap;
    private final Instant backfillStart;
    private final List<String> serviceIds;
    private final Instant now;
    private final Set<String> warnings;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong splits = new AtomicLong();

    /**
     * @param now      the instant this run reads up to (the next watermark)
     * @param warnings collects non-fatal problems fit for users (thread-safe)
     */
    PagerDutyStreams(ApiClient client, PagerDutyRows rows, ProviderCursor cursor, RunProgress progress,
            ExecutorService fetchers, int pageSize, Duration overlap, Instant backfillStart, List<String> serviceIds,
            Instant now, Set<String> warnings) {
        this.client = client;
        this.rows = rows;
        this.cursor = cursor;
        this.progress = progress;
        this.fetchers = fetchers;
        this.pageSize = pageSize;
        this.overlap = overlap;
        this.backfillStart = backfillStart;
        this.serviceIds = serviceIds;
        this.now = now;
        this.warnings = warnings;
    }

    /** Windows re-read because a list passed PagerDuty's offset cap. */
    long splits() {
        return splits.get();
    }

    /** Reads both streams and records their new watermarks. */
    void sync() throws InterruptedException {
        StreamCursor created = cursor.stream(SCOPE, INCIDENTS);
        StreamCursor changed = cursor.stream(SCOPE, LOG_ENTRIES);
        Lookahead<JsonNode, Incident> incidents = new Lookahead<>(fetchers, this::withLogEntries, rows::incident);
        try {
            progress.reading(INCIDENTS, client.api().baseUrl().getHost());
            created(created.since(overlap, backfillStart), incidents);
            incidents.finish();
        } finally {
            incidents.cancel();
        }
        if (created.watermark() != null && changed.watermark() != null) {
            Lookahead<JsonNode, Incident> changes = new Lookahead<>(fetchers, this::changedIncident, incident -> {
                if (incident != null) {
                    rows.incident(incident);
                }
            });
            try {
                progress.reading(LOG_ENTRIES, client.api().baseUrl().getHost());
                changed(changed.since(overlap, null), changes);
                changes.finish();
            } finally {
                changes.cancel();
            }
        }
        cursor.put(SCOPE, INCIDENTS, created.withWatermark(now));
        cursor.put(SCOPE, LOG_ENTRIES, changed.withWatermark(now));
    }

    /** Incidents created since {@code since} ({@code null}: all history) up to {@link #now}. */
    private void created(Instant since, Lookahead<JsonNode, Incident> incidents) throws InterruptedException {
        Instant start = since;
        while (true) {
            Instant end = start == null ? null : min(start.plus(MAX_WINDOW), now);
            Instant[] last = { null };
            boolean capped = walk(incidentsUrl(start, end), INCIDENTS, page -> {
                List<JsonNode> fresh = new ArrayList<>(page.size());
                for (JsonNode item : page) {
                    last[0] = Instant.ofEpochMilli(requiredTime(item, "created_at"));
                    if (seen.add(id(item))) {
                        fresh.add(item);
                    }
                }
                progress.fetched(INCIDENTS, fresh.size());
                incidents.submit(fresh);
            });
            if (capped) {
                if (last[0] == null || (start != null && !last[0].isAfter(start))) {
                    throw new ApiException(ApiException.Kind.REJECTED, 0, "more than " + PagerDutyApi.MAX_OFFSET
                            + " incidents were created at " + last[0] + ", more than PagerDuty can list");
                }
                splits.incrementAndGet();
                start = last[0]; // the rest of the window: from the last incident read on
            } else if (end == null || !end.isBefore(now)) {
                return;
            } else {
                start = end;
            }
        }
    }

    /** Incidents whose log shows a change since {@code since}, windows of at most {@value #MAX_WINDOW_DAYS} days. */
    private void changed(Instant since, Lookahead<JsonNode, Incident> changes) throws InterruptedException {
        for (Instant start = since; start.isBefore(now); start = min(start.plus(MAX_WINDOW), now)) {
            changedWindow(start, min(start.plus(MAX_WINDOW), now), changes);
        }
    }

    private void changedWindow(Instant since, Instant until, Lookahead<JsonNode, Incident> changes) throws InterruptedException {
        boolean capped = walk(url("/log_entries?is_overview=true&time_zone=UTC&since=" + since + "&until=" + until),
                LOG_ENTRIES, page -> {
                    List<JsonNode> references = new ArrayList<>();
                    for (JsonNode entry : page) {
                        JsonNode incident = entry.get("incident");
                        String service = text(entry, "service", "id");
                        if (incident != null && !text(incident, "id").isEmpty() && wanted(service)
                                && seen.add(text(incident, "id"))) {
                            references.add(incident);
                        }
                    }
                    progress.fetched(LOG_ENTRIES, page.size());
                    changes.submit(references);
                });
        if (capped) {
            Duration span = Duration.between(since, until);
            if (span.compareTo(Duration.ofSeconds(2)) < 0) {
                throw new ApiException(ApiException.Kind.REJECTED, 0, "more than " + PagerDutyApi.MAX_OFFSET
                        + " log entries were written within a second at " + since + ", more than PagerDuty can list");
            }
            splits.incrementAndGet();
            Instant middle = since.plus(span.dividedBy(2));
            changedWindow(since, middle, changes);
            changedWindow(middle, until, changes);
        }
    }

    /** A changed incident (named by a log entry) read whole; {@code null} when gone or of another service. */
    private Incident changedIncident(JsonNode reference) throws InterruptedException {
        JsonNode item;
        try {
            item = requiredObject(ApiClient.json(client.get("/incidents/" + segment(text(reference, "id"))))
                    .get("incident"));
        } catch (ApiException e) {
            if (e.kind() != ApiException.Kind.NOT_FOUND) {
                throw e;
            }
            return null; // deleted since; the next full refresh tombstones it
        }
        if (!wanted(text(item, "service", "id"))) {
            return null;
        }
        progress.fetched(INCIDENTS, 1);
        return withLogEntries(item);
    }

    private Incident withLogEntries(JsonNode item) throws InterruptedException {
        String id = id(item);
        List<LogEntryJson.LogEntry> entries = new ArrayList<>();
        boolean[] capped = { false };
        // One pass per page: the decoder reads offset, limit and more beside the entries.
        client.bodyPages(url("/incidents/" + segment(id) + "/log_entries?time_zone=UTC"), response -> {
            LogEntryJson.Page page = LogEntryJson.page(response);
            capped[0] = PagerDutyApi.PAGINATION.capped(page.position());
            return new ApiClient.ParsedPage<>(page.entries(),
                    PagerDutyApi.PAGINATION.next(response.uri(), page.position()).orElse(null));
        }, entries::addAll);
        if (capped[0]) {
            warnings.add("incident " + id + " has more than " + PagerDutyApi.MAX_OFFSET
                    + " log entries; only the first ones were read");
        }
        progress.fetched("incident_log_entries", entries.size());
        return new Incident(item, entries);
    }

    /** Handles one page's items. */
    @FunctionalInterface
    private interface Items {
        void page(List<JsonNode> items) throws InterruptedException;
    }

    /** Every page of a list; answers whether the offset cap cut it short. */
    private boolean walk(URI first, String envelope, Items items) throws InterruptedException {
        boolean[] capped = { false };
        client.pages(first, null, page -> {
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode item : ApiClient.array(page, envelope)) {
                list.add(requiredObject(item));
            }
            items.page(list);
            capped[0] = PagerDutyApi.PAGINATION.capped(page);
            return true;
        });
        return capped[0];
    }

    private URI incidentsUrl(Instant since, Instant until) {
        StringBuilder query = new StringBuilder("/incidents?sort_by=created_at:asc&time_zone=UTC");
        query.append(since == null ? "&date_range=all" : "&since=" + since + "&until=" + until);
        for (String service : serviceIds) {
            query.append("&service_ids%5B%5D=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        return url(query.toString());
    }

    /** {@code pathAndQuery} against the API root, from offset 0 with the configured page size. */
    private URI url(String pathAndQuery) {
        return client.api().resolve(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "limit=" + pageSize
                + "&offset=0");
    }

    private boolean wanted(String serviceId) {
        return serviceIds.isEmpty() || serviceId.isEmpty() || serviceIds.contains(serviceId);
    }

    private static String id(JsonNode item) {
        String id = text(item, "id");
        if (id.isEmpty()) {
            throw io.devhealth.sync.provider.http.ProviderJson.malformed("id", "is missing");
        }
        return id;
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
