package io.devhealth.sync.provider.jira;

import static io.devhealth.sync.provider.http.ProviderJson.requiredObject;
import static io.devhealth.sync.provider.http.ProviderJson.requiredTime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.Lookahead;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.StreamCursor;

/**
 * The issues of one configuration through the enhanced search endpoint, {@code GET /rest/api/3/search/jql}
 * ({@code jql}, {@code nextPageToken}, {@code maxResults}, {@code fields}, {@code expand=changelog}; pages
 * {@code {"issues", "nextPageToken", "isLast"}}), incremental by {@code updated}:
 * <pre>(&lt;projects or filter&gt;) AND updated &gt;= "2026/12/01 09:50" ORDER BY updated ASC, key ASC</pre>
 * The bound is the last watermark minus the overlap (or the backfill start on a first run), written at JQL's minute
 * resolution in the API user's time zone ({@link JiraSite#jqlDate}). A wide read is split into disjoint
 * {@code updated} windows walked concurrently ({@link #windows}): token pages come one after another. An issue whose embedded changelog is truncated
 * ({@code changelog.total} greater than its histories) has its whole changelog read from
 * {@code GET /rest/api/3/issue/{id}/changelog} ({@code startAt}/{@code isLast} pages), concurrently and one page
 * ahead ({@link Lookahead}). The stream's new watermark, the newest {@code updated} seen, is recorded after every row
 * was handed to the sink.
 */
final class JiraIssues {

    static final String STREAM = "issues";
    private final ApiClient client;
    private final Supplier<JiraRows> rows;
    private final ProviderCursor cursor;
    private final RunProgress progress;
    private final ExecutorService fetchers;
    private final JiraConfig config;
    private final Duration overlap;
    private final Instant backfillStart;
    private final JiraSite site;

    /** @param rows a row writer per walk (each walk's rows are encoded on its own thread) */
    JiraIssues(ApiClient client, Supplier<JiraRows> rows, ProviderCursor cursor, RunProgress progress, ExecutorService fetchers,
            JiraConfig config, Duration overlap, Instant backfillStart, JiraSite site) {
        this.client = client;
        this.rows = rows;
        this.cursor = cursor;
        this.progress = progress;
        this.fetchers = fetchers;
        this.config = config;
        this.overlap = overlap;
        this.backfillStart = backfillStart;
        this.site = site;
    }

    /**
     * Reads every issue of {@code options}' scope updated since the stream's bound, in {@link JiraConfig#searchSlices()}
     * windows at once when there is more than a minute per window ({@link #windows}).
     *
     * @param now the run's start: the last window is open-ended, so issues updated during the run are read too
     */
    void sync(JiraOptions options, Instant now) throws InterruptedException {
        String scope = options.cursorScope();
        progress.reading(STREAM, options.projectKeys().isEmpty() ? "jql" : String.join(",", options.projectKeys()));
        StreamCursor previous = cursor.stream(scope, STREAM);
        Instant since = previous.since(overlap, backfillStart);
        Watermark newest = new Watermark(previous.watermark());
        List<String> windows = windows(options.scopeJql(), since, now);
        if (windows.size() == 1) {
            walk(options.scopeJql(), windows.getFirst(), newest);
        } else {
            List<Future<Void>> walks = new ArrayList<>();
            for (String window : windows) {
                walks.add(fetchers.submit(() -> {
                    walk(options.scopeJql(), window, newest);
                    return null;
                }));
            }
            try {
                for (Future<Void> walk : walks) {
                    Lookahead.await(walk);
                }
            } finally {
                walks.forEach(walk -> walk.cancel(true));
            }
        }
        cursor.put(scope, STREAM, new StreamCursor(newest.get(), null, null));
    }

    /** The newest {@code updated} seen by any walk. */
    private static final class Watermark {
        private Instant newest;

        Watermark(Instant start) {
            newest = start;
        }

        synchronized void seen(Instant updated) {
            newest = StreamCursor.newer(newest, updated);
        }

        synchronized Instant get() {
            return newest;
        }
    }

