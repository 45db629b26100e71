package io.devhealth.sync.sink;

/**
 * Sink settings fixed in code, for benchmarks that build the sink without CDI.
 *
 * @param batchRows rows per insert batch
 */
public record FixedSinkConfig(int batchRows, int batchBytes, int queueBatches, int writers, int insertTimeoutSeconds)
        implements SinkConfig {

    /**
     * Batches of the system property {@code devhealth.sink.batch-rows} rows (default 50,000, as shipped) or 16 MiB,
     * two queued, two writers, 300 s per insert.
     */
    public static FixedSinkConfig forBenchmarks() {
        return new FixedSinkConfig(Integer.getInteger("devhealth.sink.batch-rows", 50_000), 16 * 1024 * 1024, 2, 2,
                300);
    }
}
