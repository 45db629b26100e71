package io.devhealth.identity.people.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Large writes cut into slices, run one after the other (a session runs one statement at a time). */
public final class Chunks {

    private Chunks() {
    }

    /**
     * Runs {@code write} over slices of at most {@code size} {@code values}, one after the other. Large writes are
     * cut so that no single step keeps the event loop busy for long (Hibernate's work per entity is CPU work).
     */
    public static <T> Uni<Void> write(List<T> values, int size, Function<List<T>, Uni<?>> write) {
        List<List<T>> slices = new ArrayList<>();
        for (int start = 0; start < values.size(); start += size) {
            slices.add(values.subList(start, Math.min(values.size(), start + size)));
        }
        return Multi.createFrom().iterable(slices)
                .onItem().transformToUniAndConcatenate(slice -> write.apply(slice))
                .collect().last()
                .replaceWithVoid();
    }
}
