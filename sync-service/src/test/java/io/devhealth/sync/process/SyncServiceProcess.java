package io.devhealth.sync.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.Engines;
import io.devhealth.testengines.ServiceProcess;

/**
 * One sync-service replica for the replica tests: this module's packaged jar
 * ({@code target/quarkus-app/quarkus-run.jar}, so only {@code *IT} classes, run by failsafe after {@code package}, can
 * use it) as a {@link ServiceProcess} in the prod profile, pointed at an identity-service and a database of the test
 * JVM's ClickHouse engine. Defaults for quick replica tests, each overridable with {@code overrides} (environment
 * variable names):
 * <ul>
 * <li>{@code DEVHEALTH_SYNC_HEARTBEAT_INTERVAL=1s}: leases of 3 s, so a killed replica's run is taken over 3 s after
 * its last heartbeat;</li>
 * <li>{@code DEVHEALTH_SYNC_POLL_INTERVAL=1s} (Quarkus's scheduler runs nothing more often),
 * {@code DEVHEALTH_SYNC_POLL_DELAY=0s}: the scheduler asks identity for due (and orphaned) configurations every second
 * from the start;</li>
 * <li>{@code DEVHEALTH_PEOPLE_REFRESH_INTERVAL=off}: no people refresh traffic in the logs.</li>
 * </ul>
 */
public final class SyncServiceProcess {

    private SyncServiceProcess() {
    }

    /**
     * Starts a replica and waits until it is ready (its ClickHouse migrations applied).
     *
     * @param identity           what {@link IdentityServiceTestResource#start()} returned
     * @param clickhouseDatabase a database of {@link Engines#clickhouse()}; the first replica migrates it, so start
     *                           replicas of one database one after the other
     * @param holderName         the prefix of the replica's lease-holder id ({@code devhealth.sync.holder-name})
     */
    public static ServiceProcess start(Map<String, String> identity, String clickhouseDatabase, String holderName,
            Map<String, String> overrides) {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        Map<String, String> env = new HashMap<>();
        env.put("DEVHEALTH_IDENTITY_URL", identity.get("devhealth.identity.url"));
        env.put("DEVHEALTH_SERVICE_SECRET", identity.get("devhealth.service-secret"));
        env.put("DEVHEALTH_CLICKHOUSE_URL", clickhouse.url());
        env.put("DEVHEALTH_CLICKHOUSE_DATABASE", clickhouseDatabase);
        env.put("DEVHEALTH_SYNC_LOCAL_ROOTS", IdentityServiceTestResource.LOCAL_ROOT);
        env.put("DEVHEALTH_SYNC_HOLDER_NAME", holderName);
        env.put("DEVHEALTH_SYNC_HEARTBEAT_INTERVAL", "1s");
        env.put("DEVHEALTH_SYNC_POLL_INTERVAL", "1s");
        env.put("DEVHEALTH_SYNC_POLL_DELAY", "0s");
        env.put("DEVHEALTH_PEOPLE_REFRESH_INTERVAL", "off");
        env.putAll(overrides);
        return ServiceProcess.start("sync-service", Path.of("target", "quarkus-app", "quarkus-run.jar"), env,
                List.of("-XX:TieredStopAtLevel=1", "-Xmx384m"));
    }

    /**
     * Starts one replica per holder name, in parallel once the database is migrated (before that, the first replica
     * alone: two Flyway runs on one ClickHouse database would race). If one fails to start, the others are killed.
     */
    public static List<ServiceProcess> startAll(Map<String, String> identity, String clickhouseDatabase,
            List<String> holderNames, Map<String, String> overrides) {
        List<ServiceProcess> started = new ArrayList<>();
        int parallelFrom = 0;
        try {
            if (!migrated(clickhouseDatabase)) {
                started.add(start(identity, clickhouseDatabase, holderNames.getFirst(), overrides));
                parallelFrom = 1;
            }
            List<Future<ServiceProcess>> rest = new ArrayList<>();
            try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
                for (String holderName : holderNames.subList(parallelFrom, holderNames.size())) {
                    rest.add(starters.submit(() -> start(identity, clickhouseDatabase, holderName, overrides)));
                }
            }
            RuntimeException failure = null;
            for (Future<ServiceProcess> replica : rest) {
                try {
                    started.add(replica.get());
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            }
            if (failure != null) {
                throw failure;
            }
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(ServiceProcess::kill);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::kill);
            throw e;
        }
    }

    private static boolean migrated(String database) {
        return !Engines.clickhouse().queryWithParams(database, "SELECT count() FROM system.tables WHERE database = "
                + "currentDatabase() AND name = 'flyway_schema_history'", Map.of()).strip().equals("0");
    }
}
