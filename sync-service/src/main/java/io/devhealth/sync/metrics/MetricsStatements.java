package io.devhealth.sync.metrics;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;

/**
 * The ClickHouse statements of the metric computations: one place for their execution, failure mapping, version
 * clock and the removal of stale daily rows.
 */
final class MetricsStatements {

    private static final AtomicLong LAST_COMPUTED = new AtomicLong();

    /**
     * Rows of the selected days a computation did not rewrite (the day lost its activity, a key moved). Rows it
     * rewrote are replaced by ReplacingMergeTree; only these need a DELETE, a mutation issued only when there are
     * any, so an ordinary computation never mutates. %1$s table, %2$s its key columns, %3$s the day selection.
     */
    private static final String STALE = """
            org_id = {org:UUID} AND version < {computed:Int64} AND %3$s
              AND (%2$s, day) NOT IN (
                  SELECT %2$s, day FROM %1$s WHERE org_id = {org:UUID} AND version = {computed:Int64})
            """;

    private final Client client;

    MetricsStatements(Client client) {
        this.client = client;
    }

    /**
     * A version for rows computed now: epoch milliseconds, strictly increasing in this process. Rows are versioned by
     * computation, never by a run's start: a run that started earlier but computes later must still win.
     */
    static long nextComputed() {
        return LAST_COMPUTED.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    /** Executes {@code sql}; {@code what} names the computation in a failure. */
    void execute(String sql, Map<String, Object> params, String what) {
        try (CommandResponse response = client.execute(sql, params, new CommandSettings()).get(300, TimeUnit.SECONDS)) {
            response.getWrittenRows();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while computing " + what, e);
        } catch (ExecutionException e) {
            throw new MetricsException("computing " + what + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new MetricsException("computing " + what + " timed out", e);
        } catch (Exception e) {
            throw new MetricsException("computing " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of {@code sql} as a long. */
    long count(String sql, Map<String, Object> params, String what) {
        try {
            return client.queryAll(sql, params).getFirst().getLong(1);
        } catch (RuntimeException e) {
            throw new MetricsException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Every row of {@code sql}. */
    java.util.List<GenericRecord> rows(String sql, Map<String, Object> params, String what) {
        try {
            return client.queryAll(sql, params);
        } catch (RuntimeException e) {
            throw new MetricsException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes the rows of {@code table}'s selected days that computation {@code computed} did not write. */
    void deleteStale(String table, String keyColumns, String daySelection, Map<String, Object> params) {
        String stale = STALE.formatted(table, keyColumns, daySelection);
        if (count("SELECT count() FROM " + table + " WHERE " + stale, params, table) > 0) {
            execute("DELETE FROM " + table + " WHERE " + stale, params, table);
        }
    }

    /** Rows of {@code table} written by computation {@code computed}. */
    long written(String table, Map<String, Object> params) {
        return count("SELECT count() FROM " + table + " WHERE org_id = {org:UUID} AND version = {computed:Int64}",
                params, table);
    }
}
