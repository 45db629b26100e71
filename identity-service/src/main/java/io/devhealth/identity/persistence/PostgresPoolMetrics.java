package io.devhealth.identity.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The application's PostgreSQL pool at /q/metrics (the reactive pool reports nothing of its own):
 * {@code devhealth_postgres_pool_connections} (open now) and {@code devhealth_postgres_pool_max_connections}
 * (quarkus.datasource.reactive.max-size); a pool that stays at its maximum needs more connections or replicas.
 */
@ApplicationScoped
public class PostgresPoolMetrics {

    void register(@Observes StartupEvent start, MeterRegistry registry, Pool pool,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size") int maxSize) {
        io.vertx.sqlclient.Pool connections = pool.getDelegate();
        Gauge.builder("devhealth.postgres.pool.connections", connections, io.vertx.sqlclient.Pool::size)
                .description("Connections the application's PostgreSQL pool holds open").register(registry);
        Gauge.builder("devhealth.postgres.pool.max.connections", () -> maxSize)
                .description("The most connections the application's PostgreSQL pool opens").register(registry);
    }
}
