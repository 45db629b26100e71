package io.devhealth.analytics.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.ActivityRows;
import io.devhealth.analytics.AnalyticsTables;
import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Pull requests, cycle time, incidents and work items over GraphQL: REST's answers, REST's refusals. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class ListingsGraphQLTests {

    private static final String GRAPHQL = "/api/v1/analytics/graphql";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = UUID.randomUUID();

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void data() {
        AnalyticsTables.migrated().repo(ACME, API, "acme/api", 1);
        ActivityRows rows = ActivityRows.migrated();
        // Opened 08:00 after a first commit at 06:00, reviewed 09:00, merged 12:00, in production 13:00.
        rows.pullRequest(ACME, API, 7, at("03-03T08:00")).set("state", "merged")
                .set("first_commit_at", at("03-03T06:00")).set("first_review_at", at("03-03T09:00"))
                .set("merged_at", at("03-03T12:00")).set("merge_commit_sha", "m7").insert();
        rows.changeFact(ACME, API, "m7", "d7", at("03-03T13:00")).insert();
        rows.incident(ACME, "i1", at("03-04T10:00")).set("status", "resolved").set("resolved_at", at("03-04T11:30"))
                .insert();
        rows.incident(ACME, "i2", at("03-04T11:00")).set("counts_as_incident", 0).insert();
        rows.workItem(ACME, "PAY-1", at("03-05T10:00")).set("story_points", 5).insert();
        rows.incident(GLOBEX, "secret-incident", at("03-04T10:00")).insert();
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-gql-lists", OrgRole.VIEWER));
    }

    @Test
    void theSameAnswersAsRest() {
        JsonPath graph = query("""
                { pullRequests(org: "acme-gql-lists", from: "2025-03-01", to: "2025-03-07", state: "merged") {
                    items { repo number state mergedAt labels } nextCursor }
                  pullRequestCycleTime(org: "acme-gql-lists", from: "2025-03-01", to: "2025-03-07", period: "day") {
                    overall { mergedPullRequests coding { samples p50Hours } pickup { p50Hours }
                              review { p50Hours } deploy { p50Hours reason } }
                    byPeriod { start cycleTime { mergedPullRequests } } byRepo { repo } byTeam { team } }
                  incidents(org: "acme-gql-lists", from: "2025-03-01", to: "2025-03-07", all: true) {
                    items { incidentId countsAsIncident recoveryHours link { method } } nextCursor }
                  workItems(org: "acme-gql-lists", from: "2025-03-01", to: "2025-03-07") {
                    items { workItemId storyPoints repoId } nextCursor } }""");
        JsonPath rest = given().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-07")
                .queryParam("period", "day").get("/api/v1/analytics/orgs/acme-gql-lists/pull-requests/cycle-time")
                .then().statusCode(200).extract().jsonPath();

        assertThat(graph.getList("errors")).isNull();
        assertThat(graph.getList("data.pullRequests.items.number")).containsExactly(7);
        assertThat(graph.getString("data.pullRequests.items[0].mergedAt")).isEqualTo("2025-03-03T12:00:00Z");
        assertThat(graph.getInt("data.pullRequestCycleTime.overall.mergedPullRequests")).isEqualTo(1);
        assertThat(graph.getDouble("data.pullRequestCycleTime.overall.coding.p50Hours"))
                .isEqualTo(rest.getDouble("overall.coding.p50Hours")).isEqualTo(2.0);
        assertThat(graph.getDouble("data.pullRequestCycleTime.overall.pickup.p50Hours")).isEqualTo(1.0);
        assertThat(graph.getDouble("data.pullRequestCycleTime.overall.review.p50Hours")).isEqualTo(3.0);
        assertThat(graph.getDouble("data.pullRequestCycleTime.overall.deploy.p50Hours")).isEqualTo(1.0);
        assertThat(graph.getList("data.pullRequestCycleTime.byPeriod")).hasSize(7);
        assertThat(graph.getList("data.pullRequestCycleTime.byRepo.repo")).containsExactly("acme/api");
        assertThat(graph.getList("data.incidents.items.incidentId")).containsExactly("i2", "i1");
        assertThat(graph.getList("data.incidents.items.countsAsIncident")).containsExactly(false, true);
        assertThat(graph.getDouble("data.incidents.items[1].recoveryHours")).isEqualTo(1.5);
        assertThat(graph.getString("data.incidents.items[1].link")).isNull();
        assertThat(graph.getList("data.workItems.items.workItemId")).containsExactly("PAY-1");
        assertThat(graph.getDouble("data.workItems.items[0].storyPoints")).isEqualTo(5.0);
    }

    @Test
    void anotherOrganizationIsAnErrorNeverData() {
        JsonPath graph = query("{ incidents(org: \"globex-gql-lists\", from: \"2025-03-01\", to: \"2025-03-07\") "
                + "{ items { incidentId } } }");
        assertThat(graph.getString("data")).isNull();
        assertThat(graph.getInt("errors[0].extensions.status")).isEqualTo(404);
        assertThat(graph.prettify()).doesNotContain("secret-incident");
    }

    @Test
    void badArgumentsAreTheRestProblems() {
        for (String query : List.of(
                "{ pullRequests(org: \"acme-gql-lists\", state: \"draft\") { nextCursor } }",
                "{ pullRequestCycleTime(org: \"acme-gql-lists\", period: \"year\") { period } }",
                "{ incidents(org: \"acme-gql-lists\", status: \"exploded\") { nextCursor } }",
                "{ workItems(org: \"acme-gql-lists\", limit: 500) { nextCursor } }")) {
            JsonPath graph = query(query);
            assertThat(graph.getString("errors[0].extensions.type")).as(query)
                    .isEqualTo(ProblemTypes.BAD_REQUEST.toString());
        }
    }

    private JsonPath query(String query) {
        return given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("query", query))
                .post(GRAPHQL).then().statusCode(200).extract().jsonPath();
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
