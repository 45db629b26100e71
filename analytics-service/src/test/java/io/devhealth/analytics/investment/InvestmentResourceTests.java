package io.devhealth.analytics.investment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.analytics.WorkAndCodeRows;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * The investment breakdown against values computed by hand. Completed in 2025-03-25 to 2025-04-06: story [frontend]
 * 5 points (03-28), story [frontend, backend] 3 points (03-30), bug without labels or points (04-02), bug [backend] 2
 * points (04-03), task without labels or points (04-05). Not counted: a story done before the window, a tombstoned
 * story, a story reopened (in progress, no completion), another organization's bug.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class InvestmentResourceTests {

    private static final String INVESTMENT = "/api/v1/analytics/orgs/acme-investment/investment";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final double EPSILON = 1e-9;

    @InjectIdentityStub
    IdentityStub identity;

    private String acmeViewer;

    @BeforeAll
    static void completedWork() {
        WorkAndCodeRows rows = WorkAndCodeRows.migrated();
        done(rows, ACME, "I-1", "story", List.of("frontend"), 5.0, "03-28");
        done(rows, ACME, "I-2", "story", List.of("frontend", "backend"), 3.0, "03-30");
        done(rows, ACME, "I-3", "bug", List.of(), null, "04-02");
        done(rows, ACME, "I-4", "bug", List.of("backend"), 2.0, "04-03");
        done(rows, ACME, "I-5", "task", List.of(), null, "04-05");
        done(rows, ACME, "I-6", "story", List.of("frontend"), 8.0, "03-20");
        done(rows, ACME, "I-7", "story", List.of("frontend"), 8.0, "03-29");
        rows.workItem(ACME, "jira", "I-7", "PAY", "story", "done", List.of("frontend"), 8.0, at("03-01"),
                at("03-02"), at("03-29"), true, 2);
        rows.workItem(ACME, "jira", "I-8", "PAY", "story", "in_progress", List.of("frontend"), 8.0, at("03-01"),
                at("03-02"), null, false, 1);
        done(rows, GLOBEX, "G-1", "bug", List.of(), 1.0, "03-28");
    }

    @BeforeEach
    void viewer() {
        acmeViewer = identity.token(new OrgGrant(ACME, "acme-investment", OrgRole.VIEWER));
    }

    @Test
    void typesShareTheCompletedItemsAndTheirPoints() {
        window().get(INVESTMENT).then().statusCode(200)
                .body("group", equalTo("type"))
                .body("tree.name", equalTo("all"))
                .body("tree.value", closeTo(5.0, EPSILON))
                .body("tree.storyPoints", closeTo(10.0, EPSILON))
                .body("tree.share", closeTo(1.0, EPSILON))
                .body("tree.children.name", contains("bug", "story", "task"))
                .body("tree.children.value", contains(closeTo(2.0, EPSILON), closeTo(2.0, EPSILON),
                        closeTo(1.0, EPSILON)))
                .body("tree.children.share", contains(closeTo(0.4, EPSILON), closeTo(0.4, EPSILON),
                        closeTo(0.2, EPSILON)))
                .body("tree.children.storyPoints", contains(closeTo(2.0, EPSILON), closeTo(8.0, EPSILON), nullValue()))
                .body("tree.children[0].children", empty());
    }

    @Test
    void labelsSplitAnItemSoThatEachRingAddsUp() {
        window().queryParam("group", "label").get(INVESTMENT).then().statusCode(200)
                .body("tree.children.name", contains("bug", "story", "task"))
                .body("tree.children[1].children.name", contains("frontend", "backend"))
                .body("tree.children[1].children.value", contains(closeTo(1.5, EPSILON), closeTo(0.5, EPSILON)))
                .body("tree.children[1].children.storyPoints", contains(closeTo(6.5, EPSILON), closeTo(1.5, EPSILON)))
                .body("tree.children[1].children.share", contains(closeTo(0.3, EPSILON), closeTo(0.1, EPSILON)))
                .body("tree.children[0].children.name", contains("(no label)", "backend"))
                .body("tree.children[0].children.storyPoints", contains(nullValue(), closeTo(2.0, EPSILON)))
                .body("tree.children[2].children.name", contains("(no label)"));
    }

    @Test
    void theSeriesSplitsTheWindowAtTheMonthBoundary() {
        window().queryParam("group", "label").get(INVESTMENT).then().statusCode(200)
                .body("period", equalTo("month"))
                .body("series.start", contains("2025-03-25", "2025-04-01"))
                .body("series.end", contains("2025-03-31", "2025-04-06"))
                .body("series.items", contains(closeTo(2.0, EPSILON), closeTo(3.0, EPSILON)))
                .body("series.storyPoints", contains(closeTo(8.0, EPSILON), closeTo(2.0, EPSILON)))
                .body("series[0].slices.path", contains(List.of("story", "frontend"), List.of("story", "backend")))
                .body("series[0].slices.share", contains(closeTo(0.75, EPSILON), closeTo(0.25, EPSILON)))
                .body("series[1].slices.path", contains(List.of("bug", "(no label)"), List.of("bug", "backend"),
                        List.of("task", "(no label)")));
        window().queryParam("period", "week").get(INVESTMENT).then().statusCode(200)
                .body("series.items", contains(closeTo(2.0, EPSILON), closeTo(3.0, EPSILON)))
                .body("series[1].slices.path", contains(List.of("bug"), List.of("task")));
    }

    @Test
    void nothingCompletedIsAnEmptyTreeWithoutShares() {
        exact().auth().oauth2(acmeViewer).queryParam("from", "2025-01-01").queryParam("to", "2025-01-31")
                .get(INVESTMENT).then().statusCode(200)
                .body("tree.value", closeTo(0.0, EPSILON))
                .body("tree.share", nullValue())
                .body("tree.storyPoints", nullValue())
                .body("tree.children", empty())
                .body("series.items", contains(closeTo(0.0, EPSILON)));
    }

    @Test
    void anotherOrganizationsWorkNeverShows() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-investment", OrgRole.VIEWER));
        exact().auth().oauth2(globexViewer).queryParam("from", "2025-03-25").queryParam("to", "2025-04-06")
                .get("/api/v1/analytics/orgs/globex-investment/investment").then().statusCode(200)
                .body("tree.value", closeTo(1.0, EPSILON))
                .body("tree.children.name", contains("bug"));
        given().auth().oauth2(globexViewer).get(INVESTMENT).then().statusCode(404)
                .contentType("application/problem+json").body("tree", nullValue());
    }

    @Test
    void badFiltersAreProblems() {
        window().queryParam("group", "epic").get(INVESTMENT).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("group"));
        window().queryParam("period", "quarter").get(INVESTMENT).then().statusCode(400)
                .body("violations.field", contains("period"));
        window().queryParam("provider", "Robert'); DROP TABLE work_items;--").get(INVESTMENT).then().statusCode(400)
                .body("violations.field", contains("provider"));
        given().auth().oauth2(acmeViewer).queryParam("from", "2025-02-30").get(INVESTMENT).then().statusCode(400)
                .body("violations.field", contains("from"));
    }

    private static void done(WorkAndCodeRows rows, UUID org, String id, String type, List<String> labels,
            Double points, String completed) {
        rows.workItem(org, "jira", id, "PAY", type, "done", labels, points, at("03-01"), at("03-02"), at(completed),
                false, 1);
    }

    @Test
    void graphQLAnswersWhatRestAnswers() {
        exact().auth().oauth2(acmeViewer).contentType(ContentType.JSON).body(Map.of("query", """
                { investment(org: "acme-investment", from: "2025-03-25", to: "2025-04-06", group: "label") {
                    tree { value children { name children { name value storyPoints } } } series { items } } }"""))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.investment.tree.value", closeTo(5.0, EPSILON))
                .body("data.investment.tree.children[1].children.value", contains(closeTo(1.5, EPSILON),
                        closeTo(0.5, EPSILON)))
                .body("data.investment.series.items", contains(closeTo(2.0, EPSILON), closeTo(3.0, EPSILON)));
        exact().auth().oauth2(acmeViewer).contentType(ContentType.JSON).body(Map.of("query",
                "{ investment(org: \"acme-investment\", group: \"team\") { group } }"))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("errors[0].extensions.status", equalTo(400));
    }

    private RequestSpecification window() {
        return exact().auth().oauth2(acmeViewer).queryParam("from", "2025-03-25").queryParam("to", "2025-04-06");
    }

    private static RequestSpecification exact() {
        return given().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static Instant at(String monthDay) {
        return Instant.parse("2025-" + monthDay + "T10:00:00Z");
    }
}
