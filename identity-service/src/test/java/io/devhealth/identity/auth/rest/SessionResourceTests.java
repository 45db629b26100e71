package io.devhealth.identity.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.identity.auth.service.PasswordHasher;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sign-in sessions: refresh rotation and reuse detection, sign-out, throttling, hash upgrades, text hygiene. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SessionResourceTests {

    private static final String AUTH = "/api/v1/identity/auth";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Test
    void signInAnswersA15MinuteAccessTokenAndARefreshToken() {
        TestUser user = TestData.createUser("session");
        signIn(user.email(), TestData.PASSWORD, newClient()).statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", startsWith("dhr_"))
                .body("refreshExpiresIn", equalTo(30 * 24 * 3600));
    }

    @Test
    void refreshRotatesAndReusingASpentTokenRevokesTheSession() {
        TestUser user = TestData.createUser("rotate");
        String first = refreshTokenOf(user);

        ValidatableResponse refreshed = refresh(first).statusCode(200);
        String second = refreshed.extract().path("refreshToken");
        String access = refreshed.extract().path("accessToken");
        assertThat(second).startsWith("dhr_").isNotEqualTo(first);
        given().auth().oauth2(access).get("/api/v1/identity/me").then().statusCode(200)
                .body("email", equalTo(user.email()));

        // The spent token again: someone else holds it, so the whole session ends, the live token included.
        refresh(first).statusCode(401).body("type", equalTo(ProblemTypes.UNAUTHORIZED.toString()));
        refresh(second).statusCode(401);
        assertThat(TestData.count("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_reason = 'reuse'",
                user.id())).isEqualTo(2);
    }

    @Test
    void logoutEndsTheSessionAndOtherSessionsLive() {
        TestUser user = TestData.createUser("logout");
        String laptop = refreshTokenOf(user);
        String phone = refreshTokenOf(user);

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", laptop))
                .post(AUTH + "/logout").then().statusCode(204);

        refresh(laptop).statusCode(401);
        refresh(phone).statusCode(200);
        // Unknown tokens sign out quietly: the answer does not tell valid tokens from invalid ones.
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "dhr_unknown"))
                .post(AUTH + "/logout").then().statusCode(204);
    }

    @Test
    void aDeactivatedUserCannotRefresh() {
        TestUser user = TestData.createUser("inactive");
        String token = refreshTokenOf(user);
        TestData.update("UPDATE users SET is_active = false WHERE id = ?", user.id());

        refresh(token).statusCode(401);
        TestData.update("UPDATE users SET is_active = true WHERE id = ?", user.id());
        // the session was revoked, not just refused
        refresh(token).statusCode(401);
    }

    @Test
    void garbageRefreshTokensAre401AndMissingOnesAre422() {
        refresh("dhr_" + "A".repeat(43)).statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post(AUTH + "/refresh")
                .then().statusCode(422).body("violations[0].field", equalTo("refreshToken"));
    }

    @Test
    void anAccountIsThrottledAfterFiveFailuresWhetherItExistsOrNot() {
        TestUser user = TestData.createUser("throttled");
        String unknown = TestData.unique("nobody") + "@example.test";
        for (int attempt = 0; attempt < 5; attempt++) {
            signIn(user.email(), "wrong", newClient()).statusCode(401);
            signIn(unknown, "wrong", newClient()).statusCode(401);
        }

        for (String email : new String[] { user.email(), unknown }) {
            int retryAfter = Integer.parseInt(signIn(email, TestData.PASSWORD, newClient())
                    .statusCode(429)
                    .contentType("application/problem+json")
                    .body("type", equalTo(ProblemTypes.TOO_MANY_REQUESTS.toString()))
                    .extract().header("Retry-After"));
            assertThat(retryAfter).isBetween(1, 30);
        }
    }

    @Test
    void aClientIsThrottledAfterTooManyFailuresAcrossAccounts() {
        String client = newClient();
        for (int attempt = 0; attempt < 200; attempt++) {
            signIn(TestData.unique("spray") + "@example.test", "wrong", client).statusCode(401);
        }
        TestUser user = TestData.createUser("sprayed");

        signIn(user.email(), TestData.PASSWORD, client).statusCode(429);
        signIn(user.email(), TestData.PASSWORD, newClient()).statusCode(200);
    }

    @Test
    void aSuccessfulSignInForgetsTheAccountsEarlierFailures() {
        TestUser user = TestData.createUser("forgiven");
        for (int attempt = 0; attempt < 4; attempt++) {
            signIn(user.email(), "wrong", newClient()).statusCode(401);
        }
        signIn(user.email(), TestData.PASSWORD, newClient()).statusCode(200);
        for (int attempt = 0; attempt < 4; attempt++) {
            signIn(user.email(), "wrong", newClient()).statusCode(401);
        }
        signIn(user.email(), TestData.PASSWORD, newClient()).statusCode(200);
    }

    @Test
    void weakerHashesAreUpgradedAtSignIn() {
        String email = TestData.unique("legacy") + "@example.test";
        TestData.update("INSERT INTO users (email, password_hash) VALUES (?, ?)", email,
                new PasswordHasher(10).hash(TestData.PASSWORD));

        signIn(email, TestData.PASSWORD, newClient()).statusCode(200);

        String stored = TestData.queryString("SELECT password_hash FROM users WHERE email = ?", email);
        assertThat(stored).startsWith("pbkdf2-sha256$" + TestData.TEST_HASH_ITERATIONS + "$");
        signIn(email, TestData.PASSWORD, newClient()).statusCode(200);
    }

    @Test
    void nulAndUnpairedSurrogatesAre422NotServerErrors() {
        given().contentType(ContentType.JSON).body("{\"email\":\"a\\u0000@example.test\",\"password\":\"x\"}")
                .post(AUTH + "/token").then().statusCode(422)
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations[0].field", equalTo("email"));
        given().contentType(ContentType.JSON).body("{\"email\":\"a@example.test\",\"password\":\"\\ud800\"}")
                .post(AUTH + "/token").then().statusCode(422)
                .body("violations[0].field", equalTo("password"));
        given().contentType(ContentType.JSON).body("{\"email\":\"\\u3000\\u00a0\",\"password\":\"x\"}")
                .post(AUTH + "/token").then().statusCode(422)
                .body("violations[0].field", equalTo("email"));
    }

    @Test
    void passwordsAreTakenVerbatimAndEmailsStripped() {
        String email = TestData.unique("spaces") + "@example.test";
        TestData.update("INSERT INTO users (email, password_hash) VALUES (?, ?)", email,
                new PasswordHasher(TestData.TEST_HASH_ITERATIONS).hash(" padded secret "));

        signIn("\u00a0" + email + "\u3000", " padded secret ", newClient()).statusCode(200);
        signIn(email, "padded secret", newClient()).statusCode(401);
    }

    private static String refreshTokenOf(TestUser user) {
        return signIn(user.email(), TestData.PASSWORD, newClient()).statusCode(200).extract().path("refreshToken");
    }

    private static ValidatableResponse signIn(String email, String password, String client) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("email", email, "password", password))
                .when().post(AUTH + "/token").then();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post(AUTH + "/refresh").then();
    }

    /** A client address of its own (the test connects from loopback, a trusted proxy). */
    private static String newClient() {
        int n = CLIENTS.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }
}
