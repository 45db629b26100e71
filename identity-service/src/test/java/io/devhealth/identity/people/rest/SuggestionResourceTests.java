package io.devhealth.identity.people.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Observed identities (internal) and the mapping suggestions computed from them. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SuggestionResourceTests {

    private PeopleSteps steps;
    private String service;
    private String jane;

    @BeforeEach
    void organizationWithJane() {
        steps = PeopleSteps.organization("suggest");
        service = TestData.serviceToken();
        Map<String, Object> body = PeopleSteps.newPerson("Jane Doe", "github", "janedoe", "git", "jane.doe@old.io");
        body.put("primaryEmail", "jane@acme.io");
        jane = steps.create(steps.admin, body).statusCode(201).extract().path("id");
    }

    @Test
    void identitiesOfAnExistingPersonAreSuggestedForItMostConfidentFirst() {
        observe(service, observed("git", "Jane@Acme.io", "Jane D.", null),
                observed("gitlab", "JaneDoe", null, null),
                observed("github", "jdoe2", null, "jane.doe@OLD.io"),
                observed("git", "stranger@example.com", "Stranger", null),
                observed("github", "janedoe", "Jane", null))
                .statusCode(200).body("recorded", equalTo(5));

        JsonPath page = suggestions(steps.member);
        assertThat(page.getList("items.reason")).containsExactly("primary-email", "same-email", "same-login");
        assertThat(page.getList("items.kind")).containsOnly("add-to-person");
        assertThat(page.getList("items.person.id")).containsOnly(jane);
        assertThat(page.getList("items.confidence", Float.class)).containsExactly(0.95f, 0.9f, 0.6f);
        assertThat(page.getList("items.collect { it.identities[0].externalId }"))
                .containsExactly("Jane@Acme.io", "jdoe2", "JaneDoe");
        assertThat(page.getInt("total")).isEqualTo(3);
        assertThat(suggestions(steps.member, "?limit=1&offset=2").getList("items.reason")).containsExactly("same-login");
        given().auth().oauth2(steps.viewer).get(suggestionsPath()).then().statusCode(403);
    }

    @Test
    void acceptingMapsTheIdentityAndTheSuggestionIsGone() {
        observe(service, observed("git", "jane@acme.io", "Jane D.", null)).statusCode(200);
        String id = suggestions(steps.member).getString("items[0].id");
        assertThat(suggestions(steps.member).getString("items[0].id")).isEqualTo(id);
        long version = feedVersion();

        decide(steps.member, id, "accept").statusCode(403);
        decide(steps.admin, id, "accept").statusCode(200)
                .body("id", equalTo(jane))
                .body("identities.externalId", hasItem("jane@acme.io"))
                .body("identities.name", hasItem("Jane D."));
        assertThat(suggestions(steps.member).getList("items")).isEmpty();
        assertThat(feedVersion()).isEqualTo(version + 1);
        decide(steps.admin, id, "accept").statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void aRejectedSuggestionNeverComesBack() {
        observe(service, observed("gitlab", "janedoe", null, null)).statusCode(200);
        String id = suggestions(steps.member).getString("items[0].id");

        decide(steps.member, id, "reject").statusCode(403);
        decide(steps.admin, id, "reject").statusCode(204);
        assertThat(suggestions(steps.member).getList("items")).isEmpty();
        observe(service, observed("gitlab", "JANEDOE", "Jane", null)).statusCode(200);
        assertThat(suggestions(steps.member).getList("items")).isEmpty();
        decide(steps.admin, id, "reject").statusCode(404);
        decide(steps.admin, id, "accept").statusCode(404);
        // The identity is still unmapped and can be mapped by hand.
        steps.addIdentity(steps.admin, jane, PeopleSteps.identity("gitlab", "janedoe")).statusCode(201);
    }

    @Test
    void unmappedIdentitiesAreSuggestedAsNewPeople() {
        TestUser user = TestData.insertUser(TestData.unique("ursula") + "@example.com", false, true);
        TestData.addMember(steps.orgId, user.id(), OrgRole.MEMBER);
        TestUser outsider = TestData.insertUser(TestData.unique("olga") + "@example.com", false, true);
        observe(service, observed("git", user.email().toUpperCase(), "Ursula", null),
                observed("github", "ursula-gh", null, user.email()),
                observed("git", "pat@example.com", "Pat", null),
                observed("gitlab", "pat", null, "pat@example.com"),
                observed("github", "sam", "Sam", null),
                observed("gitlab", "Sam", null, null),
                observed("git", outsider.email(), "Olga", null),
                observed("git", "lonely@example.com", "Lonely", null)).statusCode(200);

        JsonPath page = suggestions(steps.member);
        assertThat(page.getList("items.reason")).containsExactly("user-email", "shared-email", "shared-login");
        assertThat(page.getList("items.kind")).containsOnly("create-person");
        assertThat(page.getString("items[0].newPerson.userId")).isEqualTo(user.id().toString());
        assertThat(page.getList("items[0].identities.externalId"))
                .containsExactlyInAnyOrder(user.email().toUpperCase(), "ursula-gh");
        assertThat(page.getString("items[1].newPerson.primaryEmail")).isEqualTo("pat@example.com");
        assertThat(page.getString("items[2].newPerson.primaryEmail")).isNull();

        ValidatableResponse created = decide(steps.admin, page.getString("items[0].id"), "accept").statusCode(200)
                .body("userId", equalTo(user.id().toString()))
                .body("displayName", equalTo("Ursula"))
                .body("primaryEmail", equalTo(user.email()))
                .body("identities.provider", contains("git", "github"));
        decide(steps.admin, page.getString("items[2].id"), "accept").statusCode(200)
                .body("identities.externalId", containsInAnyOrder("sam", "Sam"))
                .body("displayName", equalTo("Sam"));
        assertThat(suggestions(steps.member).getList("items.reason")).containsExactly("shared-email");
        assertThat(created.extract().<String>path("id")).isNotNull();
    }

    @Test
    void gitHubNoreplyEmailsSuggestTheLoginTheyName() {
        observe(service, observed("git", "12345+JaneDoe@users.noreply.github.com", "Jane", null),
                observed("git", "old-style-ann@users.noreply.github.com", "Ann", null),
                observed("github", "Old-Style-Ann", null, null),
                observed("git", "999+dependabot[bot]@users.noreply.github.com", "dependabot[bot]", null),
                observed("github", "dependabot[bot]", null, null),
                // not GitHub's noreply domain, not a login it names, a login nobody observed
                observed("git", "janedoe@users.noreply.github.com.evil.io", "Mallory", null),
                observed("git", "janedoe@noreply.github.com", "Mallory", null),
                observed("git", "12345+nobody@users.noreply.github.com", "Nobody", null)).statusCode(200);

        JsonPath page = suggestions(steps.member);
        assertThat(page.getList("items.reason")).containsOnly("github-noreply");
        assertThat(page.getList("items.kind")).containsExactly("add-to-person", "create-person", "create-person");
        assertThat(page.getString("items[0].person.id")).isEqualTo(jane);
        assertThat(page.getList("items[0].identities.externalId"))
                .containsExactly("12345+JaneDoe@users.noreply.github.com");
        assertThat(page.getFloat("items[0].confidence")).isEqualTo(0.85f);
        List<List<String>> created = List.of(page.getList("items[1].identities.externalId"),
                page.getList("items[2].identities.externalId"));
        assertThat(created).containsExactlyInAnyOrder(
                List.of("old-style-ann@users.noreply.github.com", "Old-Style-Ann"),
                List.of("999+dependabot[bot]@users.noreply.github.com", "dependabot[bot]"));

        int ann = created.get(0).contains("Old-Style-Ann") ? 1 : 2;
        decide(steps.admin, page.getString("items[" + ann + "].id"), "accept").statusCode(200)
                .body("displayName", equalTo("Ann"))
                .body("primaryEmail", equalTo(null))
                .body("identities.provider", contains("git", "github"));
        decide(steps.admin, page.getString("items[0].id"), "accept").statusCode(200)
                .body("identities.size()", equalTo(3));
        assertThat(suggestions(steps.member).getList("items.identities[0].externalId"))
                .containsExactly("999+dependabot[bot]@users.noreply.github.com", "dependabot[bot]");
    }

    @Test
    void suggestionsBelongToTheirOrganization() {
        observe(service, observed("git", "jane@acme.io", null, null)).statusCode(200);
        String id = suggestions(steps.member).getString("items[0].id");
        PeopleSteps other = PeopleSteps.organization("suggest-other");
        given().auth().oauth2(other.admin).post(other.people() + "/suggestions/" + id + "/accept").then()
                .statusCode(404);
        assertThat(given().auth().oauth2(other.member).get(other.people() + "/suggestions").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
        decide(steps.admin, UUID.randomUUID().toString(), "accept").statusCode(404);
        decide(steps.admin, "not-a-uuid", "reject").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void observedIdentitiesAreForServicesOnlyAndChecked() {
        observe(steps.admin, observed("git", "x@example.com", null, null)).statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        given().contentType(ContentType.JSON).body(Map.of("identities", List.of(observed("git", "x@y.z", null, null))))
                .when().post(observedPath(steps.orgId)).then().statusCode(401);
        given().auth().oauth2(service).contentType(ContentType.JSON)
                .body(Map.of("identities", List.of(observed("git", "x@y.z", null, null))))
                .when().post(observedPath(UUID.randomUUID())).then().statusCode(404);
        observe(service, observed("github", "-bad", null, null)).statusCode(422)
                .body("violations.field", contains("identities[0].externalId"));
        observe(service, observed("git", "ok@example.com", "N\u0000L", null)).statusCode(422)
                .body("violations.field", contains("identities[0].name"));
        observe(service, observed("svn", "x", null, null)).statusCode(422)
                .body("violations.field", contains("identities[0].provider"));
        observe(service).statusCode(422).body("violations.field", contains("identities"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            many.add(observed("github", "user-" + i, null, null));
        }
        given().auth().oauth2(service).contentType(ContentType.JSON).body(Map.of("identities", many))
                .when().post(observedPath(steps.orgId)).then().statusCode(422)
                .body("violations.field", contains("identities"));
        observe(service, observed("github", "twice", "First", null), observed("github", "TWICE", "Second", null))
                .statusCode(200).body("recorded", equalTo(1));
    }

    private long feedVersion() {
        return given().auth().oauth2(service).get("/internal/v1/orgs/" + steps.orgId + "/people?limit=1").then()
                .statusCode(200).extract().jsonPath().getLong("version");
    }

    private String suggestionsPath() {
        return steps.people() + "/suggestions";
    }

    private JsonPath suggestions(String token) {
        return suggestions(token, "");
    }

    private JsonPath suggestions(String token, String query) {
        return given().auth().oauth2(token).get(suggestionsPath() + query).then().statusCode(200).extract().jsonPath();
    }

    private ValidatableResponse decide(String token, String id, String decision) {
        return given().auth().oauth2(token).post(suggestionsPath() + "/" + id + "/" + decision).then();
    }

    private static String observedPath(UUID orgId) {
        return "/internal/v1/orgs/" + orgId + "/observed-identities";
    }

    @SafeVarargs
    private ValidatableResponse observe(String token, Map<String, Object>... identities) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("identities", List.of(identities)))
                .when().post(observedPath(steps.orgId)).then();
    }

    private static Map<String, Object> observed(String provider, String externalId, String name, String email) {
        Map<String, Object> identity = new HashMap<>();
        identity.put("provider", provider);
        identity.put("externalId", externalId);
        identity.put("name", name);
        identity.put("email", email);
        return identity;
    }
}
