package io.devhealth.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgGrant;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * identity-service as analytics sees it, on a real HTTP port: it signs access tokens (RS256, the brief's claims),
 * serves their JWKS, and answers {@code GET /api/v1/identity/orgs/{org}} as told, recording the Authorization
 * header of every such request. Orgs it was not told about are 404.
 */
public final class IdentityStub implements AutoCloseable {

    public static final String ISSUER = "devhealth-identity";
    public static final String AUDIENCE = "devhealth";
    private static final String KEY_ID = "analytics-test-key";
    private static final String ORGS_PATH = "/api/v1/identity/orgs/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair signingKeys = rsaKeyPair();
    /** Same key id, different key: what a token signed by someone else looks like. */
    private final KeyPair foreignKeys = rsaKeyPair();
    private final Map<String, Answer> orgAnswers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> orgRequests = new ConcurrentHashMap<>();
    private final HttpServer server;

    private IdentityStub(HttpServer server) {
        this.server = server;
    }

    static IdentityStub start() {
        try {
            IdentityStub stub = new IdentityStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            stub.server.createContext("/api/v1/identity/.well-known/jwks.json", stub::jwks);
            stub.server.createContext(ORGS_PATH, stub::org);
            stub.server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, {@code GET …/orgs/{org}} answers 200 with this org. */
    public void knowsOrg(String org, UUID id) {
        orgAnswers.put(org, new Answer(200, """
                {"id":"%s","slug":"%s","name":"Org %s","createdAt":"2025-01-01T00:00:00Z"}""".formatted(id, org, org)));
    }

    /** From now on, {@code GET …/orgs/{org}} answers {@code status} with a problem body. */
    public void answersOrg(String org, int status) {
        orgAnswers.put(org, new Answer(status, """
                {"type":"https://devhealth.io/problems/x","status":%d}""".formatted(status)));
    }

    /** The Authorization headers of the org lookups for {@code org} so far, oldest first. */
    public List<String> orgLookups(String org) {
        return List.copyOf(orgRequests.getOrDefault(org, List.of()));
    }

    /** A valid token of a plain user with these memberships. */
    public String token(OrgGrant... grants) {
        return claims(Set.of(OrgClaims.USER_GROUP), grants).jws().keyId(KEY_ID).sign(signingKeys.getPrivate());
    }

    /** A valid token of a superuser with no memberships. */
    public String superuserToken() {
        return claims(Set.of(OrgClaims.USER_GROUP, OrgClaims.SUPERUSER_GROUP)).jws().keyId(KEY_ID)
                .sign(signingKeys.getPrivate());
    }

    /** Signed by the right key, expired an hour ago. */
    public String expiredToken(OrgGrant... grants) {
        Instant now = Instant.now();
        return claims(Set.of(OrgClaims.USER_GROUP), grants)
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .jws().keyId(KEY_ID).sign(signingKeys.getPrivate());
    }

    /** Well-formed, with the right key id, signed by a key identity never published. */
    public String foreignSignedToken(OrgGrant... grants) {
        return claims(Set.of(OrgClaims.USER_GROUP), grants).jws().keyId(KEY_ID).sign(foreignKeys.getPrivate());
    }

    /** Signed by the right key for another audience. */
    public String tokenForAudience(String audience, OrgGrant... grants) {
        return claims(Set.of(OrgClaims.USER_GROUP), grants).audience(audience).jws().keyId(KEY_ID)
                .sign(signingKeys.getPrivate());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private JwtClaimsBuilder claims(Set<String> groups, OrgGrant... grants) {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.toString())
                .upn(user + "@example.test")
                .groups(groups)
                .claim(OrgClaims.CLAIM, OrgClaims.toClaim(List.of(grants)))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RsaJsonWebKey key = new RsaJsonWebKey((RSAPublicKey) signingKeys.getPublic());
        key.setKeyId(KEY_ID);
        key.setAlgorithm("RS256");
        key.setUse("sig");
        respond(exchange, 200, new JsonWebKeySet(key).toJson());
    }

    private void org(HttpExchange exchange) throws IOException {
        String org = exchange.getRequestURI().getPath().substring(ORGS_PATH.length());
        orgRequests.computeIfAbsent(org, ignored -> new CopyOnWriteArrayList<>())
                .add(exchange.getRequestHeaders().getFirst("Authorization"));
        Answer answer = orgAnswers.get(org);
        if (answer == null) {
            answer = grantedIn(exchange.getRequestHeaders().getFirst("Authorization"), org);
        }
        respond(exchange, answer.status(), answer.body());
    }

    /**
     * What identity answers a member by default: the org of the caller's token grant named by {@code org} (slug or
     * id), else 404. (The stub trusts the token's claim; identity reads the membership from its database.)
     */
    private static Answer grantedIn(String authorization, String org) throws IOException {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            String[] parts = authorization.substring("Bearer ".length()).split("\\.");
            if (parts.length == 3) {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                for (JsonNode grant : claims.path(OrgClaims.CLAIM)) {
                    if (org.equals(grant.path("slug").asText()) || org.equals(grant.path("id").asText())) {
                        return new Answer(200, """
                                {"id":"%s","slug":"%s","name":"Org %s","createdAt":"2025-01-01T00:00:00Z"}"""
                                .formatted(grant.path("id").asText(), grant.path("slug").asText(), org));
                    }
                }
            }
        }
        return new Answer(404, "{\"status\":404}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {
    }
}
