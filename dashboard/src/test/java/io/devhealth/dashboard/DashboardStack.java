package io.devhealth.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.Engines;
import io.devhealth.testengines.PostgresEngine;
import io.devhealth.testengines.Scripts;

/**
 * The real stack the dashboard talks to, once per test JVM: PostgreSQL and the ClickHouse engine (test-engines),
 * identity-service and analytics-service from their packaged jars (prod profile, configured as a deployment is:
 * environment variables only), and nginx rendering {@code dev/gateway/nginx.conf.template} exactly as
 * {@code dev/lib/stack.sh} does, serving {@code dashboard/target/dist} at {@code /}. sync-service is not started:
 * the tests seed ClickHouse directly (its schema from {@code migrations/clickhouse}), and {@code /api/v1/sync}
 * points at a closed port.
 *
 * <p>A minimal harness of this module's own: the shared LocalStack (another branch) was not available when it was
 * written.
 */
final class DashboardStack {

    static final String ADMIN_EMAIL = "admin@devhealth.local";
    static final String ADMIN_PASSWORD = "devhealth-local";
    static final String CLICKHOUSE_DATABASE = "dashboard";

    private static DashboardStack stack;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ClickHouseEngine clickhouse;
    private final String gateway;

    private DashboardStack(ClickHouseEngine clickhouse, String gateway) {
        this.clickhouse = clickhouse;
        this.gateway = gateway;
    }

    /** The stack, started on first use (about 20 s on 2 cores) and stopped when the JVM exits. */
    static synchronized DashboardStack get() {
        if (stack == null) {
            stack = start();
        }
        return stack;
    }

    private static DashboardStack start() {
        Path root = Scripts.repoRoot();
        Path dist = root.resolve("dashboard/target/dist");
        if (!Files.isRegularFile(dist.resolve("index.html"))) {
            throw new IllegalStateException("dashboard not built at " + dist + ": run ./mvnw -pl dashboard generate-resources");
        }
        PostgresEngine postgres = Engines.postgres();
        postgres.createDatabase("dashboard_identity");
        ClickHouseEngine clickhouse = Engines.clickhouse();
        clickhouse.createDatabase(CLICKHOUSE_DATABASE);
        clickhouse.migrate(CLICKHOUSE_DATABASE);

        String serviceSecret = randomSecret();
        int identityPort = freePort();
        Map<String, String> identityEnv = new HashMap<>();
        identityEnv.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("dashboard_identity"));
        identityEnv.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("dashboard_identity"));
        identityEnv.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        identityEnv.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        identityEnv.put("DEVHEALTH_SERVICE_SECRET", serviceSecret);
        identityEnv.put("DEVHEALTH_CREDENTIALS_MASTER_KEYS", "dashboard-tests:" + randomSecret());
        identityEnv.put("DEVHEALTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        identityEnv.put("DEVHEALTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Sign-ins are part of every test: the hash cost of a test fixture, not of production.
        identityEnv.put("DEVHEALTH_AUTH_PASSWORD_ITERATIONS", "1000");
        startService(root, "identity-service", identityPort, identityEnv);

        int analyticsPort = freePort();
        Map<String, String> analyticsEnv = new HashMap<>();
        analyticsEnv.put("DEVHEALTH_IDENTITY_URL", "http://127.0.0.1:" + identityPort);
        analyticsEnv.put("DEVHEALTH_SERVICE_SECRET", serviceSecret);
        analyticsEnv.put("DEVHEALTH_CLICKHOUSE_URL", clickhouse.url());
        analyticsEnv.put("DEVHEALTH_CLICKHOUSE_DATABASE", CLICKHOUSE_DATABASE);
        analyticsEnv.put("DEVHEALTH_CLICKHOUSE_USERNAME", clickhouse.username());
        analyticsEnv.put("DEVHEALTH_CLICKHOUSE_PASSWORD", clickhouse.password());
        startService(root, "analytics-service", analyticsPort, analyticsEnv);

        int gatewayPort = freePort();
        startGateway(root, dist, gatewayPort, identityPort, analyticsPort, freePort());
        return new DashboardStack(clickhouse, "http://127.0.0.1:" + gatewayPort);
    }

    private static void startService(Path root, String name, int port, Map<String, String> env) {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found at " + jar + ": ./mvnw -pl dashboard -am package -DskipTests");
        }
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess process = ChildProcess.start(name, List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toString()),
                all, "http://127.0.0.1:" + port + "/q/health/ready");
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::close));
    }

    /** Renders the gateway template as dev/lib/stack.sh does and runs nginx in the foreground as a child. */
    private static void startGateway(Path root, Path dist, int port, int identityPort, int analyticsPort, int syncPort) {
        Path dir = Path.of("target", "gateway").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            String config = Files.readString(root.resolve("dev/gateway/nginx.conf.template"))
                    .replace("@STATE@", dir.toString())
                    .replace("@GATEWAY_PORT@", Integer.toString(port))
                    .replace("@IDENTITY_PORT@", Integer.toString(identityPort))
                    .replace("@ANALYTICS_PORT@", Integer.toString(analyticsPort))
                    .replace("@SYNC_PORT@", Integer.toString(syncPort))
                    .replace("@DASHBOARD_DIST@", dist.toString());
            Files.writeString(dir.resolve("nginx.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        ChildProcess process = ChildProcess.start("gateway", List.of(nginx, "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;"), Map.of(), "http://127.0.0.1:" + port + "/index.html");
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::close));
    }

    /** The gateway's base URL, e.g. {@code http://127.0.0.1:34567}. */
    String url() {
        return gateway;
    }

    ClickHouseEngine clickhouse() {
        return clickhouse;
    }

    /** Signs in through the gateway; returns the access token. */
    String token(String email, String password) {
        return call("POST", "/api/v1/identity/auth/token", null, Map.of("email", email, "password", password))
                .path("accessToken").asText();
    }

    /** GET through the gateway as {@code token}; the JSON answer (fails on a non-2xx status). */
    JsonNode get(String path, String token) {
        return call("GET", path, token, null);
    }

    /** A JSON call through the gateway; fails with the answer on a non-2xx status. */
    JsonNode call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                    .header("accept", "application/json");
            if (token != null) {
                request.header("authorization", "Bearer " + token);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                request.header("content-type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw answer of a GET without a token (status and body), for the gateway's own routes. */
    HttpResponse<String> fetch(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
