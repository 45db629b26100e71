package io.devhealth.sync.provider.http;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Classic offset pagination announced in the body (PagerDuty REST v2): a page is
 * {@code {"<items>": […], "limit": 100, "offset": 200, "more": true, "total": null}}; the next page is the same URL with
 * {@code offset} advanced by {@code limit} while {@code more} is true. Providers cap how deep an offset may go
 * (PagerDuty: {@code offset + limit ≤ 10,000}); a page whose successor would pass the cap has no next page here, and
 * {@link #capped} tells the caller that the list went on (it must narrow its query, e.g. split the time window).
 *
 * <p>{@link #position} finds the page's members with a streaming scan that skips the items (no tree), which is still a
 * second pass over the body; a decoder that reads the page token by token picks them up on its way instead
 * ({@link PositionReader}) and asks {@link #next(URI, Page)}.
 */
public final class OffsetPagination implements Pagination {

    private static final JsonFactory JSON = new JsonFactory();

    private final int cap;

    /** @param cap the deepest {@code offset + limit} the provider serves, e.g. 10,000 */
    public OffsetPagination(int cap) {
        this.cap = cap;
    }

    /** A page's position: {@code more} says whether items follow it. */
    public record Page(long offset, long limit, boolean more) {
    }

    @Override
    public Optional<URI> next(ApiResponse page) {
        return next(page.uri(), position(page));
    }

    /**
     * The page after the one at {@code uri} whose members a decoder already read ({@code position}), so that finding
     * it takes no second pass over the body; empty on the last page and on the last one the cap allows.
     */
    public Optional<URI> next(URI uri, Page position) {
        long next = position.offset() + position.limit();
        if (!position.more() || position.limit() <= 0 || next + position.limit() > cap) {
            return Optional.empty();
        }
        return Optional.of(NextPageHeaderPagination.withPage(uri, "offset", Long.toString(next)));
    }

    /** Whether {@code page} is the last one the cap allows although more items follow. */
    public boolean capped(ApiResponse page) {
        long offset = parameter(page.uri(), "offset");
        long limit = parameter(page.uri(), "limit");
        if (offset >= 0 && limit > 0 && offset + 2 * limit <= cap) {
            return false; // far from the cap: no need to read the body again
        }
        return capped(position(page));
    }

    /** Whether the page at {@code position} is the last one the cap allows although more items follow. */
    public boolean capped(Page position) {
        return position.more() && position.offset() + 2 * position.limit() > cap;
    }

    /** A numeric query parameter of {@code uri}, -1 when absent or not a number. */
    private static long parameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return -1;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                try {
                    return Long.parseLong(pair.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The top-level {@code offset}, {@code limit} and {@code more} of a page; malformed JSON: an {@link ApiException}. */
    public static Page position(ApiResponse page) {
        PositionReader position = new PositionReader();
        try (JsonParser parser = JSON.createParser(page.body())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!position.member(name, parser)) {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw ApiClient.notJson(page, e);
        }
        return position.page();
    }

    /**
     * Gathers a page's {@code offset}, {@code limit} and {@code more} while a decoder walks the page's top-level
     * members, so that finding the next page ({@link #next(URI, Page)}) needs no second pass over the body. A value
     * that is not a number counts as 0; {@code more} is true only when it is {@code true}; absent members are 0, 0 and
     * false.
     */
    public static final class PositionReader {
        private long offset;
        private long limit;
        private boolean more;

        /**
         * Reads the member the parser is on (its value's first token) and answers {@code true} when it is one of the
         * three; answers {@code false}, having consumed nothing, for any other member.
         */
        public boolean member(String name, JsonParser parser) throws IOException {
            JsonToken value = parser.currentToken();
            switch (name) {
                case "offset" -> offset = value.isNumeric() ? parser.getLongValue() : 0;
                case "limit" -> limit = value.isNumeric() ? parser.getLongValue() : 0;
                case "more" -> more = value == JsonToken.VALUE_TRUE;
                default -> {
                    return false;
                }
            }
            parser.skipChildren(); // an object or array where a scalar belongs
            return true;
        }

        /** The position gathered so far. */
        public Page page() {
            return new Page(offset, limit, more);
        }
    }
}
