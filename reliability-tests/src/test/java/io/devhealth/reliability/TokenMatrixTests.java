package io.devhealth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devhealth.reliability.Fixture.Exchange;

/**
 * Every secured public endpoint of the three OpenAPI documents (through the gateway) against tokens that must never
 * see data: absent, garbage, expired, issued by another issuer or for another audience (all three genuinely signed),
 * edited to raise their own grants, {@code alg: none}, HS256 keyed with the public key, signed by an unknown key with
 * an unknown {@code kid} or under the genuine {@code kid}: 401 every time. A member of another organization: 403 or
 * 404. A deactivated user's token, issued while it was active:
 * 401 or 403 from every service (each asks identity, which refuses it at once). A viewer on anything that needs more than a viewer's
 * permissions (the operation's {@code x-devhealth-permission}): 403.
 */
class TokenMatrixTests {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String PERMISSION_EXTENSION = "x-devhealth-permission";
    /** The permissions a viewer holds (service-support OrgPermission: minimum role viewer). */
    private static final Set<String> VIEWER_PERMISSIONS = Set.of("ORG_READ", "ANALYTICS_READ");

    private final Fixture fixture = Fixture.get();

    @Test
    void noForgedOrForeignTokenSeesDataOrChangesAnything() {
        Map<String, String> forged = forgedTokens();
        List<Endpoint> endpoints = securedEndpoints();
        assertThat(endpoints).as("secured endpoints").hasSizeGreaterThan(50);

        List<String> failures = new ArrayList<>();
        Map<String, Integer> requests = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            for (Map.Entry<String, String> token : forged.entrySet()) {
                check(endpoint, token.getKey(), token.getValue(), Set.of(401), failures, requests);
            }
            check(endpoint, "no token", null, Set.of(401), failures, requests);
            if (endpoint.orgScoped()) {
                check(endpoint, "member of another organization", fixture.outsiderToken, Set.of(403, 404), failures,
                        requests);
                check(endpoint, "deactivated user", fixture.deactivatedToken, Set.of(401, 403), failures, requests);
                if (endpoint.permission() != null && !VIEWER_PERMISSIONS.contains(endpoint.permission())) {
                    check(endpoint, "viewer without " + endpoint.permission(), fixture.viewerToken, Set.of(403),
                            failures, requests);
                }
            }
        }

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("endpoints", endpoints.size());
        figures.put("requestsByToken", requests);
        figures.put("requests", requests.values().stream().mapToInt(Integer::intValue).sum());
        figures.put("failures", failures.size());
        figures.put("firstFailures", failures.stream().limit(50).toList());
        Fixture.writeFigures("token-matrix", figures);
        assertThat(failures).as("answers that let a token through or were wrong").isEmpty();
    }

    /**
     * @param body       a valid body made of the schema's examples (null: none), so that what refuses the request is
     *                   its token, not its body (bodies are validated before the organization is looked up; an
     *                   invalid one is 422 for any caller and reveals nothing)
     * @param permission the organization permission the operation requires ({@code x-devhealth-permission}), or null
     */
    private record Endpoint(String method, String path, boolean orgScoped, byte[] body, String permission) {
    }

    private void check(Endpoint endpoint, String token, String jwt, Set<Integer> expected, List<String> failures,
            Map<String, Integer> requests) {
        Exchange answer = fixture.send(fixture.stack.gatewayUrl() + endpoint.path(), endpoint.method().toUpperCase(),
                jwt == null ? Map.of() : Map.of("Authorization", "Bearer " + jwt), endpoint.body(), "application/json");
        requests.merge(token, 1, Integer::sum);
        if (!expected.contains(answer.status())) {
            failures.add(endpoint.method().toUpperCase() + " " + endpoint.path() + " with " + token + " → "
                    + answer.status() + " (expected " + expected + "): "
                    + answer.body().substring(0, Math.min(200, answer.body().length())));
        } else if (!answer.contentType().startsWith("application/problem+json")) {
            failures.add(endpoint.method().toUpperCase() + " " + endpoint.path() + " with " + token
                    + " → not problem+json: " + answer.contentType());
        }
    }

    /** Every operation with a security requirement under /api/, path parameters filled ({org} is ours). */
    private List<Endpoint> securedEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String service : Fixture.SERVICES) {
            JsonNode document = fixture.openApi(service);
            HostileCorpus corpus = new HostileCorpus(service, document, Map.of());
            document.path("paths").fields().forEachRemaining(path -> {
                if (!path.getKey().startsWith("/api/")) {
                    return;
                }
                path.getValue().fields().forEachRemaining(operation -> {
                    boolean secured = operation.getValue().path("security").size() > 0
                            || document.path("security").size() > 0 && !operation.getValue().has("security");
                    if (secured && METHODS.contains(operation.getKey())) {
                        String filled = path.getKey().replace("{org}", Fixture.ORG)
                                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                        JsonNode permission = operation.getValue().get(PERMISSION_EXTENSION);
                        endpoints.add(new Endpoint(operation.getKey(), filled, path.getKey().contains("{org}"),
                                corpus.sampleBody(operation.getValue()), permission == null ? null : permission.asText()));
                    }
                });
            });
        }
        return endpoints;
    }

    /** Tokens that must all be refused with 401, named by what is wrong with them. */
    private Map<String, String> forgedTokens() {
        String genuine = fixture.adminToken;
        ObjectNode header = Jwts.header(genuine);
        ObjectNode payload = Jwts.payload(genuine);
        PrivateKey key = Jwts.privateKey(fixture.stack.signingKey());
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();

        tokens.put("garbage", "not-a-token");
        tokens.put("expired (genuine key)", Jwts.rs256(header, payload.deepCopy().put("iat", now - 7200)
                .put("exp", now - 3600), key));
        tokens.put("another issuer (genuine key)", Jwts.rs256(header, payload.deepCopy().put("iss", "https://evil.test"), key));
        tokens.put("another audience (genuine key)", Jwts.rs256(header, payload.deepCopy().put("aud", "someone-else"), key));

        // The outsider's genuine token with the admin's grants pasted in, its own signature kept.
        String outsider = fixture.outsiderToken;
        ObjectNode raised = Jwts.payload(outsider);
        raised.set("orgs", payload.get("orgs"));
        raised.set("groups", payload.get("groups"));
        tokens.put("payload edited to raise its grants", Jwts.unsigned(Jwts.header(outsider), raised) + "."
                + Jwts.signature(outsider));

        ObjectNode none = header.deepCopy().put("alg", "none");
        tokens.put("alg none", Jwts.unsigned(none, payload) + ".");
        tokens.put("alg none, genuine signature kept", Jwts.unsigned(none, payload) + "." + Jwts.signature(genuine));

        JsonNode jwk = jwks().get(0);
        tokens.put("HS256 keyed with the public key", Jwts.hs256(header.deepCopy().put("alg", "HS256"), payload,
                Jwts.publicKeyPem(jwk).getBytes(StandardCharsets.US_ASCII)));
        PrivateKey stranger = Jwts.strangerKey();
        tokens.put("unknown kid, unknown key", Jwts.rs256(header.deepCopy().put("kid", "unknown-" + UUID.randomUUID()),
                payload, stranger));
        tokens.put("another key under the genuine kid", Jwts.rs256(header, payload, stranger));
        tokens.put("no kid, another key", Jwts.rs256(header.deepCopy().without("kid"), payload, stranger));
        return tokens;
    }

    private JsonNode jwks() {
        JsonNode keys = Fixture.expect(fixture.send("GET", "/api/v1/identity/.well-known/jwks.json", null, null), 200)
                .json().get("keys");
        assertThat(keys).as("JWKS keys").isNotEmpty();
        return keys;
    }
}
