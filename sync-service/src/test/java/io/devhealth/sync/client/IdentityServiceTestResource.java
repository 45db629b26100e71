package io.devhealth.sync.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.devhealth.testengines.ServiceProcess;
import io.devhealth.testengines.Engines;
import io.devhealth.testengines.PostgresEngine;
import io.devhealth.testengines.Scripts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real identity-service for sync-service's tests: the packaged jar
 * ({@code identity-service/target/quarkus-app/quarkus-run.jar}, built earlier in the same reactor) run with
 * {@code java -jar} by the JDK running the tests, on a free port, against a fresh database of the test JVM's
 * PostgreSQL ({@link Engines#postgres()}), with the bootstrap superuser and the service secret sync-service
 * uses, run by {@link ServiceProcess}. Started once per test JVM (use with {@code scope = GLOBAL}); stopped by
 * {@link #stop()} or, when a test run dies, by a JVM shutdown hook. Tests that run processes of their own (the
 * replica tests) start one with {@code new IdentityServiceTestResource().start()}.
 *
 * <p>Returns {@code devhealth.identity.url} and {@code devhealth.service-secret} for sync-service, and for the
 * tests {@code devhealth.test.identity.admin-email}/{@code …admin-password} (the superuser) and
 * {@code devhealth.test.identity.database} (identity's database, for set-up the API cannot do, such as
 * creating a non-admin user). identity's output goes to {@code target/identity-service-<port>.log}.
 *
 * <p>Settings: the prod profile (the jar as shipped), so the test exercises the real configuration; only
 * what a deployment must provide is passed, as environment variables (secrets stay off the command line), and the
 * operator's local roots ({@link #LOCAL_ROOT}).
 */
public class IdentityServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_EMAIL = "admin@devhealth.local";
    public static final String ADMIN_PASSWORD = "devhealth-local";
    public static final String SERVICE_SECRET = "devhealth-local-service-secret";
    /**
     * The operator's local root for both services in tests ({@code devhealth.sync.local-roots}, the same value as
     * sync-service's test profile): a directory of its own under the temporary directory, where every
     * {@code @TempDir} of this module is created ({@link OperatorRootTempDirFactory}). Not the temporary directory
     * itself: a checkout built under it (a CI clone in /tmp) would lie inside the root, and the tests need a place
     * outside it (the module's build directory).
     */
    public static final String LOCAL_ROOT = Path.of(System.getProperty("java.io.tmpdir"), "devhealth-operator-root")
            .toString();

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private ServiceProcess process;

    @Override
    public Map<String, String> start() {
        OperatorRootTempDirFactory.createOperatorRoot();
        PostgresEngine postgres = Engines.postgres();
        String database = "identity_test_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);

        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.applicationUsername());
        env.put("QUARKUS_FLYWAY_USERNAME", postgres.migratorUsername());
        env.put("QUARKUS_FLYWAY_PASSWORD", postgres.password());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("DEVHEALTH_SERVICE_SECRET", SERVICE_SECRET);
        // A throwaway master key for integration credentials (prod refuses to start without one).
        env.put("DEVHEALTH_CREDENTIALS_MASTER_KEYS", "sync-tests:" + randomKey());
        env.put("DEVHEALTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("DEVHEALTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The operator's local roots, as sync-service's test profile has them: tests keep repositories there.
        env.put("DEVHEALTH_SYNC_LOCAL_ROOTS", LOCAL_ROOT);
        // Start fast and small: a test fixture, not a benchmark.
        process = ServiceProcess.start("identity-service", identityJar(), env,
                List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"));
        return Map.of(
                "devhealth.identity.url", process.url(),
                "devhealth.service-secret", SERVICE_SECRET,
                "devhealth.test.identity.admin-email", ADMIN_EMAIL,
                "devhealth.test.identity.admin-password", ADMIN_PASSWORD,
                "devhealth.test.identity.database", database);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** The jar: system property {@code devhealth.test.identity-jar}, else the reactor sibling's build output. */
    static Path identityJar() {
        String configured = System.getProperty("devhealth.test.identity-jar");
        Path jar = configured != null ? Path.of(configured)
                : Scripts.repoRoot().resolve("identity-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("identity-service jar not found at " + jar.toAbsolutePath()
                    + ": build identity-service first: ./mvnw -pl identity-service -am package -DskipTests");
        }
        return jar;
    }

    /** 32 random bytes in base64: a master key that lives as long as this identity-service process. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
