package io.devhealth.sync.sink;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.clickhouse.client.api.ClickHouseException;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

import io.devhealth.sync.clickhouse.ClickHouseConfig;

/**
 * Sends one {@link Batch} as {@code INSERT INTO t (cols) FORMAT RowBinary} with client-v2's raw stream API (no
 * POJO registration: that generates bytecode at run time, which a native image cannot do).
 *
 * <p>Retries: transient failures (I/O, timeouts, 5xx, ClickHouse's retryable error codes) are retried with
 * exponential backoff. A retry re-sends the same bytes with the same {@code insert_deduplication_token}, so if
 * the first attempt did land, ClickHouse drops the second (tables carry {@code non_replicated_deduplication_window}
 * for single-node servers).
 */
@ApplicationScoped
public class BatchInserter {

    private static final Logger LOG = Logger.getLogger(BatchInserter.class);

    private final Client client;
    private final SinkConfig config;
    private final boolean cluster;

    /** Single node (tests and benchmarks): inserts straight into the MergeTree tables. */
    public BatchInserter(Client client, SinkConfig config) {
        this(client, config, false);
    }

    @Inject
    public BatchInserter(Client client, SinkConfig config, ClickHouseConfig clickHouse) {
        this(client, config, clickHouse.cluster().filter(name -> !name.isBlank()).isPresent());
    }

    private BatchInserter(Client client, SinkConfig config, boolean cluster) {
        this.client = client;
        this.config = config;
        this.cluster = cluster;
    }

    /**
     * @throws TransientClickHouseException still failing after the retries
     * @throws ClickHouseWriteException     a failure retrying cannot fix (bad data, unknown table, auth)
     */
    @Retry(maxRetries = 5, delay = 200, jitter = 100, maxDuration = 120_000, retryOn = TransientClickHouseException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    public InsertResponse insert(Batch batch) {
        InsertSettings settings = settings(batch, cluster);
        DataStreamWriter body = batch.data()::writeTo;
        String what = batch.table().name() + " (" + batch.rows() + " rows)";
        try {
            return client.insert(batch.table().name(), batch.table().columns(), body, ClickHouseFormat.RowBinary,
                    settings).get(config.insertTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseWriteException("interrupted while inserting into " + what, e);
        } catch (TimeoutException e) {
            throw transientFailure(what, "timed out after " + config.insertTimeoutSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw classify(what, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw classify(what, e);
        }
    }

    /**
     * Synchronous, deduplicated inserts: the batch is durable (and deduplicated) when the insert returns.
     * {@code optimize_on_insert = 0}: ClickHouse does not merge the block's own rows as it writes it (for a
     * ReplacingMergeTree, almost half of an insert's CPU in the local engine). Every read of these tables is
     * {@code FINAL} or a set membership, and background merges replace versions anyway, so a part keeping two rows of
     * one key until then changes no answer. On a cluster the table is Distributed:
     * {@code distributed_foreground_insert} makes it forward each shard's part of the batch before answering, with this
     * request's settings (the dedup token included), instead of queueing it on the receiving node's disk, where a retry
     * could no longer be recognised and a failure would go unreported.
     */
    static InsertSettings settings(Batch batch, boolean cluster) {
        InsertSettings settings = traced(new InsertSettings())
                .setDeduplicationToken(batch.deduplicationToken())
                .serverSetting("insert_deduplicate", "1")
                .serverSetting("optimize_on_insert", "0")
                .serverSetting("async_insert", "0");
        if (cluster) {
            settings.serverSetting("distributed_foreground_insert", "1");
        }
        return settings;
    }

    private ClickHouseWriteException classify(String what, Throwable failure) {
        if (failure instanceof ServerException server) {
            int http = server.getTransportProtocolCode();
            String reason = "ClickHouse error " + server.getCode() + ": " + firstLine(server.getMessage());
            if (server.isRetryable() || http == 502 || http == 503 || http == 504) {
                return transientFailure(what, reason, failure);
            }
            return new ClickHouseWriteException("insert into " + what + " failed: " + reason, failure);
        }
        if (failure instanceof ConnectionInitiationException || isIoFailure(failure)
                || (failure instanceof ClickHouseException ch && ch.isRetryable())) {
            return transientFailure(what, firstLine(failure.getMessage()), failure);
        }
        return new ClickHouseWriteException("insert into " + what + " failed: " + firstLine(failure.getMessage()),
                failure);
    }

    private static boolean isIoFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException
                    || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static TransientClickHouseException transientFailure(String what, String reason, Throwable cause) {
        LOG.warnf("insert into %s failed, will retry: %s", what, reason);
        return new TransientClickHouseException("insert into " + what + " failed: " + reason, cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
