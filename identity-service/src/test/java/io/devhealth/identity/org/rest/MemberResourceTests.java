package io.devhealth.identity.org.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
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
import io.restassured.response.ValidatableResponse;

/** Members and roles: who may add, change and remove whom; the last owner stays. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class MemberResourceTests {

    private String org;
    private TestUser owner;
    private String ownerToken;
    private TestUser admin;
    private String adminToken;
    private String memberToken;
    private String viewerToken;

    @BeforeEach
    void organizationWithOneUserPerRole() {
        owner = TestData.createUser("m-owner");
        ownerToken = TestData.login(owner);
        org = TestData.unique("members");
        UUID orgId = TestData.createOrg(ownerToken, org);
        admin = TestData.createUser("m-admin");
        TestData.addMember(orgId, admin.id(), OrgRole.ADMIN);
        adminToken = TestData.login(admin);
        TestUser member = TestData.createUser("m-member");
        TestData.addMember(orgId, member.id(), OrgRole.MEMBER);
        memberToken = TestData.login(member);
        TestUser viewer = TestData.createUser("m-viewer");
        TestData.addMember(orgId, viewer.id(), OrgRole.VIEWER);
        viewerToken = TestData.login(viewer);
    }

    @Test
    void membersListTheOrganizationPageByPageAndViewersCannot() {
        given().auth().oauth2(memberToken).queryParam("limit", 2).get(members())
                .then().statusCode(200)
                .body("total", equalTo(4)).body("limit", equalTo(2)).body("offset", equalTo(0))
                .body("items.size()", equalTo(2));
        given().auth().oauth2(memberToken).queryParam("limit", 2).queryParam("offset", 2).get(members())
                .then().statusCode(200).body("items.size()", equalTo(2));
        given().auth().oauth2(viewerToken).get(members()).then().statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        given().auth().oauth2(memberToken).queryParam("limit", 201).get(members()).then().statusCode(422);
        given().auth().oauth2(memberToken).queryParam("limit", "many").get(members()).then().statusCode(400);
    }

    @Test
    void adminsAddExistingUsersByEmailAndTheyAppearInTheNextToken() {
        TestUser newcomer = TestData.createUser("newcomer");

        add(adminToken, newcomer.email().toUpperCase(), "member").statusCode(201)
                .body("userId", equalTo(newcomer.id().toString())).body("role", equalTo("member"));

        given().auth().oauth2(TestData.login(newcomer)).get("/api/v1/identity/me").then().statusCode(200)
                .body("memberships.find { it.slug == '" + org + "' }.role", equalTo("member"));
        add(adminToken, newcomer.email(), "viewer").statusCode(409);
        add(adminToken, "nobody-" + UUID.randomUUID() + "@example.test", "member").statusCode(404);
        add(adminToken, newcomer.email(), "emperor").statusCode(422).body("violations.field", contains("role"));
        add(memberToken, TestData.createUser("x").email(), "viewer").statusCode(403);
    }

    @Test
    void onlyOwnersGrantOrRevokeOwner() {
        TestUser candidate = TestData.createUser("candidate");
        add(adminToken, candidate.email(), "owner").statusCode(403);
        add(ownerToken, candidate.email(), "owner").statusCode(201);

        changeRole(adminToken, candidate.id(), "admin").statusCode(403);
        changeRole(adminToken, owner.id(), "viewer").statusCode(403);
        given().auth().oauth2(adminToken).delete(members() + "/" + candidate.id()).then().statusCode(403);
        changeRole(ownerToken, candidate.id(), "admin").statusCode(200).body("role", equalTo("admin"));
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        changeRole(ownerToken, owner.id(), "admin").statusCode(409)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()));
        given().auth().oauth2(ownerToken).delete(members() + "/" + owner.id()).then().statusCode(409);

        changeRole(ownerToken, admin.id(), "owner").statusCode(200);
        changeRole(ownerToken, owner.id(), "admin").statusCode(200).body("role", equalTo("admin"));
        // the former admin is now the last owner
        changeRole(adminToken, admin.id(), "member").statusCode(409);
    }

    @Test
    void adminsRemoveMembersAndAnyoneMayLeave() {
        TestUser leaver = TestData.createUser("leaver");
        add(adminToken, leaver.email(), "viewer").statusCode(201);
        String leaverToken = TestData.login(leaver);

        given().auth().oauth2(leaverToken).delete(members() + "/" + admin.id()).then().statusCode(403);
        given().auth().oauth2(leaverToken).delete(members() + "/" + leaver.id()).then().statusCode(204);
        given().auth().oauth2(leaverToken).get("/api/v1/identity/orgs/" + org).then().statusCode(403);

        given().auth().oauth2(adminToken).delete(members() + "/" + leaver.id()).then().statusCode(404);
        given().auth().oauth2(adminToken).delete(members() + "/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(ownerToken).get(members()).then().statusCode(200)
                .body("items.userId", not(hasItem(leaver.id().toString())));
    }

    @Test
    void anotherOrganizationsAdminCannotTouchThisOne() {
        TestUser stranger = TestData.createUser("stranger");
        String strangerToken = TestData.login(stranger);
        TestData.createOrg(strangerToken, TestData.unique("elsewhere"));

        given().auth().oauth2(strangerToken).get(members()).then().statusCode(403);
        add(strangerToken, stranger.email(), "owner").statusCode(403);
        changeRole(strangerToken, owner.id(), "viewer").statusCode(403);
    }

    private String members() {
        return "/api/v1/identity/orgs/" + org + "/members";
    }

    private ValidatableResponse add(String token, String email, String role) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("email", email, "role", role))
                .post(members()).then();
    }

    private ValidatableResponse changeRole(String token, UUID userId, String role) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("role", role))
                .patch(members() + "/" + userId).then();
    }
}
