package io.devhealth.identity.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.identity.user.service.AdminBootstrap;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class TokenResourceTests {

    private static final String TOKEN_PATH = "/api/v1/identity/auth/token";

    @Inject
    AdminBootstrap bootstrap;

    @Test
    void tokenVerifiesAgainstTheServedJwksAndCarriesTheUsersMemberships() throws Exception {
        TestUser user = TestData.createUser("claims");
        String ownedSlug = TestData.unique("owned");
        UUID owned = TestData.createOrg(TestData.adminToken(), ownedSlug);
        TestData.addMember(owned, user.id(), OrgRole.OWNER);
        String viewedSlug = TestData.unique("viewed");
        UUID viewed = TestData.createOrg(TestData.adminToken(), viewedSlug);
        TestData.addMember(viewed, user.id(), OrgRole.VIEWER);

        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", TestData.PASSWORD))
                .when().post(TOKEN_PATH);
        response.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900));

        String jwks = given().when().get("/api/v1/identity/.well-known/jwks.json")
                .then().statusCode(200)
                .header("Cache-Control", containsString("max-age=300"))
                .extract().asString();
        JwtContext verified = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("devhealth-identity")
                .setExpectedAudience("devhealth")
                .setRequireExpirationTime()
                .build()
                .process(response.path("accessToken"));

        JwtClaims claims = verified.getJwtClaims();
        assertThat(verified.getJoseObjects().getFirst().getKeyIdHeaderValue())
                .isEqualTo(new JsonWebKeySet(jwks).getJsonWebKeys().getFirst().getKeyId());
        assertThat(claims.getSubject()).isEqualTo(user.id().toString());
        assertThat(claims.getStringClaimValue("upn")).isEqualTo(user.email());
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("user");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(900);
        List<Object> orgs = List.copyOf((List<?>) claims.getClaimValue("orgs"));
        assertThat(orgs).containsExactlyInAnyOrder(
                Map.of("id", owned.toString(), "slug", ownedSlug, "role", "owner"),
                Map.of("id", viewed.toString(), "slug", viewedSlug, "role", "viewer"));
    }

    @Test
    void superuserTokenCarriesTheSuperuserGroup() throws Exception {
        String jwks = given().get("/api/v1/identity/.well-known/jwks.json").asString();
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("devhealth")
                .build()
                .processToClaims(TestData.adminToken());
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("user", "superuser");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo(TestData.ADMIN_EMAIL);
    }

    @Test
    void emailIsMatchedCaseInsensitively() {
        TestUser user = TestData.createUser("casing");
        TestData.login(user.email().toUpperCase(), TestData.PASSWORD);
    }

    @Test
    void wrongPasswordUnknownEmailAndDeactivatedAccountAreTheSame401() {
        TestUser user = TestData.createUser("wrong");
        TestUser deactivated = TestData.insertUser(TestData.unique("inactive") + "@example.test", false, false);

        List<Map<String, Object>> problems = List.of(
                rejected(user.email(), "not the password"),
                rejected(TestData.unique("nobody") + "@example.test", TestData.PASSWORD),
                rejected(deactivated.email(), TestData.PASSWORD));

        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem).containsEntry("type", ProblemTypes.UNAUTHORIZED.toString())
                    .containsEntry("status", 401)
                    .containsEntry("detail", "invalid email or password");
        });
    }

    @Test
    void missingCredentialsAre422NamingTheFields() {
        given().contentType(ContentType.JSON).body(Map.of("email", " "))
                .when().post(TOKEN_PATH)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", hasItems("email", "password"));
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .when().post(TOKEN_PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("detail", equalTo("the body is not valid JSON"))
                .body("instance", equalTo(TOKEN_PATH));
    }

    @Test
    void serviceTokensCarryTheirOwnAudienceAndTheClientsRoles() throws Exception {
        String token = TestData.serviceToken();
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(claims.getAudience()).containsExactly("devhealth-services");
        assertThat(claims.getSubject()).isEqualTo("sync-service");
        assertThat(claims.getStringListClaimValue("groups"))
                .containsExactlyInAnyOrder("service", "sync-runner", "credential-reader", "people-reader");
        given().contentType(ContentType.JSON)
                .body(Map.of("clientId", "unknown-service", "clientSecret", TestData.SERVICE_SECRET))
                .when().post("/internal/v1/auth/service-token")
                .then().statusCode(401);
        given().auth().oauth2(token).get("/api/v1/identity/me").then().statusCode(403);
    }

    @Test
    void serviceTokenNeedsTheSharedSecret() {
        TestData.serviceToken();
        given().contentType(ContentType.JSON)
                .body(Map.of("clientId", "sync-service", "clientSecret", "guess"))
                .when().post("/internal/v1/auth/service-token")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UNAUTHORIZED.toString()));
    }

    @Test
    void bootstrapCreatesTheSuperuserOnceAndNeverTouchesItAgain() throws Throwable {
        String before = passwordHashOf(TestData.ADMIN_EMAIL);

        assertThat(bootstrap.ensureAdmin(TestData.ADMIN_EMAIL.toUpperCase(), "another password")).isFalse();

        assertThat(passwordHashOf(TestData.ADMIN_EMAIL)).isEqualTo(before).startsWith("pbkdf2-sha256$" + TestData.TEST_HASH_ITERATIONS + "$");
        TestData.login(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);

        String email = TestData.unique("root") + "@example.test";
        assertThat(bootstrap.ensureAdmin(email, "first password")).isTrue();
        assertThat(bootstrap.ensureAdmin(email, "second password")).isFalse();
        given().auth().oauth2(TestData.login(email, "first password"))
                .when().get("/api/v1/identity/me")
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("superuser", equalTo(true));
    }

    @Test
    void meShowsTheCallersMemberships() {
        TestUser user = TestData.createUser("me");
        String slug = TestData.unique("mine");
        UUID org = TestData.createOrg(TestData.adminToken(), slug);
        TestData.addMember(org, user.id(), OrgRole.ADMIN);

        given().auth().oauth2(TestData.login(user))
                .when().get("/api/v1/identity/me")
                .then().statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("superuser", equalTo(false))
                .body("memberships.size()", equalTo(1))
                .body("memberships[0].orgId", equalTo(org.toString()))
                .body("memberships[0].slug", equalTo(slug))
                .body("memberships[0].name", startsWith("Org "))
                .body("memberships[0].role", equalTo("admin"));
    }

    private static Map<String, Object> rejected(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post(TOKEN_PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .extract().as(Map.class);
    }

    private static String passwordHashOf(String email) throws Exception {
        try (Connection connection = TestData.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT password_hash FROM users WHERE lower(email) = lower(?)")) {
            statement.setString(1, email);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                String hash = rows.getString(1);
                assertThat(rows.next()).as("one user per email").isFalse();
                return hash;
            }
        }
    }
}
