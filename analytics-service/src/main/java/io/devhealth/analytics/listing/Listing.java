package io.devhealth.analytics.listing;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a keyset-paginated listing.
 *
 * @param items      at most {@code limit} items, in the listing's order
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 * @param <T>        the item type
 */
public record Listing<T>(
        List<T> items,
        @Schema(description = "Pass as cursor for the next page; null on the last page",
                examples = "MTc0MDk5NjAwMDAwMB9hY21lL2FwaR9hYmMxMjM")
        String nextCursor) {

    /** Most items per page. */
    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    /**
     * The page from {@code fetched} (read with {@code limit + 1} to learn whether another page follows).
     *
     * @param cursorOf the cursor naming an item
     */
    public static <T> Listing<T> of(List<T> fetched, int limit, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Listing<>(List.copyOf(fetched), null);
        }
        List<T> page = List.copyOf(fetched.subList(0, limit));
        return new Listing<>(page, cursorOf.apply(page.getLast()));
    }

    /**
     * The {@code limit} query parameter: absent → {@value #DEFAULT_LIMIT}.
     *
     * @throws io.devhealth.support.problem.ProblemException 400 when not an integer from 1 to {@value #MAX_LIMIT}
     */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notAnInteger) {
            // answered below
        }
        throw io.devhealth.support.problem.ProblemException.badParameter("limit",
                "limit must be an integer from 1 to " + MAX_LIMIT);
    }
}
