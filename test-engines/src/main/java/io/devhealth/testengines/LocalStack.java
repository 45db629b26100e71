package io.devhealth.testengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The whole DevHealth stack on this machine, for end-to-end tests (the CLI's, the dashboard's browser tests): the
 * packaged jars of identity-service, sync-service and analytics-service ({@code <service>/target/quarkus-app/
 * quarkus-run.jar}, built earlier in the same reactor, so a module using this must come after the services in the
 * root pom) run with {@code java -jar} in the prod profile on free ports ({@link ServiceProcess}), against a fresh
 * database of {@link Engines#postgres()} and of {@link Engines#clickhouse()}, with the same environment variables
 * {@code dev/up} passes; and nginx as the gateway in front of them, configured by {@code dev/gateway/render} (the
 * rendering {@code dev/up} uses too).
 *
 * <p>Started once per test JVM by {@link #get()}, stopped by {@link #stop()} or by a JVM shutdown hook. Every
 * process writes its log under the module's {@code target/} ({@code target/<service>-<port>.log},
 * {@code target/local-stack/gateway/error.log}).
 *
 * <p><b>Dashboard.</b> When system property {@value #DASHBOARD_ROOT_PROPERTY} names a directory holding
 * {@code index.html}, the gateway serves it at {@code /} (a single-page app: unknown paths answer index.html);
 * otherwise {@code /} answers the gateway's 404 problem, as in production without a dashboard. Set it before the
 * first {@link #get()}. Run as root, nginx's worker runs as {@code nobody}: the directory (and its parents) must be
 * readable and searchable by others.
 *
 * <p><b>nginx</b> must be installed ({@code dev/engines/tools install}, run by the build, installs it as root);
 * without it {@link #get()} fails with the install hint.
 */
public final class LocalStack {

    /** The bootstrap superuser's email. */
    public static final String ADMIN_EMAIL = "admin@devhealth.local";
    /** System property: a directory with the dashboard's {@code index.html}, served by the gateway at {@code /}. */
    public static final String DASHBOARD_ROOT_PROPERTY = "devhealth.test.dashboard-root";

    private static final String SERVICES_DATABASE = "localstack";
    private static final Duration GATEWAY_READY_DEADLINE = Duration.ofSeconds(30);

    private static LocalStack instance;

    private final String adminPassword;
    private final Path localRoot;
    private final Secrets secrets;
    private final List<ServiceProcess> services;
    private final Process gateway;
    private final int gatewayPort;
    private final Thread shutdownHook;

    private LocalStack(String adminPassword, Path localRoot, Secrets secrets, List<ServiceProcess> services,
            Process gateway, int gatewayPort) {
        this.adminPassword = adminPassword;
        this.localRoot = localRoot;
        this.secrets = secrets;
        this.services = services;
        this.gateway = gateway;
        this.gatewayPort = gatewayPort;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::stopProcesses);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The stack of this JVM, started on first call (about 15–30 s on two cores) and shared by every later caller.
     *
     * @throws IllegalStateException when a jar is missing, nginx is not installed, or a part is not ready in time
     *                               (the message carries the part's log tail)
     */
    public static synchronized LocalStack get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** The gateway's base URL, {@code http://127.0.0.1:<port>} (no trailing slash). */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String adminEmail() {
        return ADMIN_EMAIL;
    }

    /** The bootstrap superuser's password: random per stack, so no test can depend on a well-known one. */
    public String adminPassword() {
        return adminPassword;
    }

    /** The PostgreSQL engine; identity-service's tables are in database {@link #postgresDatabase()}. */
    public PostgresEngine postgres() {
        return Engines.postgres();
    }

    public String postgresDatabase() {
        return SERVICES_DATABASE;
    }

    /** The ClickHouse engine; the services read and write database {@link #clickhouseDatabase()}. */
    public ClickHouseEngine clickhouse() {
        return Engines.clickhouse();
    }

    public String clickhouseDatabase() {
        return SERVICES_DATABASE;
    }

    /**
     * The operator's local root ({@code DEVHEALTH_SYNC_LOCAL_ROOTS} of identity- and sync-service): git repositories a
     * test syncs must lie below it (and below the organization's {@code repositories.local-roots} setting).
     */
    public Path localRoot() {
        return localRoot;
    }

    /**
     * A service's own base URL, {@code http://127.0.0.1:<port>}, bypassing the gateway (its {@code /internal} and
     * {@code /q} endpoints are only there).
     *
     * @param name {@code identity-service}, {@code sync-service} or {@code analytics-service}
     * @throws IllegalArgumentException for another name
     */
    public String serviceUrl(String name) {
        return service(name).url();
    }

    /** Everything a service has logged so far (its whole output), for tests that scan logs. */
    public String serviceLog(String name) {
        return service(name).log();
    }

    /** The secret sync-service and analytics-service exchange for service tokens at identity-service. */
    public String serviceSecret() {
        return secrets.service();
    }

    /**
     * The PEM (PKCS#8) file of the RSA key identity-service signs tokens with ({@code devhealth.jwt.private-key-location}):
     * tests mint genuinely signed tokens with it (expired ones, say) to prove what the services refuse.
     */
    public Path signingKey() {
        return secrets.signingKey();
    }

    /** The credentials master keys identity-service encrypts secrets with ({@code <id>:<base64 key>}). */
    public String credentialsMasterKeys() {
        return secrets.masterKeys();
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in the local stack"));
    }

    /** Stops the gateway and the services (the engines stop with the JVM); {@link #get()} starts a new stack. */
    public static synchronized void stop() {
        if (instance != null) {
            instance.stopProcesses();
            try {
                Runtime.getRuntime().removeShutdownHook(instance.shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway, and stopping twice is harmless
            }
            instance = null;
        }
    }

    private void stopProcesses() {
        gateway.destroy();
        try {
            if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.forEach(ServiceProcess::close);
    }

    private static LocalStack start() {
        Path nginx = nginx();
        Path stateDir = Path.of("target", "local-stack").toAbsolutePath();
        Path localRoot = stateDir.resolve("repositories");
        createDirectories(localRoot);
        String adminPassword = randomSecret(18);
        Secrets secrets = new Secrets(randomSecret(32), "localstack:" + randomKey(),
                signingKey(stateDir.resolve("signing-key.pem")));
        Map<String, String> common = commonEnv(localRoot, secrets);

        PostgresEngine postgres = Engines.postgres();
        postgres.execute("postgres", "DROP DATABASE IF EXISTS " + SERVICES_DATABASE);
        postgres.createDatabase(SERVICES_DATABASE);
        ClickHouseEngine clickhouse = Engines.clickhouse();
        clickhouse.execute("default", "DROP DATABASE IF EXISTS " + SERVICES_DATABASE);
        clickhouse.createDatabase(SERVICES_DATABASE);

        List<ServiceProcess> started = new ArrayList<>();
        try {
            // identity first: the others ask it for service tokens and keys as they start.
            started.add(startService("identity-service", identityEnv(common, postgres, adminPassword, secrets)));
            common.put("DEVHEALTH_IDENTITY_URL", started.getFirst().url());
            started.addAll(startInParallel(common));
            int gatewayPort = Scripts.freePort();
            Process gateway = startGateway(nginx, stateDir.resolve("gateway"), gatewayPort, started);
            return new LocalStack(adminPassword, localRoot, secrets, List.copyOf(started), gateway, gatewayPort);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::kill);
            throw e;
        }
    }

    /** What dev/up gives every service (its {@code common_env}), with this stack's engines and secret. */
    private static Map<String, String> commonEnv(Path localRoot, Secrets secrets) {
        ClickHouseEngine clickhouse = Engines.clickhouse();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("DEVHEALTH_SYNC_LOCAL_ROOTS", localRoot.toString());
        env.put("DEVHEALTH_SERVICE_SECRET", secrets.service());
        env.put("DEVHEALTH_CLICKHOUSE_URL", clickhouse.url());
        env.put("DEVHEALTH_CLICKHOUSE_DATABASE", SERVICES_DATABASE);
        // No ClickHouse logins: each service's defaults are the facade's roles (writer, reader, owner for migrations).
        return env;
    }

    private static Map<String, String> identityEnv(Map<String, String> common, PostgresEngine postgres,
            String adminPassword, Secrets secrets) {
        Map<String, String> env = new HashMap<>(common);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(SERVICES_DATABASE));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(SERVICES_DATABASE));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgres.applicationUsername());
        env.put("QUARKUS_FLYWAY_USERNAME", postgres.migratorUsername());
        env.put("QUARKUS_FLYWAY_PASSWORD", postgres.password());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        env.put("DEVHEALTH_CREDENTIALS_MASTER_KEYS", secrets.masterKeys());
        env.put("DEVHEALTH_JWT_PRIVATE_KEY_LOCATION", secrets.signingKey().toString());
        env.put("DEVHEALTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("DEVHEALTH_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        return env;
    }

    private static List<ServiceProcess> startInParallel(Map<String, String> env) {
        List<Future<ServiceProcess>> futures = new ArrayList<>();
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            futures.add(starters.submit(() -> startService("sync-service", env)));
            futures.add(starters.submit(() -> startService("analytics-service", env)));
        }
        List<ServiceProcess> started = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<ServiceProcess> future : futures) {
            try {
                started.add(future.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while starting the services", e);
            }
        }
        if (failure != null) {
            started.forEach(ServiceProcess::kill);
            throw failure;
        }
        return started;
    }

    private static ServiceProcess startService(String name, Map<String, String> env) {
        Path jar = Scripts.repoRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        // A test fixture, not a benchmark: C1 only and small heaps start fastest on two shared cores.
        return ServiceProcess.start(name, jar, env, List.of("-XX:TieredStopAtLevel=1", "-Xmx384m"));
    }

    /** Renders the configuration with dev/gateway/render and runs nginx in the foreground as a child process. */
    private static Process startGateway(Path nginx, Path dir, int port, List<ServiceProcess> services) {
        Map<String, Integer> ports = new HashMap<>();
        services.forEach(service -> ports.put(service.name(), service.port()));
        List<String> render = new ArrayList<>(List.of(Scripts.repoRoot().resolve("dev/gateway/render").toString(),
                dir.toString(), Integer.toString(port), ports.get("identity-service").toString(),
                ports.get("analytics-service").toString(), ports.get("sync-service").toString()));
        String dashboardRoot = System.getProperty(DASHBOARD_ROOT_PROPERTY);
        if (dashboardRoot != null && !dashboardRoot.isBlank()) {
            render.add(Path.of(dashboardRoot).toAbsolutePath().toString());
        }
        run(render);
        Path log = dir.resolve("nginx.out");
        Process gateway;
        try {
            gateway = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                    "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
        awaitGateway(gateway, "http://127.0.0.1:" + port, dir);
        return gateway;
    }

    /** Ready when the gateway routes to identity (its JWKS answers 200). */
    private static void awaitGateway(Process gateway, String url, Path dir) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest jwks = HttpRequest.newBuilder(URI.create(url + "/api/v1/identity/.well-known/jwks.json"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(GATEWAY_READY_DEADLINE);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!gateway.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + gateway.exitValue() + ": "
                            + read(dir.resolve("nginx.out")) + read(dir.resolve("error.log")));
                }
                try {
                    if (http.send(jwks, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // starting
                }
                gateway.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.destroyForcibly();
        throw new IllegalStateException("the gateway did not route to identity-service within " + GATEWAY_READY_DEADLINE
                + ": " + read(dir.resolve("error.log")));
    }

    private static Path nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("nginx not found (LocalStack's gateway): install it with "
                + "`apt-get install nginx`, or run dev/engines/tools install as root");
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack's secrets: the service secret, the credentials master keys, the token signing key's file. */
    private record Secrets(String service, String masterKeys, Path signingKey) {
    }

    /**
     * A new RSA 2048 key in {@code file} (PEM PKCS#8, readable by its owner only), made by {@code openssl genpkey} as
     * dev/up makes its own (dev/lib/stack.sh stack_signing_key): generated per stack, never stored in the project.
     */
    private static Path signingKey(Path file) {
        try {
            createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
                file.toString()));
        return file;
    }

    /** {@code bytes} random bytes, URL-safe base64 without padding. */
    private static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** 32 random bytes in standard base64: a credentials master key that lives as long as the stack. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
