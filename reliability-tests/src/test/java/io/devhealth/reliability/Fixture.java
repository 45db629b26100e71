package io.devhealth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.testengines.LocalStack;

/**
 * What the reliability tests share: the local stack, an organization of their own with a viewer, a member of another
 * organization only and a deactivated user (each with a token taken while it was valid), an HTTP client, and the
 * figures file each test writes for {@code bench/reliability}.
 */
final class Fixture {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String ORG = "reliability";
    static final String OTHER_ORG = "reliability-other";
    static final List<String> SERVICES = List.of("identity-service", "analytics-service", "sync-service");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSWORD = "reliability-password-" + UUID.randomUUID();
    private static Fixture instance;

    final LocalStack stack = LocalStack.get();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    final String adminToken;
    final UUID orgId;
    final UUID otherOrgId;
    /** A viewer of {@link #ORG}. */
    final String viewerToken;
    /** An owner of {@link #OTHER_ORG}, nothing in {@link #ORG}. */
    final String outsiderToken;
    /** A member of {@link #ORG} whose account was deactivated after this token was issued. */
    final String deactivatedToken;

    private Fixture() {
        String token = login(LocalStack.ADMIN_EMAIL, stack.adminPassword());
        orgId = createOrg(token, ORG);
        otherOrgId = createOrg(token, OTHER_ORG);
        viewerToken = userWithRole(token, ORG, "viewer");
        outsiderToken = userWithRole(token, OTHER_ORG, "owner");
        String deactivatedEmail = "deactivated-" + UUID.randomUUID() + "@reliability.test";
        String deactivatedId = createUser(token, deactivatedEmail);
        addMember(token, ORG, deactivatedEmail, "member");
        deactivatedToken = login(deactivatedEmail, PASSWORD);
        expect(send("POST", "/api/v1/identity/users/" + deactivatedId + "/deactivate", token, null), 200, 204);
        // The admin's memberships are in the next token.
        adminToken = login(LocalStack.ADMIN_EMAIL, stack.adminPassword());
    }

    static synchronized Fixture get() {
        if (instance == null) {
            instance = new Fixture();
        }
        return instance;
    }

    /** One exchange: status, headers and body as text. */
    record Exchange(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** A request through the gateway ({@code path} starts with {@code /api/}); {@code body} is sent as JSON. */
    Exchange send(String method, String path, String token, JsonNode body) {
        return send(stack.gatewayUrl() + path, method, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token),
                body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Any request: {@code url} absolute, {@code body} raw (null: none) with {@code contentType}. */
    Exchange send(String url, String method, Map<String, String> headers, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service's OpenAPI document as it serves it ({@code /q/openapi}, off the gateway). */
    JsonNode openApi(String service) {
        Exchange answer = send(stack.serviceUrl(service) + "/q/openapi?format=json", "GET", Map.of(), null, null);
        return expect(answer, 200).json();
    }

    String login(String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        return expect(send("POST", "/api/v1/identity/auth/token", null, body), 200).json().get("accessToken").asText();
    }

    /** Writes {@code figures} to {@code target/reliability/<name>.json} for bench/reliability's report. */
    static void writeFigures(String name, Object figures) {
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(name + ".json").toFile(), figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Exchange expect(Exchange exchange, int... statuses) {
        assertThat(exchange.status()).as(exchange.body()).isIn(Arrays.stream(statuses).boxed().toList());
        return exchange;
    }

    private UUID createOrg(String token, String slug) {
        ObjectNode body = JSON.createObjectNode().put("slug", slug).put("name", "Reliability " + slug);
        return UUID.fromString(expect(send("POST", "/api/v1/identity/orgs", token, body), 201).json().get("id").asText());
    }

    private String createUser(String token, String email) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", PASSWORD);
        return expect(send("POST", "/api/v1/identity/users", token, body), 201).json().get("id").asText();
    }

    private void addMember(String token, String org, String email, String role) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("role", role);
        expect(send("POST", "/api/v1/identity/orgs/" + org + "/members", token, body), 201, 200);
    }

    private String userWithRole(String token, String org, String role) {
        String email = role + "-" + UUID.randomUUID() + "@reliability.test";
        createUser(token, email);
        addMember(token, org, email, role);
        return login(email, PASSWORD);
    }
}
