package io.devhealth.identity.auth.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * Key rotation: a key another replica (or an earlier start) signed with stays published and accepted until one
 * access-token lifetime after it last signed, then disappears.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class KeyRingTests {

    private static final String ME = "/api/v1/identity/me";
    private static final String JWKS = "/api/v1/identity/.well-known/jwks.json";

    @Inject
    KeyRing keyRing;

    @Test
    void tokensOfAPreviousKeyWorkUntilTheyCouldHaveExpired() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair previous = generator.generateKeyPair();
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) previous.getPublic());
        String kid = jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        jwk.setKeyId(kid);
        TestData.update("INSERT INTO signing_keys (kid, public_jwk, last_signed_at) VALUES (?, ?, now() - interval '5 minutes')",
                kid, jwk.toJson(OutputControlLevel.PUBLIC_ONLY));
        keyRing.refresh().await().atMost(Duration.ofSeconds(10));
        String adminId = given().auth().oauth2(TestData.adminToken()).get(ME).then().extract().path("id");
        String token = Jwt.issuer("devhealth-identity").audience("devhealth").subject(adminId)
                .upn(TestData.ADMIN_EMAIL).groups(Set.of("user", "superuser"))
                .jws().keyId(kid).sign(previous.getPrivate());

        given().get(JWKS).then().statusCode(200).body(containsString(kid));
        given().auth().oauth2(token).get(ME).then().statusCode(200).body("email", equalTo(TestData.ADMIN_EMAIL));

        TestData.update("UPDATE signing_keys SET last_signed_at = now() - interval '1 hour' WHERE kid = ?", kid);
        keyRing.refresh().await().atMost(Duration.ofSeconds(10));

        given().get(JWKS).then().statusCode(200).body(not(containsString(kid)));
        given().auth().oauth2(token).get(ME).then().statusCode(401);
        given().auth().oauth2(TestData.adminToken()).get(ME).then().statusCode(200);
    }
}
