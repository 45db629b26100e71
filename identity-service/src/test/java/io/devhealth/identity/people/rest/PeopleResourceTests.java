package io.devhealth.identity.people.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
class PeopleResourceTests {

    private PeopleSteps steps;

    @BeforeEach
    void organization() {
        steps = PeopleSteps.organization("people");
    }

    @Test
    void adminCreatesAPersonWithIdentitiesThatMembersRead() {
        Map<String, Object> body = PeopleSteps.newPerson("  Jane Doe\u00a0", "github", "janedoe", "git", "Jane@Acme.io");
        body.put("key", "E1042");
        body.put("primaryEmail", "jane@acme.io");
        ValidatableResponse created = steps.create(steps.admin, body).statusCode(201)
                .body("displayName", equalTo("Jane Doe"))
                .body("key", equalTo("E1042"))
                .body("primaryEmail", equalTo("jane@acme.io"))
                .body("userId", nullValue())
                .body("identities.provider", contains("git", "github"))
                .body("identities.externalId", contains("Jane@Acme.io", "janedoe"))
                .body("identities.email", contains("Jane@Acme.io", null));
        String id = created.extract().path("id");
        created.header("Location", endsWith("/people/" + id));

        steps.get(steps.member, id).statusCode(200)
                .body("displayName", equalTo("Jane Doe"))
                .body("identities", hasSize(2));
        given().auth().oauth2(steps.member).get(steps.people()).then().statusCode(200)
                .body("items.id", contains(id))
                .body("total", equalTo(1));
        steps.create(steps.owner, PeopleSteps.newPerson("By Owner")).statusCode(201);
    }

