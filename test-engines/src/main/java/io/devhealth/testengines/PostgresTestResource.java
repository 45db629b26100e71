package io.devhealth.testengines;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh database on the JVM's private PostgreSQL cluster, wired into Quarkus' default datasource (reactive
 * and JDBC URLs) with production's roles: the application's pool signs in as the CRUD-only role, Flyway as the
 * migrator that becomes the schema's owner. Use with {@code @WithTestResource(value = PostgresTestResource.class, scope = GLOBAL)}.
 * <p>
 * With the init argument {@code tls=verify-full}, both pools connect the way production's do: TLS, the server's
 * certificate verified against the cluster's certificate authority and its name against the host.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: {@code verify-full} for TLS connections; absent for plain ones. */
    public static final String TLS = "tls";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private boolean tls;

    @Override
    public void init(Map<String, String> initArgs) {
        String mode = initArgs.get(TLS);
        if (mode != null && !mode.equals("verify-full")) {
            throw new IllegalArgumentException("tls: only verify-full is supported, not " + mode);
        }
        tls = mode != null;
    }

    @Override
    public Map<String, String> start() {
        PostgresEngine postgres = Engines.postgres();
        String database = "devhealth_test_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", postgres.applicationUsername(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.flyway.username", postgres.migratorUsername(),
                "quarkus.flyway.password", postgres.password(),
                "devhealth.test.postgres.database", database));
        if (tls) {
            String authority = postgres.certificateAuthority().toString();
            config.put("quarkus.datasource.jdbc.url",
                    postgres.jdbcUrl(database) + "?sslmode=verify-full&sslrootcert=" + authority);
            config.put("quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full");
            config.put("quarkus.datasource.reactive.trust-certificate-pem.certs", authority);
            config.put("quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS");
        }
        return config;
    }

    @Override
    public void stop() {
        // The cluster is shared by the JVM's test classes and stops with the JVM (Engines).
    }
}
