package io.devhealth.identity.user.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** The caller's own account (/me) and the superuser's user administration (/users). */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class UserResourceTests {

    private static final String USERS = "/api/v1/identity/users";
    private static final String ME = "/api/v1/identity/me";
    private static final String AUTH = "/api/v1/identity/auth";

    @Test
    void superusersCreateListAndFindUsers() {
        String email = TestData.unique("created") + "@example.test";
        String id = create(TestData.adminToken(), email, "a long enough password")
                .statusCode(201)
                .body("email", equalTo(email)).body("active", equalTo(true)).body("superuser", equalTo(false))
                .body("lastLoginAt", nullValue())
                .extract().path("id");
        TestData.login(email, "a long enough password");

        given().auth().oauth2(TestData.adminToken()).queryParam("q", email.toUpperCase()).get(USERS)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id))
                .body("items[0].lastLoginAt", notNullValue());
        // LIKE wildcards in the search are literal characters
        given().auth().oauth2(TestData.adminToken()).queryParam("q", "%").queryParam("limit", 5).get(USERS)
                .then().statusCode(200).body("items.email", everyItem(containsString("%")));
        given().auth().oauth2(TestData.adminToken()).get(USERS + "/" + id).then().statusCode(200)
                .body("email", equalTo(email)).body("$", not(hasKey("passwordHash")));
        create(TestData.adminToken(), email.toUpperCase(), "a long enough password").statusCode(409);
    }

    @Test
    void ordinaryUsersCannotAdministerUsers() {
        String token = TestData.login(TestData.createUser("plain"));
        given().auth().oauth2(token).get(USERS).then().statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        create(token, TestData.unique("x") + "@example.test", "a long enough password").statusCode(403);
    }

    @Test
    void invalidUsersAre422() {
        String admin = TestData.adminToken();
        create(admin, "not-an-email", "a long enough password").statusCode(422)
                .body("violations[0].field", equalTo("email"));
        create(admin, TestData.unique("short") + "@example.test", "short").statusCode(422)
                .body("violations[0].field", equalTo("password"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"email\":\"x\\u0000@example.test\",\"password\":\"a long enough password\"}")
                .post(USERS).then().statusCode(422).body("violations[0].field", equalTo("email"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"email\": 5, \"password\": []}")
                .post(USERS).then().statusCode(400);
        given().auth().oauth2(admin).get(USERS + "/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().auth().oauth2(admin).queryParam("limit", 0).get(USERS).then().statusCode(422);
    }

    @Test
    void deactivationEndsSessionsAtOnceAndReactivationLetsTheUserBack() {
        TestUser user = TestData.createUser("leaving");
        Map<String, String> tokens = signIn(user.email(), TestData.PASSWORD);
        String admin = TestData.adminToken();

        given().auth().oauth2(admin).post(USERS + "/" + user.id() + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));

        given().auth().oauth2(tokens.get("accessToken")).get(ME).then().statusCode(401);
        refresh(tokens.get("refreshToken")).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", TestData.PASSWORD))
                .post(AUTH + "/token").then().statusCode(401);

        given().auth().oauth2(admin).post(USERS + "/" + user.id() + "/reactivate").then().statusCode(200)
                .body("active", equalTo(true));
        TestData.login(user);
        refresh(tokens.get("refreshToken")).then().statusCode(401);
    }

    @Test
    void superusersCannotLockThemselvesOut() {
        String adminId = given().auth().oauth2(TestData.adminToken()).get(ME).then().extract().path("id");
        given().auth().oauth2(TestData.adminToken()).post(USERS + "/" + adminId + "/deactivate").then().statusCode(409);
        given().auth().oauth2(TestData.adminToken()).contentType(ContentType.JSON).body(Map.of("superuser", false))
                .patch(USERS + "/" + adminId).then().statusCode(409);
    }

    @Test
    void anAdministratorsPasswordResetEndsTheUsersSessions() {
        TestUser user = TestData.createUser("reset");
        Map<String, String> tokens = signIn(user.email(), TestData.PASSWORD);

        given().auth().oauth2(TestData.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("password", "the new long password", "displayName", " Reset User "))
                .patch(USERS + "/" + user.id()).then().statusCode(200).body("displayName", equalTo("Reset User"));

        refresh(tokens.get("refreshToken")).then().statusCode(401);
        TestData.login(user.email(), "the new long password");
    }

    @Test
    void usersChangeTheirNameAndPasswordWithTheOldOne() {
        TestUser user = TestData.createUser("self");
        Map<String, String> tokens = signIn(user.email(), TestData.PASSWORD);
        String access = tokens.get("accessToken");

        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("displayName", "\u00a0Ada "))
                .patch(ME).then().statusCode(200).body("displayName", equalTo("Ada"));
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong one", "newPassword", "my next passphrase"))
                .post(ME + "/password").then().statusCode(422).body("violations[0].field", equalTo("currentPassword"));
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", TestData.PASSWORD, "newPassword", "my next passphrase"))
                .post(ME + "/password").then().statusCode(204);

        refresh(tokens.get("refreshToken")).then().statusCode(401);
        TestData.login(user.email(), "my next passphrase");
        assertThat(TestData.queryString("SELECT password_hash FROM users WHERE id = ?", user.id()))
                .doesNotContain("my next passphrase");
    }

    @Test
    void selfRegistrationIsOffByDefault() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", TestData.unique("self") + "@example.test", "password", "a long enough password"))
                .post(AUTH + "/register").then().statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
    }

    private static ValidatableResponse create(String token, String email, String password) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post(USERS).then();
    }

    private static Map<String, String> signIn(String email, String password) {
        Response response = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post(AUTH + "/token");
        response.then().statusCode(200);
        return Map.of("accessToken", response.path("accessToken"), "refreshToken", response.path("refreshToken"));
    }

    private static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post(AUTH + "/refresh");
    }
}
