package io.devhealth.identity.team.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.people.rest.PeopleSteps;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class TeamResourceTests {

    private PeopleSteps steps;

    @BeforeEach
    void organization() {
        steps = PeopleSteps.organization("teams");
    }

    @Test
    void adminCreatesATeamThatMembersRead() {
        String ada = steps.createPerson("Ada");
        String bob = steps.createPerson("Bob");
        ValidatableResponse created = create(steps.admin,
                team("payments", "Payments", List.of(ada, bob, ada), List.of("acme/payments-*", "acme/billing/**"),
                        List.of("PAY", "BILL", "PAY")))
                .statusCode(201)
                .body("key", equalTo("payments"))
                .body("name", equalTo("Payments"))
                .body("members", containsInAnyOrder(ada, bob))
                .body("repositoryPatterns", contains("acme/payments-*", "acme/billing/**"))
                .body("jiraProjectKeys", contains("PAY", "BILL"));
        String id = created.extract().path("id");
        created.header("Location", endsWith("/teams/" + id));

        get(steps.member, id).statusCode(200).body("members", hasSize(2));
        given().auth().oauth2(steps.member).get(teams()).then().statusCode(200)
                .body("items.key", contains("payments")).body("total", equalTo(1));
        create(steps.owner, team("by-owner", "By owner", List.of(), List.of(), List.of())).statusCode(201)
                .body("members", empty());
    }

    @Test
    void patchReplacesListsAndKeepsWhatIsAbsent() {
        String ada = steps.createPerson("Ada");
        String bob = steps.createPerson("Bob");
        String id = create(steps.admin, team("core", "Core", List.of(ada), List.of("acme/core"), List.of("CORE")))
                .statusCode(201).extract().path("id");
        int version = get(steps.admin, id).extract().path("version");

        patch(id, Map.of("members", List.of(bob), "name", "Core team")).statusCode(200)
                .body("members", contains(bob))
                .body("name", equalTo("Core team"))
                .body("key", equalTo("core"))
                .body("repositoryPatterns", contains("acme/core"));
        int changed = get(steps.admin, id).extract().path("version");
        org.assertj.core.api.Assertions.assertThat(changed).isGreaterThan(version);
        patch(id, Map.of("members", List.of(bob), "jiraProjectKeys", List.of("CORE"))).statusCode(200)
                .body("version", equalTo(changed));
        patch(id, Map.of("repositoryPatterns", List.of())).statusCode(200).body("repositoryPatterns", empty());

        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        patch(id, nullName).statusCode(422).body("violations.field", contains("name"));
        patch(id, Map.of("owner", "me")).statusCode(422).body("violations.field", contains("owner"));
    }

    @Test
    void invalidGlobsKeysAndMembersAre422NamingTheField() {
        assertInvalid(team("x", "X", List.of(), List.of("acme/[a-z"), List.of()), "repositoryPatterns[0]");
        assertInvalid(team("x", "X", List.of(), List.of("acme/ok", "/abs"), List.of()), "repositoryPatterns[1]");
        assertInvalid(team("x", "X", List.of(), List.of("acme/x**"), List.of()), "repositoryPatterns[0]");
        assertInvalid(team("x", "X", List.of(), List.of(), List.of("pay")), "jiraProjectKeys[0]");
        assertInvalid(team("Not A Key", "X", List.of(), List.of(), List.of()), "key");
        assertInvalid(team("x", "\u3000", List.of(), List.of(), List.of()), "name");
        assertInvalid(team("x", "a\u0000b", List.of(), List.of(), List.of()), "name");
        assertInvalid(team("x", "X", List.of(UUID.randomUUID().toString()), List.of(), List.of()), "members[0]");
        PeopleSteps other = PeopleSteps.organization("teams-other");
        String stranger = other.createPerson("Stranger");
        assertInvalid(team("x", "X", List.of(stranger), List.of(), List.of()), "members[0]");
        given().auth().oauth2(steps.admin).contentType(ContentType.JSON).body(Map.of("key", "x", "name", "X",
                "members", "everyone")).when().post(teams())
                .then().statusCode(400).body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
    }

    @Test
    void keysAreUniqueInTheOrganization() {
        create(steps.admin, team("dup", "One", List.of(), List.of(), List.of())).statusCode(201);
        create(steps.admin, team("dup", "Two", List.of(), List.of(), List.of())).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", containsString("key"));
        String other = create(steps.admin, team("other", "Other", List.of(), List.of(), List.of()))
                .statusCode(201).extract().path("id");
        patch(other, Map.of("key", "dup")).statusCode(409);
        PeopleSteps elsewhere = PeopleSteps.organization("teams-elsewhere");
        given().auth().oauth2(elsewhere.admin).contentType(ContentType.JSON)
                .body(team("dup", "Same key, other org", List.of(), List.of(), List.of()))
                .when().post("/api/v1/identity/orgs/" + elsewhere.org + "/teams").then().statusCode(201);
    }

    @Test
    void deletingATeamKeepsItsPeopleAndDeletingAPersonLeavesItsTeams() {
        String ada = steps.createPerson("Ada");
        String bob = steps.createPerson("Bob");
        String id = create(steps.admin, team("gone", "Gone", List.of(ada, bob), List.of(), List.of()))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(steps.admin).delete(steps.path(bob)).then().statusCode(204);
        get(steps.admin, id).statusCode(200).body("members", contains(ada));

        given().auth().oauth2(steps.admin).delete(teams() + "/" + id).then().statusCode(204);
        get(steps.admin, id).statusCode(404);
        steps.get(steps.admin, ada).statusCode(200);
    }

    @Test
    void rolesAndOtherOrganizations() {
        String id = create(steps.admin, team("mine", "Mine", List.of(), List.of(), List.of()))
                .statusCode(201).extract().path("id");
        create(steps.member, team("nope", "Nope", List.of(), List.of(), List.of())).statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        given().auth().oauth2(steps.member).delete(teams() + "/" + id).then().statusCode(403);
        get(steps.viewer, id).statusCode(403);
        given().auth().oauth2(steps.viewer).get(teams()).then().statusCode(403);
        String outsider = TestData.login(TestData.createUser("outsider"));
        get(outsider, id).statusCode(403);

        PeopleSteps other = PeopleSteps.organization("teams-iso");
        String otherTeams = "/api/v1/identity/orgs/" + other.org + "/teams/";
        given().auth().oauth2(other.admin).get(otherTeams + id).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(other.admin).contentType(ContentType.JSON).body(Map.of("name", "Stolen"))
                .when().patch(otherTeams + id).then().statusCode(404);
        given().auth().oauth2(other.admin).delete(otherTeams + id).then().statusCode(404);
        get(steps.member, id).statusCode(200).body("name", equalTo("Mine"));
        get(steps.member, UUID.randomUUID()).statusCode(404);
    }

    @Test
    void listsArePagedWithAHardMaximum() {
        for (String key : List.of("c", "a", "b")) {
            create(steps.admin, team(key, key.toUpperCase(), List.of(), List.of(), List.of())).statusCode(201);
        }
        given().auth().oauth2(steps.member).get(teams() + "?limit=2").then().statusCode(200)
                .body("items.key", contains("a", "b")).body("total", equalTo(3));
        given().auth().oauth2(steps.member).get(teams() + "?limit=2&offset=2").then().statusCode(200)
                .body("items.key", contains("c"));
        given().auth().oauth2(steps.member).get(teams() + "?limit=500").then().statusCode(422)
                .body("violations.field", contains("limit"));
    }

    private String teams() {
        return "/api/v1/identity/orgs/" + steps.org + "/teams";
    }

    private ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(teams()).then();
    }

    private ValidatableResponse get(String token, Object id) {
        return given().auth().oauth2(token).get(teams() + "/" + id).then();
    }

    private ValidatableResponse patch(String id, Map<String, ?> body) {
        return given().auth().oauth2(steps.admin).contentType(ContentType.JSON).body(body)
                .when().patch(teams() + "/" + id).then();
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        create(steps.admin, body).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", equalTo(List.of(field)));
    }

    private static Map<String, Object> team(String key, String name, List<String> members, List<String> patterns,
            List<String> projectKeys) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("name", name);
        body.put("members", members);
        body.put("repositoryPatterns", patterns);
        body.put("jiraProjectKeys", projectKeys);
        return body;
    }
}
