package io.devhealth.sync.clickhouse;

import com.clickhouse.client.api.Client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one client-v2 {@link Client} of the service (a pooled HTTP client), closed on shutdown. */
@ApplicationScoped
public class ClickHouseClientProducer {

    @Produces
    @Singleton
    Client client(ClickHouseConfig config) {
        return ClickHouseClients.create(config.url(), config.database(), config.username(), config.password(),
                config.compress());
    }

    void close(@Disposes Client client) {
        client.close();
    }
}
