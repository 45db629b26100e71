package io.devhealth.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.LocalStack;
import io.devhealth.testengines.Scripts;

/**
 * The real stack the dashboard talks to: test-engines' {@link LocalStack} (PostgreSQL, the ClickHouse engine, the three
 * services from their packaged jars, nginx rendered by {@code dev/gateway/render}) with the gateway serving
 * {@code dashboard/target/dist} at {@code /}, plus the JSON calls the tests make through the gateway to set up data
 * and to read the numbers the dashboard must show.
 */
final class DashboardStack {

    private static DashboardStack stack;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalStack local;

    private DashboardStack(LocalStack local) {
        this.local = local;
    }

    /** The stack of this JVM, started on first use (about 20–30 s on 2 cores) and stopped when the JVM exits. */
    static synchronized DashboardStack get() {
        if (stack == null) {
            Path dist = Scripts.repoRoot().resolve("dashboard/target/dist");
            if (!Files.isRegularFile(dist.resolve("index.html"))) {
                throw new IllegalStateException("dashboard not built at " + dist + ": ./mvnw -pl dashboard generate-resources");
            }
            System.setProperty(LocalStack.DASHBOARD_ROOT_PROPERTY, dist.toString());
            stack = new DashboardStack(LocalStack.get());
        }
        return stack;
    }

    /** The gateway's base URL, e.g. {@code http://127.0.0.1:34567}. */
    String url() {
        return local.gatewayUrl();
    }

    String adminEmail() {
        return local.adminEmail();
    }

    String adminPassword() {
        return local.adminPassword();
    }

    ClickHouseEngine clickhouse() {
        return local.clickhouse();
    }

    /** The ClickHouse database the services read (migrated by sync-service at its start). */
    String clickhouseDatabase() {
        return local.clickhouseDatabase();
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
        return call(URI.create(url() + path), method, token, body);
    }

    /**
     * A JSON call to identity-service's {@code /internal} API (not routed by the gateway) as sync-service, with a
     * service token: for setting up what sync-service would leave behind (a finished run and its counts).
     */
    JsonNode callIdentityAsSyncService(String method, String path, Object body) {
        String identity = local.serviceUrl("identity-service");
        String token = call(URI.create(identity + "/internal/v1/auth/service-token"), "POST", null,
                Map.of("clientId", "sync-service", "clientSecret", local.serviceSecret())).path("accessToken").asText();
        return call(URI.create(identity + path), method, token, body);
    }

    /** The directory git sync configurations may point below (the services' local root). */
    Path localRoot() {
        return local.localRoot();
    }

    private JsonNode call(URI uri, String method, String token, Object body) {
        String path = uri.getPath();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
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
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
