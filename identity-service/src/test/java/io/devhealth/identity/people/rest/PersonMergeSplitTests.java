package io.devhealth.identity.people.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

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
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** {@code POST …/people/{id}/merge} and {@code …/split}. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class PersonMergeSplitTests {

    private PeopleSteps steps;

    @BeforeEach
    void organization() {
        steps = PeopleSteps.organization("merge");
    }

    @Test
    void mergeMovesIdentitiesAndMembershipsAndDeletesTheOther() {
        TestUser user = TestData.createUser("merged");
        TestData.addMember(steps.orgId, user.id(), OrgRole.MEMBER);
        String keep = steps.createPerson("Jane Doe", "github", "janedoe");
        Map<String, Object> duplicate = PeopleSteps.newPerson("jane", "git", "jane@acme.io", "gitlab", "jane");
        duplicate.put("key", "E1042");
        duplicate.put("primaryEmail", "jane@acme.io");
        duplicate.put("userId", user.id().toString());
        String other = steps.create(steps.admin, duplicate).statusCode(201).extract().path("id");
        String both = team("both", List.of(keep, other));
        String onlyOther = team("only-other", List.of(other));

        merge(steps.admin, keep, other).statusCode(200)
                .body("id", equalTo(keep))
                .body("displayName", equalTo("Jane Doe"))
                .body("key", equalTo("E1042"))
                .body("primaryEmail", equalTo("jane@acme.io"))
                .body("userId", equalTo(user.id().toString()))
                .body("identities.externalId", contains("jane@acme.io", "janedoe", "jane"));
        steps.get(steps.admin, other).statusCode(404);
        team(both).body("members", contains(keep));
        team(onlyOther).body("members", contains(keep));

        JsonPath feed = given().auth().oauth2(TestData.serviceToken())
                .get("/internal/v1/orgs/" + steps.orgId + "/people?sinceVersion=4").then().statusCode(200)
                .extract().jsonPath();
        assertThat(feed.getList("changed.id")).containsExactly(keep);
        assertThat(feed.getList("deleted.id")).containsExactly(other);
    }

    @Test
    void mergeRefusesItselfOtherOrganizationsAndUnknownPeople() {
        String ada = steps.createPerson("Ada");
        merge(steps.admin, ada, ada).statusCode(422).body("violations.field", contains("personId"));
        merge(steps.admin, ada, UUID.randomUUID().toString()).statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        PeopleSteps other = PeopleSteps.organization("merge-other");
        String theirs = other.createPerson("Theirs", "github", "theirs");
        merge(steps.admin, ada, theirs).statusCode(404);
        merge(steps.admin, theirs, ada).statusCode(404);
        other.get(other.admin, theirs).statusCode(200).body("identities", hasSize(1));
        merge(steps.member, ada, steps.createPerson("Bob")).statusCode(403);
        given().auth().oauth2(steps.admin).contentType(ContentType.JSON).body(Map.of("personId", "nope"))
                .when().post(steps.path(ada) + "/merge").then().statusCode(400);
    }

    @Test
    void splitMovesTheChosenIdentitiesToANewPerson() {
        String jane = steps.createPerson("Jane", "github", "janedoe", "git", "contractor@example.com",
                "jira", "557058:abc");
        JsonPath person = steps.get(steps.admin, jane).extract().jsonPath();
        String git = person.getString("identities.find { it.provider == 'git' }.id");
        String jira = person.getString("identities.find { it.provider == 'jira' }.id");
        String teamId = team("jane-team", List.of(jane));

        ValidatableResponse split = split(steps.admin, jane, Map.of("identityIds", List.of(git, jira, git),
                "key", "C-77")).statusCode(201);
        String created = split.extract().path("id");
        split.header("Location", org.hamcrest.Matchers.endsWith("/people/" + created))
                .body("displayName", equalTo("contractor@example.com"))
                .body("key", equalTo("C-77"))
                .body("identities.provider", contains("git", "jira"));
        steps.get(steps.admin, jane).statusCode(200).body("identities.externalId", contains("janedoe"));
        team(teamId).body("members", contains(jane));

        split(steps.admin, jane, Map.of("identityIds", List.of(git))).statusCode(422)
                .body("violations.field", contains("identityIds[0]"));
        split(steps.admin, jane, Map.of("identityIds", List.of())).statusCode(422)
                .body("violations.field", contains("identityIds"));
        String janeGithub = steps.get(steps.admin, jane).extract().path("identities[0].id");
        split(steps.admin, jane, Map.of("identityIds", List.of(janeGithub), "key", "c-77")).statusCode(409)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()));
        steps.get(steps.admin, jane).statusCode(200).body("identities", hasSize(1));
        split(steps.admin, jane, Map.of("identityIds", List.of(janeGithub), "displayName", "Jane (GitHub)"))
                .statusCode(201).body("displayName", equalTo("Jane (GitHub)"));
        steps.get(steps.admin, jane).statusCode(200).body("identities", hasSize(0));
        split(steps.member, created, Map.of("identityIds", List.of(git))).statusCode(403);
    }

    private ValidatableResponse merge(String token, String into, String other) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("personId", other))
                .when().post(steps.path(into) + "/merge").then();
    }

    private ValidatableResponse split(String token, String from, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(steps.path(from) + "/split").then();
    }

    private String team(String key, List<String> members) {
        return given().auth().oauth2(steps.admin).contentType(ContentType.JSON)
                .body(Map.of("key", key, "name", key, "members", members))
                .when().post("/api/v1/identity/orgs/" + steps.org + "/teams").then().statusCode(201)
                .extract().path("id");
    }

    private ValidatableResponse team(String id) {
        return given().auth().oauth2(steps.member).get("/api/v1/identity/orgs/" + steps.org + "/teams/" + id).then()
                .statusCode(200);
    }
}
