package io.devhealth.identity.people.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The internal change feeds of people and teams that sync-service polls. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class ChangeFeedResourceTests {

    private PeopleSteps steps;
    private String service;

    @BeforeEach
    void organization() {
        steps = PeopleSteps.organization("feed");
        service = TestData.serviceToken();
    }

    @Test
    void everyChangeTakesTheNextVersionAndNoOpsTakeNone() {
        assertThat(people(0).getLong("version")).isZero();
        assertThat(people(0).getList("changed")).isEmpty();

        String ada = steps.createPerson("Ada");
        assertThat(people(0).getLong("version")).isEqualTo(1);
        steps.addIdentity(steps.admin, ada, PeopleSteps.identity("github", "ada")).statusCode(201);
        assertThat(people(0).getLong("version")).isEqualTo(2);
        steps.patch(steps.admin, ada, Map.of("displayName", "Ada")).statusCode(200).body("version", equalTo(2));
        assertThat(people(0).getLong("version")).isEqualTo(2);
        String team = createTeam("core", List.of(ada));
        JsonPath teamFeed = teams(0);
        assertThat(teamFeed.getLong("version")).isEqualTo(3);
        assertThat(teamFeed.getString("changed[0].id")).isEqualTo(team);
        assertThat(teamFeed.getList("changed[0].members")).containsExactly(ada);
        assertThat(teamFeed.getLong("changed[0].version")).isEqualTo(3);

        JsonPath feed = people(0);
        assertThat(feed.getList("changed.id")).containsExactly(ada);
        assertThat(feed.getLong("changed[0].version")).isEqualTo(2);
        assertThat(feed.getList("changed[0].identities.externalId")).containsExactly("ada");
        assertThat(feed.getBoolean("hasMore")).isFalse();
        assertThat(feed.getString("next")).isNull();
    }

    @Test
    void sinceVersionReturnsLaterChangesAndDeletions() {
        String ada = steps.createPerson("Ada");
        String bob = steps.createPerson("Bob");
        String team = createTeam("pair", List.of(ada, bob));
        long afterTeam = people(0).getLong("version");

        assertThat(people(1).getList("changed.id")).containsExactly(bob);
        assertThat(people(afterTeam).getList("changed")).isEmpty();

        given().auth().oauth2(steps.admin).delete(steps.path(bob)).then().statusCode(204);
        JsonPath afterDelete = people(afterTeam);
        assertThat(afterDelete.getList("changed")).isEmpty();
        assertThat(afterDelete.getList("deleted.id")).containsExactly(bob);
        assertThat(afterDelete.getLong("deleted[0].version")).isEqualTo(afterDelete.getLong("version"));
        // The team lost a member: it changed in the same transaction.
        JsonPath teamChanges = teams(afterTeam);
        assertThat(teamChanges.getList("changed.id")).containsExactly(team);
        assertThat(teamChanges.getList("changed[0].members")).containsExactly(ada);
        assertThat(teamChanges.getLong("changed[0].version")).isEqualTo(afterDelete.getLong("version"));

        given().auth().oauth2(steps.admin).delete("/api/v1/identity/orgs/" + steps.org + "/teams/" + team)
                .then().statusCode(204);
        JsonPath teamDeleted = teams(afterDelete.getLong("version"));
        assertThat(teamDeleted.getList("changed")).isEmpty();
        assertThat(teamDeleted.getList("deleted.id")).containsExactly(team);
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(steps.createPerson("Person " + i));
        }
        given().auth().oauth2(steps.admin).delete(steps.path(created.get(1))).then().statusCode(204);

        List<String> seen = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        Map<String, Object> query = new HashMap<>(Map.of("sinceVersion", 0, "limit", 2));
        JsonPath page;
        int pages = 0;
        do {
            page = given().auth().oauth2(service).queryParams(query).get(feed("people")).then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(page.getList("changed.id"));
            deleted.addAll(page.getList("deleted.id"));
            if (page.getBoolean("hasMore")) {
                query.put("sinceVersion", page.getLong("next.sinceVersion"));
                query.put("afterId", page.getString("next.afterId"));
            }
            pages++;
        } while (page.getBoolean("hasMore"));

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrder(created.get(0), created.get(2), created.get(3), created.get(4));
        assertThat(deleted).containsExactly(created.get(1));
        assertThat(page.getLong("version")).isEqualTo(6);
        assertThat(people(6).getList("changed")).isEmpty();
    }

    @Test
    void concurrentWritersTakeDistinctVersionsInCommitOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "Concurrent " + i;
                versions.add(pool.submit(() -> steps.create(steps.admin, PeopleSteps.newPerson(name)).statusCode(201)
                        .extract().<Integer>path("version")));
            }
            List<Integer> taken = new ArrayList<>();
            for (Future<Integer> version : versions) {
                taken.add(version.get(60, TimeUnit.SECONDS));
            }
            assertThat(taken).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
        JsonPath feed = people(0);
        assertThat(feed.getLong("version")).isEqualTo(8);
        assertThat(feed.getList("changed.version", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void feedsAreForServicesOnlyAndPerOrganization() {
        steps.createPerson("Mine");
        PeopleSteps other = PeopleSteps.organization("feed-other");
        other.createPerson("Theirs");
        assertThat(people(0).getList("changed.displayName")).containsExactly("Mine");

        given().auth().oauth2(steps.admin).get(feed("people")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        given().auth().oauth2(steps.owner).get(feed("teams")).then().statusCode(403);
        given().get(feed("people")).then().statusCode(401);
        given().auth().oauth2(service).get("/internal/v1/orgs/" + UUID.randomUUID() + "/people").then()
                .statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(service).get("/internal/v1/orgs/" + steps.org + "/teams").then().statusCode(404);
        given().auth().oauth2(service).get(feed("people") + "?sinceVersion=-1").then().statusCode(422)
                .body("violations.field", contains("sinceVersion"));
        given().auth().oauth2(service).get(feed("teams") + "?limit=1001").then().statusCode(422)
                .body("violations.field", contains("limit"));
        given().auth().oauth2(service).get(feed("teams")).then().statusCode(200)
                .body("changed", empty()).body("next", nullValue());
        given().auth().oauth2(service).get(feed("people") + "?sinceVersion=ten").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(service).get(feed("people") + "?afterId=not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theVersionsListTellsWhichFeedsMovedAndLeavesDeletedOrganizationsOut() {
        assertThat(versionOf(steps.orgId)).as("no change yet").isZero();
        steps.createPerson("Ada");
        createTeam("core", List.of());
        assertThat(versionOf(steps.orgId)).isEqualTo(people(0).getLong("version")).isEqualTo(2);

        given().auth().oauth2(steps.owner).delete("/api/v1/identity/orgs/" + steps.org).then().statusCode(204);
        assertThat(given().auth().oauth2(service).get("/internal/v1/change-feeds").then().statusCode(200)
                .extract().jsonPath().getList("orgId")).doesNotContain(steps.orgId.toString());
        given().auth().oauth2(steps.admin).get("/internal/v1/change-feeds").then().statusCode(403);
        given().get("/internal/v1/change-feeds").then().statusCode(401);
    }

    private long versionOf(UUID orgId) {
        List<Map<String, Object>> versions = given().auth().oauth2(service).get("/internal/v1/change-feeds")
                .then().statusCode(200).extract().jsonPath().getList("");
        return versions.stream().filter(entry -> orgId.toString().equals(entry.get("orgId")))
                .map(entry -> ((Number) entry.get("version")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("organization " + orgId + " is not listed"));
    }

    private String createTeam(String key, List<String> members) {
        return given().auth().oauth2(steps.admin).contentType(ContentType.JSON)
                .body(Map.of("key", key, "name", key, "members", members))
                .when().post("/api/v1/identity/orgs/" + steps.org + "/teams")
                .then().statusCode(201).extract().path("id");
    }

    private String feed(String kind) {
        return "/internal/v1/orgs/" + steps.orgId + "/" + kind;
    }

    private JsonPath people(long sinceVersion) {
        return given().auth().oauth2(service).get(feed("people") + "?sinceVersion=" + sinceVersion)
                .then().statusCode(200).extract().jsonPath();
    }

    private JsonPath teams(long sinceVersion) {
        return given().auth().oauth2(service).get(feed("teams") + "?sinceVersion=" + sinceVersion)
                .then().statusCode(200).extract().jsonPath();
    }
}
