package io.devhealth.sync.provider.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP provider's cursor as identity stores it on the configuration: a {@link StreamCursor} per scope and stream,
 * <pre>{"format": 1, "baseUrl": "https://api.github.com",
 *  "scopes": {"acme/widgets": {"pull_requests": {"watermark": "…", "etag": "…", "etagUrl": "…"}, …}}}</pre>
 * A cursor of another base URL or format is ignored (the next run is a first run). The next cursor starts as a copy
 * of the previous one, so a scope or stream that is not read this time keeps its place. The job stores it only when
 * the run succeeds, that is after every row it covers was durably written.
 */
public final class ProviderCursor {

    static final int FORMAT = 1;

    private final String baseUrl;
    private final Map<String, Map<String, StreamCursor>> scopes = new TreeMap<>();

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
        scopes.forEach((scope, streams) -> {
            if (scope instanceof String name && streams instanceof Map<?, ?> byStream) {
                byStream.forEach((stream, value) -> {
                    if (stream instanceof String streamName) {
                        cursor.put(name, streamName, StreamCursor.from(value));
                    }
                });
            }
        });
        return cursor;
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
        map.put("scopes", byScope);
        return map;
    }
}
