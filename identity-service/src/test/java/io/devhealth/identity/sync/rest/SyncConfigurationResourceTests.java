package io.devhealth.identity.sync.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
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

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SyncConfigurationResourceTests {

    private String org;
    private String ownerToken;
    private String adminToken;
    private String memberToken;
    private String viewerToken;

    @BeforeEach
    void organizationWithOneUserPerRole() {
        TestUser owner = TestData.createUser("owner");
        ownerToken = TestData.login(owner);
        org = TestData.unique("sync");
        UUID orgId = TestData.createOrg(ownerToken, org);
        adminToken = loginAs(orgId, OrgRole.ADMIN);
        memberToken = loginAs(orgId, OrgRole.MEMBER);
        viewerToken = loginAs(orgId, OrgRole.VIEWER);
    }

    @Test
    void adminCreatesAGitConfigurationThatMembersCanRead() {
        String id = create(adminToken, gitBody("app", "/srv/git/app.git", 3600))
                .statusCode(201)
                .body("name", equalTo("app"))
                .body("provider", equalTo("git"))
                .body("options.repositoryPath", equalTo("/srv/git/app.git"))
                .body("scheduleIntervalSeconds", equalTo(3600))
                .body("enabled", equalTo(true))
                .extract().path("id");
        create(ownerToken, gitBody("by-owner", "/srv/git/other.git", null)).statusCode(201)
                .body("scheduleIntervalSeconds", nullValue());

        given().auth().oauth2(memberToken).get(configurations() + "/" + id)
                .then().statusCode(200).body("options.repositoryPath", equalTo("/srv/git/app.git"));
        given().auth().oauth2(memberToken).get(configurations())
                .then().statusCode(200).body("name", contains("app", "by-owner"));
    }

    @Test
    void membersAndViewersCannotCreateAndViewersCannotRead() {
        create(memberToken, gitBody("nope", "/srv/git/app.git", null))
                .statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        create(viewerToken, gitBody("nope", "/srv/git/app.git", null)).statusCode(403);
        given().auth().oauth2(viewerToken).get(configurations()).then().statusCode(403);
        String outsider = TestData.login(TestData.createUser("stranger"));
        given().auth().oauth2(outsider).get(configurations()).then().statusCode(403);
    }

    @Test
    void duplicateNameInTheOrganizationIs409() {
        create(adminToken, gitBody("twin", "/srv/git/a.git", null)).statusCode(201);
        create(adminToken, gitBody("twin", "/srv/git/b.git", null))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()));
    }

    @Test
    void invalidRequestsAre422NamingTheField() {
        Map<String, Object> github = gitBody("gh", "/srv/git/a.git", null);
        github.put("provider", "github");
        assertInvalid(github, "provider");
        Map<String, Object> unknownProvider = gitBody("svn", "/srv/git/a.git", null);
        unknownProvider.put("provider", "svn");
        assertInvalid(unknownProvider, "provider");
        assertInvalid(gitBody("relative", "srv/git/a.git", null), "options.repositoryPath");
        assertInvalid(gitBody("blank", " ", null), "options.repositoryPath");
        Map<String, Object> noPath = gitBody("no-path", "/x", null);
        noPath.put("options", Map.of());
        assertInvalid(noPath, "options.repositoryPath");
        Map<String, Object> numericPath = gitBody("numeric", "/x", null);
        numericPath.put("options", Map.of("repositoryPath", 42));
        assertInvalid(numericPath, "options.repositoryPath");
        Map<String, Object> extraOption = gitBody("extra", "/x", null);
        extraOption.put("options", Map.of("repositoryPath", "/x", "branch", "main"));
        assertInvalid(extraOption, "options.branch");
        assertInvalid(gitBody("too-often", "/srv/git/a.git", 59), "scheduleIntervalSeconds");
        assertInvalid(gitBody(" ", "/srv/git/a.git", null), "name");
    }

    @Test
    void configurationsAndRunsOfAnotherOrganizationAre404() {
        String id = create(adminToken, gitBody("mine", "/srv/git/mine.git", null)).statusCode(201).extract().path("id");
        String otherOrg = TestData.unique("other");
        TestData.createOrg(adminToken, otherOrg);

        given().auth().oauth2(adminToken).get("/api/v1/identity/orgs/" + otherOrg + "/sync-configurations/" + id)
                .then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(adminToken)
                .get("/api/v1/identity/orgs/" + otherOrg + "/sync-configurations/" + id + "/runs")
                .then().statusCode(404);
        given().auth().oauth2(adminToken).get(configurations() + "/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void runsAreListedNewestFirstAndReadableByMembers() {
        UUID configuration = TestData.createGitConfiguration(adminToken, org, "runs", null);
        String service = TestData.serviceToken();
        String first = SyncRunSteps.claim(service, configuration, "holder-1").statusCode(201).extract().path("id");
        SyncRunSteps.complete(service, first, "holder-1", Map.of("status", "succeeded")).statusCode(200);
        String second = SyncRunSteps.claim(service, configuration, "holder-2").statusCode(201).extract().path("id");

        given().auth().oauth2(memberToken).get(configurations() + "/" + configuration + "/runs")
                .then().statusCode(200)
                .body("id", contains(second, first))
                .body("status", contains("running", "succeeded"));
        given().auth().oauth2(memberToken).get(configurations() + "/" + configuration + "/runs?limit=1")
                .then().statusCode(200).body("id", contains(second));
        given().auth().oauth2(memberToken).get(configurations() + "/" + configuration + "/runs?limit=0")
                .then().statusCode(422).body("violations.field", contains("limit"));
        given().auth().oauth2(memberToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + first)
                .then().statusCode(200)
                .body("syncConfigurationId", equalTo(configuration.toString()))
                .body("phase", equalTo("done"));
        given().auth().oauth2(viewerToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + first)
                .then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    private String loginAs(UUID orgId, OrgRole role) {
        TestUser user = TestData.createUser(role.claimValue());
        TestData.addMember(orgId, user.id(), role);
        return TestData.login(user);
    }

    private String configurations() {
        return "/api/v1/identity/orgs/" + org + "/sync-configurations";
    }

    private ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(configurations())
                .then();
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        create(adminToken, body)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", equalTo(List.of(field)));
    }

    private static Map<String, Object> gitBody(String name, String repositoryPath, Integer scheduleIntervalSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("provider", "git");
        body.put("options", Map.of("repositoryPath", repositoryPath));
        body.put("scheduleIntervalSeconds", scheduleIntervalSeconds);
        return body;
    }
}
