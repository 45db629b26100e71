package io.devhealth.identity.auth.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.identity.auth.service.SigningKeys;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Which tokens the protected endpoints accept: 401 for no valid token, 403 for a valid one of the wrong kind. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class AuthenticationResourceTests {

    private static final String ME = "/api/v1/identity/me";

    @Inject
    SigningKeys keys;

    @Test
    void missingTokenIs401Problem() {
        given().when().get(ME)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo(ProblemTypes.UNAUTHORIZED.toString()))
                .body("instance", equalTo(ME));
    }

    @Test
    void malformedTokenIs401() {
        assertUnauthorized("not-a-jwt");
    }

    @Test
    void tokenSignedByAForeignKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        // Same claims and even the same kid as a genuine token: only the signature gives it away.
        assertUnauthorized(adminClaims().jws().keyId(keys.keyId()).sign(generator.generateKeyPair().getPrivate()));
    }

    @Test
    void expiredTokenIs401() {
        Instant now = Instant.now();
        assertUnauthorized(adminClaims().issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .jws().keyId(keys.keyId()).sign(keys.privateKey()));
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        assertUnauthorized(adminClaims().audience("someone-else").jws().keyId(keys.keyId()).sign(keys.privateKey()));
    }

    @Test
    void unsignedAlgNoneTokenIs401() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + keys.keyId() + "\"}");
        long now = Instant.now().getEpochSecond();
        String payload = base64Url("{\"iss\":\"devhealth-identity\",\"aud\":\"devhealth\",\"sub\":\"" + adminId()
                + "\",\"groups\":[\"user\",\"superuser\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        assertUnauthorized(header + "." + payload + ".");
    }

    @Test
    void hs256KeyedWithThePublicKeyIs401() {
        // The classic algorithm-confusion attack: an HMAC "signed" with the RSA public key a verifier may hold.
        SecretKey publicKeyAsSecret = new SecretKeySpec(keys.publicKey().getEncoded(), "HmacSHA256");
        assertUnauthorized(adminClaims().jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.HS256)
                .sign(publicKeyAsSecret));
    }

    @Test
    void unknownKeyIdIs401() {
        assertUnauthorized(adminClaims().jws().keyId("no-such-key").sign(keys.privateKey()));
        assertUnauthorized(adminClaims().jws().sign(keys.privateKey()));
    }

    @Test
    void tamperedPayloadIs401() {
        String genuine = TestData.adminToken();
        String[] parts = genuine.split("\\.");
        String forged = base64Url(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"groups\":[", "\"groups\":[\"superuser\","));
        assertUnauthorized(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void genuineTokenOfADeactivatedUserIs401() {
        TestUser user = TestData.createUser("deactivated");
        String token = TestData.login(user);
        given().auth().oauth2(token).when().get(ME).then().statusCode(200);

        TestData.update("UPDATE users SET is_active = false WHERE id = ?", user.id());

        assertUnauthorized(token);
    }

    @Test
    void serviceTokenCannotUseUserEndpoints() {
        given().auth().oauth2(TestData.serviceToken())
                .when().get("/api/v1/identity/orgs")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JwtClaimsBuilder adminClaims() {
        return Jwt.issuer("devhealth-identity").audience("devhealth").subject(adminId()).upn(TestData.ADMIN_EMAIL)
                .groups(Set.of("user", "superuser"));
    }

    private static String adminId() {
        return given().auth().oauth2(TestData.adminToken()).get(ME).then().statusCode(200).extract().path("id");
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token).when().get(ME)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UNAUTHORIZED.toString()));
    }
}
