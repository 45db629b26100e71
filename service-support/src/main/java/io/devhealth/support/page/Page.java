package io.devhealth.support.page;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: {@code items} (at most {@code limit}) starting at {@code offset} of {@code total}.
 *
 * @param <T> the item type
 */
public record Page<T>(
        List<T> items,
        @Schema(examples = "50") int limit,
        @Schema(examples = "0") int offset,
        @Schema(description = "Items in the whole list", examples = "1") long total) {

    public static <T> Page<T> of(List<T> items, PageRequest request, long total) {
        return new Page<>(List.copyOf(items), request.limit(), request.offset(), total);
    }

    /** The same page with its items mapped (entities to API records). */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), limit, offset, total);
    }
}
