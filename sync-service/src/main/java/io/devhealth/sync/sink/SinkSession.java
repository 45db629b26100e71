package io.devhealth.sync.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.context.Context;

/**
 * The writes of one sync run: producers (one {@link TableBatcher} per thread and table) fill batches, a bounded
 * queue hands them to a few writer threads that insert them while extraction goes on. Created by
 * {@link ClickHouseSink#open(long, String, WriteFence)}; {@link #finish()} waits for every batch, {@link #close()} abandons the rest.
 *
 * <p>Failure: the first failed insert (after retries) fails the session; producers get it on their next
 * {@link TableBatcher#flush()}, {@link #finish()} throws it. Rows already inserted stay: the run fails, its cursor
 * does not move, and the re-run re-inserts the same keys (ReplacingMergeTree keeps one row per key). A closed
 * {@link WriteFence} fails the session the same way, before the batch is sent.
 */
public final class SinkSession implements AutoCloseable {

    private static final Batch END = new Batch(null, new RowBinaryBuffer(), 0, "");

    private final BatchInserter inserter;
    private final SinkConfig config;
    private final long version;
    private final String scope;
    private final WriteFence fence;
    private final BlockingQueue<Batch> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean finished;

    SinkSession(BatchInserter inserter, SinkConfig config, long version, String scope, WriteFence fence) {
        this.inserter = inserter;
        this.fence = fence;
        this.config = config;
        this.version = version;
        this.scope = scope;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.queueBatches()));
        // The writers work for the run: its trace (the query ids of their inserts) goes with them.
        Runnable writeLoop = Context.current().wrap((Runnable) this::writeLoop);
        for (int i = 0; i < Math.max(1, config.writers()); i++) {
            writers.add(Thread.ofVirtual().name("clickhouse-writer-" + i).start(writeLoop));
        }
    }

    /** The run's version: the {@code version} column of every row and part of every deduplication token. */
    public long version() {
        return version;
    }

    /** The rows' owner, mixed into every deduplication token. */
    String scope() {
        return scope;
    }

    /** A batcher for one producer thread. */
    public TableBatcher batcher(Table table) {
        return new TableBatcher(this, table, Math.max(1, config.batchRows()), Math.max(1024, config.batchBytes()));
    }

    /** Queues a batch; blocks while the queue is full (back-pressure); throws once the session failed. */
    void submit(Batch batch) {
        try {
            while (true) {
                throwIfFailed();
                if (finished) {
                    throw new IllegalStateException("sink session already finished");
                }
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseWriteException("interrupted while queueing a batch for " + batch.table().name(), e);
        }
    }

    private void writeLoop() {
        while (true) {
            Batch batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == END) {
                return;
            }
            if (failure.get() != null) {
                continue; // drain: the session failed, nothing more is inserted
            }
            try {
                fence.check();
                inserter.insert(batch);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e instanceof ClickHouseWriteException ? e
                    : new ClickHouseWriteException("insert failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every queued batch is inserted. Call after every producer closed its batchers.
     *
     * @throws ClickHouseWriteException the first failed insert
     */
    public void finish() {
        if (finished) {
            throwIfFailed();
            return;
        }
        try {
            for (int i = 0; i < writers.size(); i++) {
                while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                    // writers are busy; a failed session drains the queue, so this ends
                }
            }
            finished = true;
            for (Thread writer : writers) {
                writer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ClickHouseWriteException("interrupted while waiting for ClickHouse inserts", e);
        }
        throwIfFailed();
    }

    /** Abandons queued batches and stops the writers (after a failure elsewhere); a no-op after {@link #finish()}. */
    @Override
    public void close() {
        if (finished && writers.stream().noneMatch(Thread::isAlive)) {
            return;
        }
        finished = true;
        failure.compareAndSet(null, new ClickHouseWriteException("sink session closed before finishing", null));
        queue.clear();
        writers.forEach(Thread::interrupt);
    }
}
