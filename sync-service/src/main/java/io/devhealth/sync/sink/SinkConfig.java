package io.devhealth.sync.sink;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Batching of ClickHouse inserts. */
@ConfigMapping(prefix = "devhealth.sink")
public interface SinkConfig {

    /** A batch is sent once it holds this many rows… */
    @WithDefault("50000")
    int batchRows();

    /** …or this many RowBinary bytes, whichever comes first. */
    @WithDefault("16777216")
    int batchBytes();

    /**
     * Full batches waiting for a writer. Producers (git extraction) block when the queue is full: back-pressure
     * bounds memory at about (producers × tables + queue + writers) × batch-bytes.
     */
    @WithDefault("2")
    int queueBatches();

    /** Concurrent insert requests per sync. */
    @WithDefault("2")
    int writers();

    /** Upper bound for one insert request, seconds (a stuck server must not stall a sync forever). */
    @WithDefault("300")
    int insertTimeoutSeconds();
}
