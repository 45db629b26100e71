package io.devhealth.sync.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP provider's cursor as identity stores it on the configuration: a {@link StreamCursor} per scope and stream,
 * <pre>{"format": 1, "baseUrl": "https://api.github.com",
 *  "fullRefreshAt": "2026-12-01T00:00:00Z",
 *  "scopes": {"acme/widgets": {"pull_requests": {"watermark": "…", "etag": "…", "etagUrl": "…"}, …}}}</pre>
 * and, for providers that mirror repositories' git history, the git cursor of each repository scope (opaque here, the
 * shape of {@code io.devhealth.sync.provider.git.RemoteGitHistory}'s):
 * <pre>"git": {"acme/widgets": {"format": 1, "refs": {…}, …}}</pre>
 * A cursor of another base URL or format is ignored (the next run is a first run). The next cursor starts as a copy
 * of the previous one, so a scope or stream that is not read this time keeps its place. The job stores it only when
 * the run succeeds, that is after every row it covers was durably written.
 */
public final class ProviderCursor {

    static final int FORMAT = 1;

    private final String baseUrl;
    private final Map<String, Map<String, StreamCursor>> scopes = new TreeMap<>();
    private final Map<String, Map<String, Object>> git = new TreeMap<>();
    private Instant fullRefreshAt;

    private ProviderCursor(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The previous run's cursor for {@code baseUrl}; an empty one when there is none or it belongs elsewhere. */
    public static ProviderCursor from(Map<String, Object> raw, String baseUrl) {
        ProviderCursor cursor = new ProviderCursor(baseUrl);
        if (raw == null || !baseUrl.equals(raw.get("baseUrl")) || !(raw.get("format") instanceof Number format)
                || format.intValue() != FORMAT || !(raw.get("scopes") instanceof Map<?, ?> scopes)) {
            return cursor;
        }
        if (raw.get("fullRefreshAt") instanceof String at) {
            try {
                cursor.fullRefreshAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                // a damaged time means a full refresh now, never a skipped one
            }
        }
        scopes.forEach((scope, streams) -> {
            if (scope instanceof String name && streams instanceof Map<?, ?> byStream) {
                byStream.forEach((stream, value) -> {
                    if (stream instanceof String streamName) {
                        cursor.put(name, streamName, StreamCursor.from(value));
                    }
                });
            }
        });
        if (raw.get("git") instanceof Map<?, ?> gitCursors) {
            gitCursors.forEach((scope, value) -> {
                if (scope instanceof String name && value instanceof Map<?, ?> map) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    map.forEach((key, v) -> copy.put(String.valueOf(key), v));
                    cursor.git.put(name, copy);
                }
            });
        }
        return cursor;
    }

    /**
     * Whether this run must be a full refresh: none was recorded (a first run, a reset or damaged cursor) or the last
     * one started {@code interval} or more before {@code now}.
     */
    public boolean fullRefreshDue(Instant now, Duration interval) {
        return fullRefreshAt == null || !now.isBefore(fullRefreshAt.plus(interval));
    }

    /**
     * The cursor a full refresh starting at {@code now} reads from and writes to: no watermark and no {@code ETag}
     * (every item is read again, none is skipped by a 304), and the refresh's start recorded for the next due time.
     * Git cursors are kept: git history is exact incrementally (a force-push is tombstoned by the git sync itself).
     */
    public synchronized ProviderCursor fullRefresh(Instant now) {
        ProviderCursor fresh = new ProviderCursor(baseUrl);
        fresh.fullRefreshAt = now;
        fresh.git.putAll(git);
        return fresh;
    }

    /** The git cursor of {@code scope}'s repository, or {@code null} before its first successful run. */
    public synchronized Map<String, Object> git(String scope) {
        return git.get(scope);
    }

    public synchronized void putGit(String scope, Map<String, Object> cursor) {
        git.put(scope, cursor);
    }

    public synchronized StreamCursor stream(String scope, String stream) {
        return scopes.getOrDefault(scope, Map.of()).getOrDefault(stream, StreamCursor.EMPTY);
    }

    public synchronized void put(String scope, String stream, StreamCursor cursor) {
        scopes.computeIfAbsent(scope, s -> new TreeMap<>()).put(stream, cursor);
    }

    public synchronized Map<String, Object> toMap() {
        Map<String, Object> byScope = new TreeMap<>();
        scopes.forEach((scope, streams) -> {
            Map<String, Object> byStream = new TreeMap<>();
            streams.forEach((stream, cursor) -> byStream.put(stream, cursor.toMap()));
            byScope.put(scope, byStream);
        });
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("format", FORMAT);
        map.put("baseUrl", baseUrl);
        if (fullRefreshAt != null) {
            map.put("fullRefreshAt", fullRefreshAt.toString());
        }
        map.put("scopes", byScope);
        if (!git.isEmpty()) {
            map.put("git", new TreeMap<>(git));
        }
        return map;
    }
}