    @Test
    void gitIdentitiesMatchByEmailCaseInsensitivelyAndBelongToOnePerson() {
        String jane = steps.createPerson("Jane", "git", "Jane@Acme.io");

        steps.create(steps.admin, PeopleSteps.newPerson("Impostor", "git", "jane@ACME.io"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", containsString(jane));
        String bob = steps.createPerson("Bob");
        steps.addIdentity(steps.admin, bob, PeopleSteps.identity("git", "JANE@acme.io")).statusCode(409)
                .body("detail", containsString("'Jane'"));
        steps.addIdentity(steps.admin, jane, PeopleSteps.identity("git", "jane@acme.io")).statusCode(409);
        // The same external id under another provider is another identity.
        steps.addIdentity(steps.admin, bob, PeopleSteps.identity("gitlab", "jane")).statusCode(201);
        steps.addIdentity(steps.admin, jane, PeopleSteps.identity("github", "jane")).statusCode(201);
    }

    @Test
    void identitiesAreAddedAndRemoved() {
        String id = steps.createPerson("Ada");
        Map<String, Object> git = PeopleSteps.identity("git", "ada@example.com");
        git.put("name", "Ada L.");
        String identityId = steps.addIdentity(steps.admin, id, git).statusCode(201)
                .header("Location", endsWith("/people/" + id))
                .body("identities.name", contains("Ada L."))
                .extract().path("identities[0].id");
        steps.addIdentity(steps.admin, id, PeopleSteps.identity("jira", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"))
                .statusCode(201).body("identities", hasSize(2));
        steps.addIdentity(steps.admin, id, PeopleSteps.identity("pagerduty", "PXPGF42")).statusCode(201);

        given().auth().oauth2(steps.admin).delete(steps.path(id) + "/identities/" + identityId)
                .then().statusCode(204);
        steps.get(steps.member, id).statusCode(200).body("identities.provider", contains("jira", "pagerduty"));
        given().auth().oauth2(steps.admin).delete(steps.path(id) + "/identities/" + identityId)
                .then().statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        // The identity is free again.
        steps.createPerson("Ada's twin", "git", "ADA@example.com");
    }

    @Test
    void anIdentityIsRemovedOnlyThroughItsOwnPerson() {
        String ada = steps.createPerson("Ada", "github", "ada");
        String bob = steps.createPerson("Bob");
        String identityId = steps.get(steps.admin, ada).extract().path("identities[0].id");

        given().auth().oauth2(steps.admin).delete(steps.path(bob) + "/identities/" + identityId)
                .then().statusCode(404);
        steps.get(steps.admin, ada).body("identities", hasSize(1));
    }

    @Test
    void patchChangesWhatItSendsAndClearsWhatIsNull() {
        Map<String, Object> body = PeopleSteps.newPerson("Grace");
        body.put("key", "G1");
        body.put("primaryEmail", "grace@example.com");
        String id = steps.create(steps.admin, body).statusCode(201).extract().path("id");
        long version = steps.get(steps.admin, id).extract().<Number>path("version").longValue();

        steps.patch(steps.admin, id, Map.of("displayName", "Grace Hopper")).statusCode(200)
                .body("displayName", equalTo("Grace Hopper"))
                .body("key", equalTo("G1"))
                .body("primaryEmail", equalTo("grace@example.com"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("primaryEmail", null);
        long changed = steps.patch(steps.admin, id, clear).statusCode(200)
                .body("primaryEmail", nullValue())
                .body("key", equalTo("G1"))
                .extract().<Number>path("version").longValue();
        org.assertj.core.api.Assertions.assertThat(changed).isGreaterThan(version);
        // Nothing changes: the version stays.
        steps.patch(steps.admin, id, Map.of("displayName", "Grace Hopper")).statusCode(200)
                .body("version", equalTo((int) changed));

        Map<String, Object> noName = new HashMap<>();
        noName.put("displayName", null);
        steps.patch(steps.admin, id, noName).statusCode(422).body("violations.field", contains("displayName"));
        steps.patch(steps.admin, id, Map.of("identities", List.of())).statusCode(422)
                .body("violations.field", contains("identities"));
        steps.patch(steps.admin, id, Map.of("displayName", "\u2003")).statusCode(422)
                .body("violations.field", contains("displayName"));
        steps.patch(steps.admin, id, List.of("not", "an", "object")).statusCode(400)
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        steps.patch(steps.member, id, Map.of("displayName", "Nope")).statusCode(403);
    }

    @Test
    void keysPrimaryEmailsAndUsersBelongToOnePerson() {
        TestUser user = TestData.createUser("linked");
        TestData.addMember(steps.orgId, user.id(), OrgRole.MEMBER);
        Map<String, Object> first = PeopleSteps.newPerson("First");
        first.put("key", "K-1");
        first.put("primaryEmail", "first@example.com");
        first.put("userId", user.id().toString());
        steps.create(steps.admin, first).statusCode(201).body("userId", equalTo(user.id().toString()));

        Map<String, Object> sameKey = PeopleSteps.newPerson("Second");
        sameKey.put("key", "k-1");
        assertConflict(steps.create(steps.admin, sameKey), "key");
        Map<String, Object> sameEmail = PeopleSteps.newPerson("Second");
        sameEmail.put("primaryEmail", "FIRST@example.com");
        assertConflict(steps.create(steps.admin, sameEmail), "primary email");
        Map<String, Object> sameUser = PeopleSteps.newPerson("Second");
        sameUser.put("userId", user.id().toString());
        assertConflict(steps.create(steps.admin, sameUser), "user");

        String second = steps.createPerson("Second");
        assertConflict(steps.patch(steps.admin, second, Map.of("key", "K-1")), "key");

        TestUser stranger = TestData.createUser("stranger");
        Map<String, Object> notMember = PeopleSteps.newPerson("Third");
        notMember.put("userId", stranger.id().toString());
        steps.create(steps.admin, notMember).statusCode(422).body("violations.field", contains("userId"));
        steps.patch(steps.admin, second, Map.of("userId", stranger.id().toString())).statusCode(422)
                .body("violations.field", contains("userId"));
    }

    @Test
    void invalidInputIs422NamingTheField() {
        assertInvalid(PeopleSteps.newPerson("\u0000Jane"), "displayName");
        assertInvalid(PeopleSteps.newPerson("Jane \ud800"), "displayName");
        assertInvalid(PeopleSteps.newPerson("\u2003\u3000 \u00a0"), "displayName");
        assertInvalid(PeopleSteps.newPerson("x".repeat(201)), "displayName");
        assertInvalid(PeopleSteps.newPerson("Tab\there"), "displayName");
        assertInvalid(PeopleSteps.newPerson("Jane", "svn", "jane"), "identities[0].provider");
        assertInvalid(PeopleSteps.newPerson("Jane", "github", "-jane"), "identities[0].externalId");
        assertInvalid(PeopleSteps.newPerson("Jane", "github", "a".repeat(40)), "identities[0].externalId");
        assertInvalid(PeopleSteps.newPerson("Jane", "git", "jane doe@example.com"), "identities[0].externalId");
        assertInvalid(PeopleSteps.newPerson("Jane", "git", "jane\u0001@example.com"), "identities[0].externalId");
        assertInvalid(PeopleSteps.newPerson("Jane", "git", "jane\u2003@example.com"), "identities[0].externalId");
        assertInvalid(PeopleSteps.newPerson("Jane", "gitlab", "x".repeat(321)), "identities[0].externalId");
        assertInvalid(PeopleSteps.newPerson("Jane", "github", "jane", "github", "JANE"), "identities[1]");
        Map<String, Object> badEmail = PeopleSteps.newPerson("Jane");
        badEmail.put("primaryEmail", "not an email");
        assertInvalid(badEmail, "primaryEmail");
        Map<String, Object> nulIdentity = PeopleSteps.newPerson("Jane");
        nulIdentity.put("identities", List.of(Map.of("provider", "github", "externalId", "ja\u0000ne")));
        assertInvalid(nulIdentity, "identities[0].externalId");

        given().auth().oauth2(steps.admin).contentType(ContentType.JSON).body("{\"displayName\": ")
                .when().post(steps.people())
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        given().auth().oauth2(steps.admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Jane", "identities", "github:jane"))
                .when().post(steps.people())
                .then().statusCode(400).body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
    }

    @Test
    void listsArePagedWithAHardMaximum() {
        steps.createPerson("Charlie", "github", "charlie");
        steps.createPerson("alice");
        steps.createPerson("Bob", "gitlab", "bobby");

        page("?limit=2").body("items.displayName", contains("alice", "Bob")).body("total", equalTo(3))
                .body("offset", equalTo(0)).body("limit", equalTo(2));
        page("?limit=2&offset=2").body("items.displayName", contains("Charlie"));
        page("?q=BOBB").body("items.displayName", contains("Bob")).body("total", equalTo(1));
        page("?q=%25").body("items", hasSize(0));
        given().auth().oauth2(steps.member).get(steps.people() + "?limit=201").then().statusCode(422)
                .body("violations.field", contains("limit"));
        given().auth().oauth2(steps.member).get(steps.people() + "?limit=0").then().statusCode(422);
        given().auth().oauth2(steps.member).get(steps.people() + "?offset=-1").then().statusCode(422);
        given().auth().oauth2(steps.member).get(steps.people() + "?limit=ten").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void adminsAndOwnersManageMembersReadViewersAndOutsidersAreRefused() {
        String id = steps.createPerson("Ada");
        steps.create(steps.member, PeopleSteps.newPerson("Nope")).statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        steps.addIdentity(steps.member, id, PeopleSteps.identity("github", "ada")).statusCode(403);
        given().auth().oauth2(steps.member).delete(steps.path(id)).then().statusCode(403);
        steps.get(steps.member, id).statusCode(200);

        steps.get(steps.viewer, id).statusCode(403);
        given().auth().oauth2(steps.viewer).get(steps.people()).then().statusCode(403);
        String outsider = TestData.login(TestData.createUser("outsider"));
        steps.get(outsider, id).statusCode(403);
        given().auth().oauth2(outsider).get(steps.people()).then().statusCode(403);
        given().get(steps.people()).then().statusCode(401);
    }

    @Test
    void anotherOrganizationsPeopleAre404() {
        String mine = steps.createPerson("Mine", "github", "mine");
        PeopleSteps other = PeopleSteps.organization("people-other");
        String theirs = other.createPerson("Theirs");

        steps.get(steps.admin, theirs).statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        steps.patch(steps.admin, theirs, Map.of("displayName", "Mine now")).statusCode(404);
        steps.addIdentity(steps.admin, theirs, PeopleSteps.identity("github", "x")).statusCode(404);
        given().auth().oauth2(steps.admin).delete(steps.path(theirs)).then().statusCode(404);
        other.get(other.admin, theirs).statusCode(200).body("displayName", equalTo("Theirs"));
        // Identities are unique per organization only.
        other.createPerson("Also mine", "github", "mine");
        steps.get(steps.admin, mine).statusCode(200);
        steps.get(steps.admin, UUID.randomUUID()).statusCode(404);
        steps.get(steps.admin, "not-a-uuid").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void deletingAPersonFreesItsIdentities() {
        String id = steps.createPerson("Gone", "github", "gone", "git", "gone@example.com");
        given().auth().oauth2(steps.admin).delete(steps.path(id)).then().statusCode(204);
        steps.get(steps.admin, id).statusCode(404);
        given().auth().oauth2(steps.admin).delete(steps.path(id)).then().statusCode(404);
        steps.createPerson("Back", "github", "GONE", "git", "gone@example.com");
    }

    private ValidatableResponse page(String query) {
        return given().auth().oauth2(steps.member).get(steps.people() + query).then().statusCode(200);
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        steps.create(steps.admin, body)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", equalTo(List.of(field)));
    }

    private static void assertConflict(ValidatableResponse response, String detail) {
        response.statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", containsString(detail));
    }
}
