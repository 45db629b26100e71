package io.devhealth.sync.provider.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Per-item requests of a paged list (a pull request's detail and reviews, a pipeline's jobs, a deployment's statuses),
 * fetched concurrently and one page ahead: the items of page N are fetched while page N+1 is listed and page N−1's
 * results are handled. The credential's {@link CredentialGate} bounds the requests in flight. Results are handled in
 * list order on the caller's thread (row encoders are not thread-safe). The first failure is rethrown by
 * {@link #submit} or {@link #finish}; call {@link #cancel} in a {@code finally}.
 *
 * @param <I> a list item (a JSON node, or what a streaming decoder made of it)
 * @param <T> what one item's requests produce
 */
public final class Lookahead<I, T> {

    /** The requests of one item; runs on a fetcher thread. */
    @FunctionalInterface
    public interface Fetch<I, T> {
        T apply(I item) throws InterruptedException;
    }

    /** Handles one item's result on the caller's thread. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T result);
    }

    private final ExecutorService fetchers;
    private final Fetch<I, T> fetch;
    private final Handler<T> handler;
    private final Deque<List<Future<T>>> pending = new ArrayDeque<>();

    /** @param fetchers runs the fetches (virtual threads: they mostly wait for the gate and the network) */
    public Lookahead(ExecutorService fetchers, Fetch<I, T> fetch, Handler<T> handler) {
        this.fetchers = fetchers;
        this.fetch = fetch;
        this.handler = handler;
    }

    /** Starts the fetches of one page's items, then handles the previous page's results. */
    public void submit(List<I> items) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>(items.size());
        for (I item : items) {
            futures.add(fetchers.submit(() -> fetch.apply(item)));
        }
        pending.add(futures);
        while (pending.size() > 1) {
            handle(pending.poll());
        }
    }

    /** Handles every result still pending. */
    public void finish() throws InterruptedException {
        while (!pending.isEmpty()) {
            handle(pending.poll());
        }
    }

    /** Abandons what is still in flight (after a failure); a no-op after {@link #finish()}. */
    public void cancel() {
        pending.forEach(futures -> futures.forEach(future -> future.cancel(true)));
        pending.clear();
    }

    private void handle(List<Future<T>> futures) throws InterruptedException {
        for (Future<T> future : futures) {
            handler.handle(await(future));
        }
    }

    /**
     * The result of a task, its failure rethrown as it was thrown (runtime exceptions and interruptions unwrapped).
     */
    public static <R> R await(Future<R> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
