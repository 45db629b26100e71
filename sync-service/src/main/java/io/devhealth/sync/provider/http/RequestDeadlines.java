package io.devhealth.sync.provider.http;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a provider request may take ({@code request-timeout}) without a timer per request. A timed wait
 * arms one per call, on a virtual thread a delayed task of the scheduler that is cancelled again when the response
 * arrives (and {@code HttpRequest.timeout()} one on the client's single selector thread): on a fast network that costs
 * more than the request. Here the requests in flight sit in one set that a daemon thread checks every
 * {@code timeout / 20} (at least 10 ms, at most 1 s), cancelling those past their deadline: a request times out
 * within one check of it. Safe for concurrent use; the thread starts with the first request.
 */
final class RequestDeadlines implements AutoCloseable {

    private final Duration timeout;
    private final long timeoutNanos;
    private final long checkEveryNanos;
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService checker;

    RequestDeadlines(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.checkEveryNanos = Math.clamp(timeoutNanos / 20, TimeUnit.MILLISECONDS.toNanos(10),
                TimeUnit.SECONDS.toNanos(1));
    }

    /** One request in flight; identity equality, so the set tells requests apart. */
    private static final class InFlight {
        final CompletableFuture<?> response;
        final long deadline;
        volatile boolean timedOut;

        InFlight(CompletableFuture<?> response, long deadline) {
            this.response = response;
            this.deadline = deadline;
        }
    }

    /**
     * The response of {@code pending} once complete.
     *
     * @throws HttpTimeoutException when it took longer than the timeout (the request is cancelled)
     * @throws IOException          when the request failed in transport (the client's own exception)
     * @throws InterruptedException when the waiting thread was interrupted (the request is cancelled)
     */
    <T> T await(CompletableFuture<T> pending) throws IOException, InterruptedException {
        InFlight request = new InFlight(pending, System.nanoTime() + timeoutNanos);
        inFlight.add(request);
        startChecking();
        try {
            return pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (CancellationException | ExecutionException e) {
            // The client fails a cancelled exchange with its own IOException ("Request cancelled").
            if (request.timedOut) {
                throw new HttpTimeoutException("no complete response within " + timeout);
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(e instanceof CancellationException ? "request cancelled"
                    : cause == null ? "request failed" : cause.getMessage(), cause);
        } finally {
            inFlight.remove(request);
        }
    }

    private void startChecking() {
        if (checker == null) {
            synchronized (this) {
                if (checker == null) {
                    ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().daemon().name("provider-request-deadlines").factory());
                    started.scheduleWithFixedDelay(this::cancelOverdue, checkEveryNanos, checkEveryNanos,
                            TimeUnit.NANOSECONDS);
                    checker = started;
                }
            }
        }
    }

    private void cancelOverdue() {
        long now = System.nanoTime();
        for (InFlight request : inFlight) {
            if (now - request.deadline >= 0) {
                request.timedOut = true;
                request.response.cancel(true);
            }
        }
    }

    /** Stops the checking thread (requests still waiting are no longer bounded). */
    @Override
    public synchronized void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
