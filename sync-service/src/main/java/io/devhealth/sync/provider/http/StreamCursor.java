package io.devhealth.sync.provider.http;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one stream (pull requests, issues, …) of one scope (a repository, a project) stopped:
 * <pre>{"watermark": "2026-12-01T10:00:00Z", "etag": "\"abc\"", "etagUrl": "https://…/pulls?state=all&…"}</pre>
 *
 * @param watermark the newest {@code updated_at} (or the stream's own ordering time) written by the last successful
 *                  run; {@code null} before the first
 * @param etag      the {@code ETag} of the first page last time, sent as {@code If-None-Match} when the same URL is
 *                  requested again (a 304 means nothing changed and costs no rate limit); {@code null}: none
 * @param etagUrl   the URL that {@code etag} belongs to
 */
public record StreamCursor(Instant watermark, String etag, String etagUrl) {

    public static final StreamCursor EMPTY = new StreamCursor(null, null, null);

    /** The lower bound of the next read: the watermark minus {@code overlap}; else the backfill start (may be null). */
    public Instant since(Duration overlap, Instant backfillStart) {
        return watermark == null ? backfillStart : watermark.minus(overlap);
    }

    /** {@link #etag()} if it was recorded for {@code url}, else {@code null}. */
    public String etagFor(URI url) {
        return etag != null && url.toString().equals(etagUrl) ? etag : null;
    }

    /** A later watermark: the newer of this one and {@code seen}. */
    public static Instant newer(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    public StreamCursor withWatermark(Instant newWatermark) {
        return new StreamCursor(newWatermark, etag, etagUrl);
    }

    public StreamCursor withEtag(String newEtag, URI url) {
        return newEtag == null ? new StreamCursor(watermark, null, null)
                : new StreamCursor(watermark, newEtag, url.toString());
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (watermark != null) {
            map.put("watermark", watermark.toString());
        }
        if (etag != null) {
            map.put("etag", etag);
            map.put("etagUrl", etagUrl);
        }
        return map;
    }

    static StreamCursor from(Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            return EMPTY;
        }
        Instant watermark = null;
        if (map.get("watermark") instanceof String text) {
            try {
                watermark = Instant.parse(text);
            } catch (DateTimeParseException e) {
                return EMPTY; // a damaged cursor means a full read, never a skipped one
            }
        }
        String etag = map.get("etag") instanceof String e ? e : null;
        String etagUrl = map.get("etagUrl") instanceof String u ? u : null;
        return new StreamCursor(watermark, etag == null || etagUrl == null ? null : etag, etag == null ? null : etagUrl);
    }
}
