package io.devhealth.sync.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.devhealth.testengines.Engines;
import io.devhealth.testengines.PostgresEngine;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real identity-service for sync-service's tests: the packaged jar
 * ({@code identity-service/target/quarkus-app/quarkus-run.jar}, built earlier in the same reactor) run with
 * {@code java -jar} by the JDK running the tests, on a free port, against a fresh database of the test JVM's
 * PostgreSQL ({@link Engines#postgres()}), with the bootstrap superuser and the service secret sync-service
 * uses. Started once per test JVM (use with {@code scope = GLOBAL}); stopped by {@link #stop()} or, when a
 * test run dies, by a JVM shutdown hook. It runs from a private copy of the application, so rebuilding
 * identity-service meanwhile cannot pull classes from under it.
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

    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Process process;
    private Thread shutdownHook;

    @Override
    public Map<String, String> start() {
        OperatorRootTempDirFactory.createOperatorRoot();
        Path jar = privateCopy(identityJar());
        PostgresEngine postgres = Engines.postgres();
        String database = "identity_test_" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Path log = Path.of("target", "identity-service-" + port + ".log").toAbsolutePath();

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Start fast and small: a test fixture, not a benchmark.
                "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("DEVHEALTH_SERVICE_SECRET", SERVICE_SECRET);
        // A throwaway master key for integration credentials (prod refuses to start without one).
        env.put("DEVHEALTH_CREDENTIALS_MASTER_KEYS", "sync-tests:" + randomKey());
        env.put("DEVHEALTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("DEVHEALTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // The operator's local roots, as sync-service's test profile has them: tests keep repositories there.
        env.put("DEVHEALTH_SYNC_LOCAL_ROOTS", LOCAL_ROOT);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start identity-service: " + String.join(" ", command), e);
        }
        Process started = process;
        shutdownHook = Thread.ofPlatform().unstarted(() -> terminate(started));
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        awaitReady(url, log);
        return Map.of(
                "devhealth.identity.url", url,
                "devhealth.service-secret", SERVICE_SECRET,
                "devhealth.test.identity.admin-email", ADMIN_EMAIL,
                "devhealth.test.identity.admin-password", ADMIN_PASSWORD,
                "devhealth.test.identity.database", database);
    }

    @Override
    public void stop() {
        if (process != null) {
            terminate(process);
            process = null;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs (or ran) anyway
            }
            shutdownHook = null;
        }
    }

    /** The jar: system property {@code devhealth.test.identity-jar}, else the reactor sibling's build output. */
    static Path identityJar() {
        String configured = System.getProperty("devhealth.test.identity-jar");
        Path jar = configured != null ? Path.of(configured)
                : repoRoot().resolve("identity-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("identity-service jar not found at " + jar.toAbsolutePath()
                    + ": build identity-service first: ./mvnw -pl identity-service -am package -DskipTests");
        }
        return jar;
    }

    /**
     * Copies the application ({@code quarkus-app/}) to {@code target/identity-service-app} and returns the copy's
     * jar. Quarkus loads classes lazily from its jars, so a run straight from identity-service/target hangs when
     * that module is rebuilt meanwhile (another build in the same checkout); the copy is immune.
     */
    private static Path privateCopy(Path jar) {
        Path source = jar.getParent();
        Path target = Path.of("target", "identity-service-app").toAbsolutePath();
        try {
            if (Files.exists(target)) {
                try (var old = Files.walk(target)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            try (var files = Files.walk(source)) {
                for (Path path : files.toList()) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, copy);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy identity-service from " + source + " to " + target, e);
        }
        return target.resolve(jar.getFileName().toString());
    }

    private static Path repoRoot() {
        String configured = System.getProperty("devhealth.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "identity-service"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("identity-service")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the DevHealth repository root from " + Path.of("").toAbsolutePath());
    }

    /** Polls {@code /q/health/ready} until 200; fails early, with identity's log, if the process exits. */
    private void awaitReady(String url, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("identity-service exited with " + process.exitValue()
                        + " before it was ready; its log (" + log + "):\n" + tail(log));
            }
            try {
                lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for identity-service", e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for identity-service", e);
            }
        }
        stop();
        throw new IllegalStateException("identity-service not ready within " + READY_DEADLINE + " (last status "
                + lastStatus + "); its log (" + log + "):\n" + tail(log));
    }

    /** SIGTERM (graceful: Quarkus closes its pools), then SIGKILL after 10 s. */
    private static void terminate(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 32 random bytes in base64: a master key that lives as long as this identity-service process. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
