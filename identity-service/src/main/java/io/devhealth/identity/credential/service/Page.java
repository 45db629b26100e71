package io.devhealth.identity.credential.service;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items from {@code offset}, at most {@code limit} of them, and how many there are in all.
 */
public record Page<T>(List<T> items, int limit, int offset, long total) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), limit, offset, total);
    }
}
