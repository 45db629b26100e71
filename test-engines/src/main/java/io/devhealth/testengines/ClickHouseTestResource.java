package io.devhealth.testengines;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh, empty database on the JVM's ClickHouse engine, wired into {@code devhealth.clickhouse.*} (URL and
 * database). Tables come from the service's own migrations (sync-service) or {@link ClickHouseEngine#migrate(String)}.
 * The logins stay each service's own defaults, the local facade's roles: sync-service writes as the writer and
 * migrates as the owner, analytics-service reads as the reader, so every test runs with production's grants.
 */
public class ClickHouseTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        String database = "devhealth_test_" + DATABASES.incrementAndGet();
        clickhouse.createDatabase(database);
        return Map.of(
                "devhealth.clickhouse.url", clickhouse.url(),
                "devhealth.clickhouse.database", database);
    }

    @Override
    public void stop() {
        // The engine is shared by the JVM's test classes and stops with the JVM (Engines).
    }
}
