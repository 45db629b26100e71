package io.devhealth.support.page;

/**
 * A validated page request: {@code limit} items from {@code offset}. Made by {@link PageParameters#toRequest()}
 * from a request's query parameters, or directly by code.
 *
 * @param limit page size, 1–{@value PageParameters#MAX_LIMIT}
 * @param offset items skipped, 0–{@value PageParameters#MAX_OFFSET}
 */
public record PageRequest(int limit, int offset) {

    public static PageRequest first(int limit) {
        return new PageRequest(limit, 0);
    }
}
