package io.devhealth.identity.people.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs a query once per slice of a large value list, one slice after the other (a session runs one statement at a
 * time): PostgreSQL takes at most 65,535 bind parameters per statement, and an import may look up 50,000 keys.
 */
public final class Chunks {

    static final int SIZE = 1000;

    private Chunks() {
    }

    /** The concatenated results of {@code query} over slices of at most {@value #SIZE} {@code values}. */
    public static <T, R> Uni<List<R>> query(Collection<T> values, Function<List<T>, Uni<List<R>>> query) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<T> all = List.copyOf(values);
        List<List<T>> slices = new ArrayList<>();
        for (int start = 0; start < all.size(); start += SIZE) {
            slices.add(all.subList(start, Math.min(all.size(), start + SIZE)));
        }
        return Multi.createFrom().iterable(slices)
                .onItem().transformToUniAndConcatenate(slice -> query.apply(slice))
                .collect().in(ArrayList<R>::new, List::addAll)
                .map(List::copyOf);
    }
}
