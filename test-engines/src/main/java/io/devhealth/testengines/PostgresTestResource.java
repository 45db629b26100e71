package io.devhealth.testengines;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh database on the JVM's private PostgreSQL cluster, wired into Quarkus' default datasource (reactive
 * and JDBC URLs) with production's roles: the application's pool signs in as the CRUD-only role, Flyway as the
 * migrator that becomes the schema's owner. Use with {@code @WithTestResource(value = PostgresTestResource.class, scope = GLOBAL)}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        PostgresEngine postgres = Engines.postgres();
        String database = "devhealth_test_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.applicationUsername(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.flyway.username", postgres.migratorUsername(),
                "quarkus.flyway.password", postgres.password(),
                "devhealth.test.postgres.database", database);
    }

    @Override
    public void stop() {
        // The cluster is shared by the JVM's test classes and stops with the JVM (Engines).
    }
}
