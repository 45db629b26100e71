package io.devhealth.sync.clickhouse;

import java.time.temporal.ChronoUnit;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QuerySettings;

import io.devhealth.support.trace.TraceQueryIds;

/**
 * Builds client-v2 clients the same way for the service (CDI producer), tests and the benchmark, and names every
 * statement sync-service sends with a query id carrying the current trace ({@link TraceQueryIds}: a sync run's span,
 * {@code RunExecutor}), so {@code system.query_log} leads from a query to its run and back.
 */
public final class ClickHouseClients {

    private ClickHouseClients() {
    }

    /** {@code settings} with a query id of the current trace. */
    public static <S extends QuerySettings> S traced(S settings) {
        settings.setQueryId(TraceQueryIds.next());
        return settings;
    }

    /** {@code settings} with a query id of the current trace. */
    public static InsertSettings traced(InsertSettings settings) {
        return settings.setQueryId(TraceQueryIds.next());
    }

    /**
     * @param url      HTTP interface base URL, e.g. {@code http://127.0.0.1:18123}
     * @param compress LZ4 on request and response bodies (the local facade needs {@code false})
     */
    public static Client create(String url, String database, String username, String password, boolean compress) {
        return new Client.Builder()
                .addEndpoint(url)
                .setUsername(username)
                .setPassword(password)
                .setDefaultDatabase(database)
                .compressServerResponse(compress)
                .compressClientRequest(compress)
                // Retries belong to the sink (BatchInserter: bounded, with backoff, only for transient
                // failures); the client's own retry loop would multiply them.
                .setMaxRetries(0)
                .setConnectTimeout(10, ChronoUnit.SECONDS)
                .setSocketTimeout(300, ChronoUnit.SECONDS)
                .setClientName("devhealth-sync")
                .build();
    }
}
