package io.devhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.testengines.LocalStack;

/** The end-to-end stack answers through its gateway: identity signs in, analytics verifies identity's tokens. */
class LocalStackTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalStack stack = LocalStack.get();

    @Test
    void gatewayRoutesLoginAndAnalytics() throws Exception {
        JsonNode session = send("POST", "/api/v1/identity/auth/token", null,
                JSON.createObjectNode().put("email", stack.adminEmail()).put("password", stack.adminPassword()), 200);
        String token = session.get("accessToken").asText();
        assertThat(token).startsWith("eyJ");

        send("POST", "/api/v1/identity/orgs", token, JSON.createObjectNode().put("slug", "stack-check")
                .put("name", "Stack check"), 201);
        // The new membership is in the next token; analytics checks it against identity's JWKS.
        token = send("POST", "/api/v1/identity/auth/token", null,
                JSON.createObjectNode().put("email", stack.adminEmail()).put("password", stack.adminPassword()), 200)
                .get("accessToken").asText();
        JsonNode repos = send("GET", "/api/v1/analytics/orgs/stack-check/repos", token, null, 200);
        assertThat(repos.get("items").isArray()).isTrue();

        JsonNode refused = send("GET", "/api/v1/analytics/orgs/stack-check/repos", null, null, 401);
        assertThat(refused.get("type").asText()).endsWith("/unauthorized");
        // The services' own endpoints stay off the gateway.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/q/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    private JsonNode send(String method, String path, String token, JsonNode body, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
