package io.devhealth.sync.metrics;

import static io.devhealth.sync.clickhouse.ClickHouseClients.traced;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.clickhouse.cluster.ClusterDdl;

/**
 * The ClickHouse statements of the metric computations: one place for their execution, failure mapping, version
 * clock and the removal of stale daily rows. On a cluster (devhealth.clickhouse.cluster) the tables named are the
 * Distributed ones: every statement's subqueries and joins are answered by each shard's local tables (an
 * organization's rows all live on one shard: distributed_product_mode = 'local'), an INSERT … SELECT has written
 * every shard's part when it returns (distributed_foreground_insert, so the next statement reads it), and stale rows
 * are deleted from the local tables on every shard (a Distributed table takes no DELETE).
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
    /** The cluster's name; null on one node. */
    private final String cluster;

    /** On one node. */
    MetricsStatements(Client client) {
        this(client, Optional.empty());
    }

    MetricsStatements(Client client, ClickHouseConfig config) {
        this(client, config.cluster());
    }

    MetricsStatements(Client client, Optional<String> cluster) {
        this.client = client;
        this.cluster = cluster.map(String::strip).filter(name -> !name.isEmpty()).map(name -> new ClusterDdl(name).cluster())
                .orElse(null);
    }

    /** The settings of every statement: none on one node; on a cluster, shard-local subqueries and foreground inserts. */
    static <S extends QuerySettings> S settings(S settings, boolean cluster) {
        traced(settings);
        if (cluster) {
            settings.serverSetting("distributed_product_mode", "local");
            settings.serverSetting("distributed_foreground_insert", "1");
        }
        return settings;
    }

    /**
     * The DELETE of {@code table}'s rows matching {@code where} (which names {@code table} in its subqueries): the
     * table itself on one node; on a cluster its local table on every shard, subqueries included.
     */
    static String delete(String table, String where, String cluster) {
        if (cluster == null) {
            return "DELETE FROM " + table + " WHERE " + where;
        }
        String local = table + ClusterDdl.LOCAL_SUFFIX;
        return "DELETE FROM " + local + " ON CLUSTER " + cluster + " WHERE "
                + where.replaceAll("\\b" + java.util.regex.Pattern.quote(table) + "\\b", local);
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
        CommandSettings settings = settings(new CommandSettings(), cluster != null);
        try (CommandResponse response = client.execute(sql, params, settings).get(300, TimeUnit.SECONDS)) {
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
            return client.queryAll(sql, params, settings(new QuerySettings(), cluster != null)).getFirst().getLong(1);
        } catch (RuntimeException e) {
            throw new MetricsException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Every row of {@code sql}. */
    java.util.List<GenericRecord> rows(String sql, Map<String, Object> params, String what) {
        try {
            return client.queryAll(sql, params, settings(new QuerySettings(), cluster != null));
        } catch (RuntimeException e) {
            throw new MetricsException("reading " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes the rows of {@code table}'s selected days that computation {@code computed} did not write. */
    void deleteStale(String table, String keyColumns, String daySelection, Map<String, Object> params) {
        String stale = STALE.formatted(table, keyColumns, daySelection);
        if (count("SELECT count() FROM " + table + " WHERE " + stale, params, table) > 0) {
            execute(delete(table, stale, cluster), params, table);
        }
    }

    /** Rows of {@code table} written by computation {@code computed}. */
    long written(String table, Map<String, Object> params) {
        return count("SELECT count() FROM " + table + " WHERE org_id = {org:UUID} AND version = {computed:Int64}",
                params, table);
    }
}
