package io.devhealth.analytics.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

/** GraphQL answers what REST answers, refuses what REST refuses, and stays within its depth and cost limits. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class GraphQLResourceTests {

    private static final String GRAPHQL = "/api/v1/analytics/graphql";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = UUID.randomUUID();

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void data() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(GLOBEX, UUID.randomUUID(), "globex/secret", 1);
        tables.commit(ACME, API, "c1", "ada@acme.io", at("03-01T08:00"), at("03-01T08:00"), false, 1);
        tables.deploymentFact(ACME, API, "d1", "production", true, "", at("03-01T10:00"), "incident",
                at("03-01T12:00"), false, false, 1);
        tables.changeFact(ACME, API, "c1", "production", true, at("03-01T08:00"), "d1", at("03-01T10:00"));
        tables.deployment(ACME, API, "d1", "production", true, "success", at("03-01T09:55"), false, 1);
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-graphql", OrgRole.VIEWER));
    }

    @Test
    void theSameAnswersAsRest() {
        JsonPath graph = query("""
                { dora(org: "acme-graphql", from: "2025-03-01", to: "2025-03-07") {
                    levels { id } changeLeadTime { changes medianHours level } changeFailRate { rate level }
                    failedDeploymentRecoveryTime { medianHours } series { day deployments } }
                  commits(org: "acme-graphql", from: "2025-03-01", to: "2025-03-07", limit: 10) {
                    items { sha repo authorEmail additions } nextCursor }
                  repos(org: "acme-graphql") { fullName commitCount }
                  deployments(org: "acme-graphql", from: "2025-03-01", to: "2025-03-07") {
                    items { deploymentId environment production status } nextCursor } }""");
        JsonPath rest = given().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-07")
                .get("/api/v1/analytics/orgs/acme-graphql/dora").then().statusCode(200).extract().jsonPath();

        assertThat(graph.getList("errors")).isNull();
        assertThat(graph.getDouble("data.dora.changeLeadTime.medianHours"))
                .isEqualTo(rest.getDouble("changeLeadTime.medianHours")).isEqualTo(2.0);
        assertThat(graph.getString("data.dora.changeFailRate.level")).isEqualTo(rest.getString("changeFailRate.level"));
        assertThat(graph.getDouble("data.dora.failedDeploymentRecoveryTime.medianHours")).isEqualTo(2.0);
        assertThat(graph.getList("data.dora.series.deployments")).hasSize(7);
        assertThat(graph.getList("data.commits.items.sha")).containsExactly("c1");
        assertThat(graph.getString("data.repos[0].fullName")).isEqualTo("acme/api");
        assertThat(graph.getList("data.deployments.items.deploymentId")).containsExactly("d1");
        assertThat(graph.getBoolean("data.deployments.items[0].production")).isTrue();
    }

    @Test
    void anotherOrganizationIsAnErrorNeverData() {
        JsonPath graph = query("{ repos(org: \"globex-graphql\") { fullName } }");
        assertThat(graph.getString("data")).isNull();
        assertThat(graph.getString("errors[0].extensions.type")).isEqualTo(ProblemTypes.NOT_FOUND.toString());
        assertThat(graph.getInt("errors[0].extensions.status")).isEqualTo(404);
        assertThat(graph.prettify()).doesNotContain("globex/secret");
    }

    @Test
    void badArgumentsAreTheRestProblems() {
        JsonPath graph = query("{ dora(org: \"acme-graphql\", levels: \"2019\") { levels { id } } }");
        assertThat(graph.getString("errors[0].extensions.type")).isEqualTo(ProblemTypes.BAD_REQUEST.toString());
        JsonPath range = query("{ commits(org: \"acme-graphql\", from: \"March\") { nextCursor } }");
        assertThat(range.getInt("errors[0].extensions.status")).isEqualTo(400);
        JsonPath unknown = query("{ nothing }");
        assertThat(unknown.getString("errors[0].message")).contains("nothing");
    }

    @Test
    void deepOrCostlyQueriesAreRefusedBeforeTheyRun() {
        JsonPath deep = query("{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } }"
                + " } } }");
        assertThat(deep.getString("errors[0].message")).containsIgnoringCase("depth");
        StringBuilder costly = new StringBuilder("{");
        for (int i = 0; i < 250; i++) {
            costly.append(" r").append(i).append(": repos(org: \"acme-graphql\") { fullName }");
        }
        JsonPath cost = query(costly.append(" }").toString());
        assertThat(cost.getString("errors[0].message")).containsIgnoringCase("complexity");
        assertThat(cost.getString("data")).isNull();
    }

    @Test
    void malformedRequestsAreProblems() {
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body("{\"query\": ").post(GRAPHQL).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("variables", Map.of())).post(GRAPHQL)
                .then().statusCode(400).body("violations.field[0]", equalTo("query"));
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("query", "{" + " ".repeat(20_001) + "}"))
                .post(GRAPHQL).then().statusCode(400).body("detail", containsString("20000"));
        given().contentType(ContentType.JSON).body(Map.of("query", "{ repos(org: \"acme-graphql\") { fullName } }"))
                .post(GRAPHQL).then().statusCode(401).body("errors", nullValue());
    }

    private JsonPath query(String query) {
        return given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("query", query))
                .post(GRAPHQL).then().statusCode(200).extract().jsonPath();
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