    /**
     * The JQL bounds ({@code updated >= "…" AND updated < "…"}, {@code ""} for none) of the windows to walk: one from
     * {@code since} when slicing is off or the read spans fewer minutes than windows; else a probe asks for the
     * earliest and the latest update in range, and the minutes between them are cut into equal windows, the first
     * reaching back to {@code since} and the last open-ended (up to {@code now} and past it). Windows meet at the same minute strings, so they are
     * disjoint and miss nothing.
     */
    List<String> windows(String scopeJql, Instant since, Instant now) throws InterruptedException {
        String lower = since == null ? "" : " AND updated >= \"" + site.jqlDate(since) + "\"";
        int slices = config.searchSlices();
        if (slices <= 1) {
            return List.of(lower);
        }
        Instant earliest = probe(scopeJql, lower, "ASC");
        Instant latest = earliest == null ? null : probe(scopeJql, lower, "DESC");
        if (earliest == null || latest == null) {
            return List.of(lower);
        }
        long minutes = Duration.between(earliest, latest.isBefore(now) ? latest : now).toMinutes();
        if (minutes < slices) {
            return List.of(lower);
        }
        List<String> bounds = new ArrayList<>();
        for (int i = 1; i < slices; i++) {
            bounds.add("\"" + site.jqlDate(earliest.plus(Duration.ofMinutes(minutes * i / slices))) + "\"");
        }
        List<String> windows = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            windows.add((i == 0 ? lower : " AND updated >= " + bounds.get(i - 1))
                    + (i == slices - 1 ? "" : " AND updated < " + bounds.get(i)));
        }
        return windows;
    }

    /** The earliest ({@code ASC}) or latest ({@code DESC}) update in range; {@code null} when nothing is. */
    private Instant probe(String scopeJql, String lower, String direction) throws InterruptedException {
        JsonNode page = ApiClient.json(client.get(client.api().resolve("/rest/api/3/search/jql?jql=" + encode("("
                + scopeJql + ")" + lower + " ORDER BY updated " + direction + ", key " + direction)
                + "&maxResults=1&fields=updated"), null));
        JsonNode first = page.path("issues").path(0);
        return first.isMissingNode() ? null
                : Instant.ofEpochMilli(requiredTime(requiredObject(first.get("fields")), "updated"));
    }

    /** Walks one window's pages, handing each page's issues (with complete changelogs) to a row writer of its own. */
    private void walk(String scopeJql, String window, Watermark newest) throws InterruptedException {
        String jql = "(" + scopeJql + ")" + window + " ORDER BY updated ASC, key ASC";
        try (JiraRows rows = this.rows.get()) {
            Lookahead<JiraIssue, JiraIssue> issues = new Lookahead<>(fetchers, this::complete, rows::issue);
            try {
                client.bodyPages(search(jql, null), page -> {
                    JiraJson.SearchPage parsed = JiraJson.searchPage(page, site);
                    parsed.issues().forEach(issue -> newest.seen(Instant.ofEpochMilli(issue.updated())));
                    String token = parsed.nextPageToken();
                    boolean last = token.isEmpty() || Boolean.TRUE.equals(parsed.isLast());
                    return new ApiClient.ParsedPage<>(parsed.issues(), last ? null : search(jql, token));
                }, items -> {
                    progress.fetched(STREAM, items.size());
                    issues.submit(items);
                });
                issues.finish();
            } finally {
                issues.cancel();
            }
        }
    }

    private URI search(String jql, String nextPageToken) {
        return client.api().resolve("/rest/api/3/search/jql?jql=" + encode(jql) + "&maxResults=" + config.pageSize()
                + "&fields=" + encode(String.join(",", site.searchFields())) + "&expand=changelog"
                + (nextPageToken == null ? "" : "&nextPageToken=" + encode(nextPageToken)));
    }

    /** The issue with every changelog history: the embedded ones, or all pages of its changelog when truncated. */
    private JiraIssue complete(JiraIssue issue) throws InterruptedException {
        if (!issue.changelogTruncated()) {
            return issue;
        }
        String id = issue.id().isEmpty() ? issue.key() : issue.id();
        List<JiraIssue.History> histories = new ArrayList<>((int) Math.min(issue.changelogTotal(), 10_000));
        long startAt = 0;
        while (true) {
            ApiResponse response = client.get("/rest/api/3/issue/" + encode(id) + "/changelog?startAt=" + startAt
                    + "&maxResults=" + config.changelogPageSize());
            JiraJson.ChangelogPage page = JiraJson.changelogPage(response);
            histories.addAll(page.values());
            progress.fetched("changelog_pages", 1);
            startAt += page.values().size();
            boolean last = page.isLast() != null ? page.isLast() : startAt >= page.total();
            if (page.values().isEmpty() || last) {
                return issue.withHistories(histories);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
