package io.devhealth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What nginx answers itself — requests it refuses before any service sees them — is problem+json with the services'
 * stable types, never its HTML pages. Sent over a raw socket: no HTTP client would send most of these.
 */
class GatewayProblemsTests {

    private static final Map<String, Integer> STATUSES = new LinkedHashMap<>();

    static Stream<Arguments> refusals() {
        String big = "a".repeat(20_000);
        return Stream.of(
                Arguments.of("NUL byte in the path", "GET /api/v1/analytics/orgs/\0x HTTP/1.1\r\nHost: h\r\n\r\n", 400, "bad-request"),
                Arguments.of("percent-encoded NUL", "GET /api/v1/analytics/orgs/%00/repos HTTP/1.1\r\nHost: h\r\n\r\n", 400, "bad-request"),
                Arguments.of("URI over 8 KB", "GET /api/v1/analytics/orgs/" + big + " HTTP/1.1\r\nHost: h\r\n\r\n", 414, "uri-too-long"),
                Arguments.of("header over 8 KB", "GET /api/v1/analytics/orgs HTTP/1.1\r\nHost: h\r\nX-Big: " + big + "\r\n\r\n", 400, "bad-request"),
                Arguments.of("garbage request line", "garbage\r\n\r\n", 400, "bad-request"),
                Arguments.of("unknown HTTP version", "GET /api/v1/analytics/orgs HTTP/3.0\r\nHost: h\r\n\r\n", 400, "bad-request"),
                Arguments.of("no Host header", "GET /api/v1/analytics/orgs HTTP/1.1\r\n\r\n", 400, "bad-request"),
                Arguments.of("two Content-Length headers", "POST /api/v1/identity/auth/token HTTP/1.1\r\nHost: h\r\n"
                        + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "bad-request"),
                Arguments.of("unknown transfer coding", "POST /api/v1/identity/auth/token HTTP/1.1\r\nHost: h\r\n"
                        + "Transfer-Encoding: rot13\r\n\r\n", 400, "bad-request"),
                Arguments.of("body over 10 MB", "POST /api/v1/identity/auth/token HTTP/1.1\r\nHost: h\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n", 413, "content-too-large"),
                Arguments.of("path traversal above the root", "GET /api/v1/analytics/../../../../../etc/passwd HTTP/1.1\r\nHost: h\r\n\r\n", 400, "bad-request"),
                Arguments.of("path traversal off the routes", "GET /api/v1/analytics/../../../etc/passwd HTTP/1.1\r\nHost: h\r\n\r\n", 404, "not-found"),
                Arguments.of("a service's internal endpoint", "GET /internal/v1/sync-configurations/due HTTP/1.1\r\nHost: h\r\n\r\n", 404, "not-found"),
                Arguments.of("a service's management endpoint", "GET /q/metrics HTTP/1.1\r\nHost: h\r\n\r\n", 404, "not-found"),
                Arguments.of("the gateway's own problem pages", "GET /.gateway-problems/internal HTTP/1.1\r\nHost: h\r\n\r\n", 404, "not-found"),
                Arguments.of("an unknown API prefix", "GET /api/v2/anything HTTP/1.1\r\nHost: h\r\n\r\n", 404, "not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void nginxRefusalsAreProblemDetails(String what, String request, int status, String type) throws IOException {
        String response = exchange(request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
        String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(head).as(what).startsWith("HTTP/1.1 " + status + " ");
        assertThat(head.toLowerCase()).as(what).contains("content-type: application/problem+json");
        JsonNode problem = Fixture.JSON.readTree(body);
        assertThat(problem.get("type").asText()).as(what).isEqualTo("https://devhealth.io/problems/" + type);
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(body).as(what).doesNotContain("nginx").doesNotContain("<html");
        synchronized (STATUSES) {
            STATUSES.put(what, status);
            Fixture.writeFigures("gateway-refusals", STATUSES);
        }
    }

    /** Writes {@code request} as bytes (ISO-8859-1: a NUL stays a NUL) and reads the whole answer. */
    private static String exchange(String request) throws IOException {
        URI gateway = URI.create(Fixture.get().stack.gatewayUrl());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
