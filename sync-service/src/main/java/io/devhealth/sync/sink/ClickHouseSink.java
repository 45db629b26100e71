package io.devhealth.sync.sink;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Streams rows into ClickHouse as batched RowBinary inserts (see {@link SinkSession}). One session per sync run.
 */
@ApplicationScoped
public class ClickHouseSink {

    private final BatchInserter inserter;
    private final SinkConfig config;

    public ClickHouseSink(BatchInserter inserter, SinkConfig config) {
        this.inserter = inserter;
        this.config = config;
    }

    /**
     * Opens the writes of one run.
     *
     * @param version the run's version (epoch ms of its start), written to every row's {@code version} column
     * @param scope   what the rows belong to, e.g. {@code "<org id>/<repo id>"}: part of every deduplication token, so
     *                identical keys of two repositories (a fork, the same repository in two orgs) written in the same
     *                millisecond are never mistaken for a retried batch
     */
    public SinkSession open(long version, String scope) {
        return open(version, scope, WriteFence.NONE);
    }

    /** As {@link #open(long, String)}; every batch is inserted only while {@code fence} is open. */
    public SinkSession open(long version, String scope, WriteFence fence) {
        return new SinkSession(inserter, config, version, scope, fence);
    }
}
