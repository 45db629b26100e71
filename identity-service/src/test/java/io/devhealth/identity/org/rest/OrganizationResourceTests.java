package io.devhealth.identity.org.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.TestUser;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OrganizationResourceTests {

    private static final String ORGS = "/api/v1/identity/orgs";

    @Test
    void creatorBecomesOwnerAndFindsItBySlugAndId() {
        TestUser user = TestData.createUser("founder");
        String token = TestData.login(user);
        String slug = TestData.unique("acme");

        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "  Acme Corp  "))
                .when().post(ORGS)
                .then().statusCode(201)
                .header("Location", endsWith(ORGS + "/" + slug))
                .body("slug", equalTo(slug))
                .body("name", equalTo("Acme Corp"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        given().auth().oauth2(token).get(ORGS + "/" + slug).then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(token).get(ORGS + "/" + id).then().statusCode(200).body("slug", equalTo(slug));
        given().auth().oauth2(token).get("/api/v1/identity/me")
                .then().body("memberships.find { it.slug == '" + slug + "' }.role", equalTo("owner"));
    }

    @Test
    void listShowsTheCallersOrganizationsAndEverythingToASuperuser() {
        TestUser alice = TestData.createUser("alice");
        TestUser bob = TestData.createUser("bob");
        String alices = TestData.unique("alices");
        String bobs = TestData.unique("bobs");
        TestData.createOrg(TestData.login(alice), alices);
        TestData.createOrg(TestData.login(bob), bobs);

        given().auth().oauth2(TestData.login(alice)).get(ORGS)
                .then().statusCode(200)
                .body("slug", hasItem(alices))
                .body("slug", not(hasItem(bobs)));
        given().auth().oauth2(TestData.adminToken()).get(ORGS)
                .then().statusCode(200)
                .body("slug", hasItems(alices, bobs));
    }

    @Test
    void nonMemberGets403AndUnknownOrganization404() {
        String slug = TestData.unique("private");
        UUID org = TestData.createOrg(TestData.adminToken(), slug);
        String outsider = TestData.login(TestData.createUser("outsider"));

        given().auth().oauth2(outsider).get(ORGS + "/" + slug)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        given().auth().oauth2(outsider).get(ORGS + "/" + org)
                .then().statusCode(403);
        given().auth().oauth2(outsider).get(ORGS + "/" + TestData.unique("nowhere"))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(outsider).get(ORGS + "/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void duplicateSlugIs409() {
        String token = TestData.adminToken();
        String slug = TestData.unique("twice");
        TestData.createOrg(token, slug);

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Again"))
                .when().post(ORGS)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", equalTo("an organization with slug '" + slug + "' already exists"));
    }

    @Test
    void invalidSlugOrNameIs422NamingTheField() {
        String token = TestData.adminToken();
        for (String slug : new String[] { "Upper", "-leading", "trailing-", "under_score", "a".repeat(64), "",
                "ab", "1-2-3-4-5", "3f2c9a4e-8a51-4d6c-9a0b-2d1e5f7a9c11", "nul\u0000" }) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("slug", slug, "name", "Fine"))
                    .when().post(ORGS)
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                    .body("violations.field", equalTo(List.of("slug")));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("slug", TestData.unique("named"), "name", "x".repeat(201)))
                .when().post(ORGS)
                .then().statusCode(422)
                .body("violations.field", equalTo(List.of("name")));
    }

    @Test
    void creatingRequiresAToken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("slug", TestData.unique("anon"), "name", "Anonymous"))
                .when().post(ORGS)
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void adminsRenameOwnersDeleteAndADeletedOrganizationIsGone() {
        TestUser owner = TestData.createUser("org-owner");
        String ownerToken = TestData.login(owner);
        String slug = TestData.unique("doomed");
        UUID org = TestData.createOrg(ownerToken, slug);
        TestUser admin = TestData.createUser("org-admin");
        TestData.addMember(org, admin.id(), OrgRole.ADMIN);
        String adminToken = TestData.login(admin);

        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("name", "\u3000Renamed "))
                .patch(ORGS + "/" + slug).then().statusCode(200).body("name", equalTo("Renamed"))
                .body("slug", equalTo(slug));
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("name", "\u2003\u00a0"))
                .patch(ORGS + "/" + slug).then().statusCode(422).body("violations.field", equalTo(List.of("name")));
        given().auth().oauth2(adminToken).delete(ORGS + "/" + slug).then().statusCode(403);

        given().auth().oauth2(ownerToken).delete(ORGS + "/" + org).then().statusCode(204);

        given().auth().oauth2(ownerToken).get(ORGS + "/" + slug).then().statusCode(404);
        given().auth().oauth2(ownerToken).get(ORGS).then().statusCode(200).body("slug", not(hasItem(slug)));
        given().auth().oauth2(TestData.adminToken()).get(ORGS).then().statusCode(200).body("slug", not(hasItem(slug)));
        given().auth().oauth2(TestData.login(owner)).get("/api/v1/identity/me").then().statusCode(200)
                .body("memberships.slug", not(hasItem(slug)));
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Again")).post(ORGS).then().statusCode(409);
    }
}
