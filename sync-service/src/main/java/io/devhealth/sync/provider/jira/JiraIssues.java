package io.devhealth.sync.provider.jira;

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
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.sync.provider.http.ApiClient;
import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.Lookahead;
import io.devhealth.sync.provider.http.ProviderCursor;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.RunProgress;
import io.devhealth.sync.provider.http.StreamCursor;

/**
 * The issues of one configuration through the enhanced search endpoint, {@code GET /rest/api/3/search/jql}
 * ({@code jql}, {@code nextPageToken}, {@code maxResults}, {@code fields}, {@code expand=changelog}; pages
 * {@code {"issues", "nextPageToken", "isLast"}}), incremental by {@code updated}:
 * <pre>(&lt;projects or filter&gt;) AND updated &gt;= "2026/12/01 09:50" ORDER BY updated ASC, key ASC</pre>
 * The bound is the last watermark minus the overlap (or the backfill start on a first run), written at JQL's minute
 * resolution in the API user's time zone ({@link JiraSite#jqlDate}). An issue whose embedded changelog is truncated
 * ({@code changelog.total} greater than its histories) has its whole changelog read from
 * {@code GET /rest/api/3/issue/{id}/changelog} ({@code startAt}/{@code isLast} pages), concurrently and one page
 * ahead ({@link Lookahead}). The stream's new watermark, the newest {@code updated} seen, is recorded after every row
 * was handed to the sink.
 */
final class JiraIssues {

    static final String STREAM = "issues";

    /** An issue with its complete changelog histories. */
    record Issue(JsonNode item, List<JsonNode> histories) {
    }

    private final ApiClient client;
    private final JiraRows rows;
    private final ProviderCursor cursor;
    private final RunProgress progress;
    private final ExecutorService fetchers;
    private final JiraConfig config;
    private final Duration overlap;
    private final Instant backfillStart;
    private final JiraSite site;

    JiraIssues(ApiClient client, JiraRows rows, ProviderCursor cursor, RunProgress progress, ExecutorService fetchers,
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

    void sync(JiraOptions options) throws InterruptedException {
        String scope = options.cursorScope();
        progress.reading(STREAM, options.projectKeys().isEmpty() ? "jql" : String.join(",", options.projectKeys()));
        StreamCursor previous = cursor.stream(scope, STREAM);
        Instant since = previous.since(overlap, backfillStart);
        String jql = "(" + options.scopeJql() + ")"
                + (since == null ? "" : " AND updated >= \"" + site.jqlDate(since) + "\"")
                + " ORDER BY updated ASC, key ASC";
        Instant[] newest = { previous.watermark() };
        Lookahead<Issue> issues = new Lookahead<>(fetchers, this::complete, rows::issue);
        try {
            client.bodyPages(search(jql, null), page -> {
                JsonNode body = ApiClient.json(page);
                JsonNode list = body.get("issues");
                if (list == null || !list.isArray()) {
                    throw new ApiException(ApiException.Kind.MALFORMED, page.status(), "GET " + page.uri()
                            + ": expected a JSON array in member \"issues\"");
                }
                List<JsonNode> items = new ArrayList<>(list.size());
                for (JsonNode item : list) {
                    requiredObject(item);
                    newest[0] = StreamCursor.newer(newest[0],
                            Instant.ofEpochMilli(requiredTime(requiredObject(item.get("fields")), "updated")));
                    items.add(item);
                }
                String token = text(body, "nextPageToken");
                boolean last = body.path("isLast").asBoolean(token.isEmpty()) || token.isEmpty();
                return new ApiClient.ParsedPage<>(items, last ? null : search(jql, token));
            }, items -> {
                progress.fetched(STREAM, items.size());
                issues.submit(items);
            });
            issues.finish();
        } finally {
            issues.cancel();
        }
        cursor.put(scope, STREAM, new StreamCursor(newest[0], null, null));
    }

    private URI search(String jql, String nextPageToken) {
        return client.api().resolve("/rest/api/3/search/jql?jql=" + encode(jql) + "&maxResults=" + config.pageSize()
                + "&fields=" + encode(String.join(",", site.searchFields())) + "&expand=changelog"
                + (nextPageToken == null ? "" : "&nextPageToken=" + encode(nextPageToken)));
    }

    /** The issue with every changelog history: the embedded ones, or all pages of its changelog when truncated. */
    private Issue complete(JsonNode item) throws InterruptedException {
        JsonNode changelog = item.get("changelog");
        List<JsonNode> embedded = new ArrayList<>();
        if (changelog != null && changelog.path("histories").isArray()) {
            changelog.get("histories").forEach(embedded::add);
        }
        long total = ProviderJson.number(changelog, "total");
        if (total <= embedded.size()) {
            return new Issue(item, embedded);
        }
        String id = text(item, "id").isEmpty() ? text(item, "key") : text(item, "id");
        List<JsonNode> histories = new ArrayList<>((int) Math.min(total, 10_000));
        long startAt = 0;
        while (true) {
            ApiResponse response = client.get("/rest/api/3/issue/" + encode(id) + "/changelog?startAt=" + startAt
                    + "&maxResults=" + config.changelogPageSize());
            JsonNode page = ApiClient.json(response);
            JsonNode values = page.get("values");
            if (values == null || !values.isArray()) {
                throw new ApiException(ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri()
                        + ": expected a JSON array in member \"values\"");
            }
            values.forEach(histories::add);
            progress.fetched("changelog_pages", 1);
            startAt += values.size();
            if (values.isEmpty() || page.path("isLast").asBoolean(startAt >= ProviderJson.number(page, "total"))) {
                return new Issue(item, histories);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
