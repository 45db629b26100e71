package io.devhealth.sync.sink;

/**
 * Sink settings fixed in code, for benchmarks that build the sink without CDI.
 *
 * @param batchRows rows per insert batch
 */
public record FixedSinkConfig(int batchRows, int batchBytes, int queueBatches, int writers, int insertTimeoutSeconds)
        implements SinkConfig {

    /** Batches of {@code batchRows} rows or 16 MiB, two queued, two writers, 300 s per insert. */
    public static FixedSinkConfig forBenchmarks(int batchRows) {
        return new FixedSinkConfig(batchRows, 16 * 1024 * 1024, 2, 2, 300);
    }
}
