package io.devhealth.analytics.listing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.devhealth.support.problem.ProblemException;

/**
 * The opaque {@code cursor} of keyset-paginated listings: the sort key of a page's last item, so the next page
 * starts right after it however many rows arrive meanwhile (an offset would skip or repeat them). Encoded as
 * base64url of the key's parts joined by a unit separator; clients pass it back unchanged.
 */
public final class ListingCursor {

    private static final char SEPARATOR = '\u001f';

    private ListingCursor() {
    }

    /** The cursor naming the item whose sort key is {@code parts}. */
    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), parts).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key a cursor names, or null when {@code cursor} is absent.
     *
     * @throws ProblemException 400 naming {@code cursor} when it is not one this listing issued
     */
    public static List<String> decode(String cursor, int parts) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        List<String> values = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEPARATOR) {
                values.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (values.size() != parts) {
            throw invalid();
        }
        return values;
    }

    /**
     * The sort key of listings ordered by a time, then a repository, then an id within it (commits by author time,
     * deployments by creation time).
     *
     * @param millis epoch milliseconds
     */
    public record Key(long millis, UUID repoId, String id) {

        /** The cursor naming this key. */
        public String encode() {
            return ListingCursor.encode(Long.toString(millis), repoId.toString(), id);
        }
    }

    /**
     * The key a (time, repository, id) cursor names, or null when {@code cursor} is absent.
     *
     * @throws ProblemException 400 naming {@code cursor} when it is not one such a listing issued
     */
    public static Key decodeKey(String cursor) {
        List<String> parts = decode(cursor, 3);
        if (parts == null) {
            return null;
        }
        try {
            return new Key(Long.parseLong(parts.get(0)), UUID.fromString(parts.get(1)), parts.get(2));
        } catch (IllegalArgumentException malformed) {
            throw invalid();
        }
    }

    /**
     * The sort key of listings ordered by a time, then a text scope, then an id within it (incidents by creation
     * time, provider and incident id; work items by creation time, provider and item id).
     *
     * @param millis epoch milliseconds
     */
    public record NamedKey(long millis, String scope, String id) {

        /** The cursor naming this key. */
        public String encode() {
            return ListingCursor.encode(Long.toString(millis), scope, id);
        }
    }

    /**
     * The key a (time, scope, id) cursor names, or null when {@code cursor} is absent.
     *
     * @throws ProblemException 400 naming {@code cursor} when it is not one such a listing issued
     */
    public static NamedKey decodeNamedKey(String cursor) {
        List<String> parts = decode(cursor, 3);
        if (parts == null) {
            return null;
        }
        try {
            return new NamedKey(Long.parseLong(parts.get(0)), parts.get(1), parts.get(2));
        } catch (NumberFormatException malformed) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.badParameter("cursor", "cursor must be a value from a previous page's nextCursor");
    }
}
