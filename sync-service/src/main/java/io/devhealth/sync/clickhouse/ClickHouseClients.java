package io.devhealth.sync.clickhouse;

import java.time.temporal.ChronoUnit;

import com.clickhouse.client.api.Client;

/** Builds client-v2 clients the same way for the service (CDI producer), tests and the benchmark. */
public final class ClickHouseClients {

    private ClickHouseClients() {
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
