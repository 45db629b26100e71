package io.devhealth.analytics.flow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
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
import io.devhealth.support.problem.ProblemTypes;
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
 * Flow metrics against golden values computed by hand. Window 2025-03-25 to 2025-04-06 (crosses a month boundary).
 * <ul>
 * <li>A story: created 03-20, To Do → In Progress 03-24, → Blocked (to-do category) 03-26, → In Progress 03-27 (a
 * status visited twice), → Done 03-28. Cycle 96 h, lead 192 h; To Do 96 h, Blocked 24 h, In Progress 48 + 24 h;
 * efficiency 72 ÷ (72 + 24) = 0.75.</li>
 * <li>B bug, reopened after done and done again: created 03-01, → In Progress 03-02, → Done 03-03, → In Progress
 * 03-05, → Done 03-31 12:00. Cycle 708 h, lead 732 h; To Do 24 h, In Progress 24 + 636 h, Done 48 h (neither active
 * nor waiting); efficiency 1.</li>
 * <li>C task never started: created 03-29, To Do → Done 04-02. No cycle time; lead 96 h; To Do 96 h.</li>
 * <li>D reopened after done and not done again: → In Progress 03-11, → Done 03-20, → In Progress 04-03. Not
 * completed; in progress again from 04-03.</li>
 * <li>E in progress since 03-26 12:00; a move to Done on 03-29 was tombstoned and must not end it.</li>
 * <li>F a GitHub issue without transitions: created 03-30, started 03-31, completed 04-04. Cycle 96 h, lead 120
 * h; in progress 03-31 to 04-04.</li>
 * <li>G done in the window, then tombstoned; its transition into In Progress (03-26) must not count either.</li>
 * </ul>
 * Completed in the window: A, B, C, F. Cycle [96, 96, 708]: p50 96, p85 96 + 0.7 × 612 = 524.4, p95 96 + 0.9 × 612 =
 * 646.8. Lead [96, 120, 192, 732]: p50 156, p85 192 + 0.55 × 540 = 489, p95 192 + 0.85 × 540 = 651.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class FlowResourceTests {

    private static final String FLOW = "/api/v1/analytics/orgs/acme-flow/work-items/flow";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final double EPSILON = 1e-9;

    @InjectIdentityStub
    IdentityStub identity;

    private String acmeViewer;

    @BeforeAll
    static void workItems() {
        WorkAndCodeRows rows = WorkAndCodeRows.migrated();
        rows.workItem(ACME, "jira", "PAY-1", "PAY", "story", "done", List.of(), 3.0, at("03-20T00"), at("03-24T00"),
                at("03-28T00"), false, 1);
        rows.transition(ACME, "jira", "PAY-1", at("03-24T00"), "To Do", "todo", "In Progress", "in_progress");
        rows.transition(ACME, "jira", "PAY-1", at("03-26T00"), "In Progress", "in_progress", "Blocked", "todo");
        rows.transition(ACME, "jira", "PAY-1", at("03-27T00"), "Blocked", "todo", "In Progress", "in_progress");
        rows.transition(ACME, "jira", "PAY-1", at("03-28T00"), "In Progress", "in_progress", "Done", "done");

        rows.workItem(ACME, "jira", "PAY-2", "PAY", "bug", "done", List.of(), null, at("03-01T00"), at("03-02T00"),
                at("03-31T12"), false, 1);
        rows.transition(ACME, "jira", "PAY-2", at("03-02T00"), "To Do", "todo", "In Progress", "in_progress");
        rows.transition(ACME, "jira", "PAY-2", at("03-03T00"), "In Progress", "in_progress", "Done", "done");
        rows.transition(ACME, "jira", "PAY-2", at("03-05T00"), "Done", "done", "In Progress", "in_progress");
        rows.transition(ACME, "jira", "PAY-2", at("03-31T12"), "In Progress", "in_progress", "Done", "done");

        rows.workItem(ACME, "jira", "PAY-3", "PAY", "task", "done", List.of(), null, at("03-29T00"), null,
                at("04-02T00"), false, 1);
        rows.transition(ACME, "jira", "PAY-3", at("04-02T00"), "To Do", "todo", "Done", "done");

        rows.workItem(ACME, "jira", "PAY-4", "PAY", "story", "in_progress", List.of(), null, at("03-10T00"),
                at("03-11T00"), null, false, 1);
        rows.transition(ACME, "jira", "PAY-4", at("03-11T00"), "To Do", "todo", "In Progress", "in_progress");
        rows.transition(ACME, "jira", "PAY-4", at("03-20T00"), "In Progress", "in_progress", "Done", "done");
        rows.transition(ACME, "jira", "PAY-4", at("04-03T00"), "Done", "done", "In Progress", "in_progress");

        rows.workItem(ACME, "jira", "PAY-5", "PAY", "task", "in_progress", List.of(), null, at("03-25T00"),
                at("03-26T12"), null, false, 1);
        rows.transition(ACME, "jira", "PAY-5", at("03-26T12"), "To Do", "todo", "In Progress", "in_progress");
        rows.transition(ACME, "jira", "PAY-5", at("03-29T00"), "In Progress", "in_progress", "Done", "done");
        rows.transition(ACME, "jira", "PAY-5", at("03-29T00"), "In Progress", "in_progress", "Done", "done", true, 2);

        rows.workItem(ACME, "github", "acme/api#7", "acme/api", "bug", "done", List.of(), null, at("03-30T00"),
                at("03-31T00"), at("04-04T00"), false, 1);

        rows.workItem(ACME, "jira", "PAY-9", "PAY", "story", "done", List.of(), null, at("03-25T00"), at("03-26T00"),
                at("03-28T00"), false, 1);
        rows.transition(ACME, "jira", "PAY-9", at("03-26T00"), "To Do", "todo", "In Progress", "in_progress");
        rows.workItem(ACME, "jira", "PAY-9", "PAY", "story", "done", List.of(), null, at("03-25T00"), at("03-26T00"),
                at("03-28T00"), true, 2);

        rows.workItem(GLOBEX, "jira", "GLX-1", "GLX", "story", "done", List.of(), null, at("03-26T00"),
                at("03-27T00"), at("03-28T00"), false, 1);
    }

    @BeforeEach
    void viewer() {
        acmeViewer = identity.token(new OrgGrant(ACME, "acme-flow", OrgRole.VIEWER));
    }

    @Test
    void throughputCycleAndLeadTimesAreExactPercentilesOfTheCompletedItems() {
        window().get(FLOW).then().statusCode(200)
                .body("throughput", equalTo(4))
                .body("wip", equalTo(2))
                .body("cycleTime.items", equalTo(3))
                .body("cycleTime.p50Hours", closeTo(96.0, EPSILON))
                .body("cycleTime.p85Hours", closeTo(524.4, EPSILON))
                .body("cycleTime.p95Hours", closeTo(646.8, EPSILON))
                .body("cycleTime.reason", nullValue())
                .body("leadTime.items", equalTo(4))
                .body("leadTime.p50Hours", closeTo(156.0, EPSILON))
                .body("leadTime.p85Hours", closeTo(489.0, EPSILON))
                .body("leadTime.p95Hours", closeTo(651.0, EPSILON));
    }

    @Test
    void timeInStatusSumsRepeatedStaysPerCategoryAndStatus() {
        window().get(FLOW).then().statusCode(200)
                .body("timeInStatus.category", contains("todo", "in_progress", "done"))
                .body("timeInStatus[0].items", equalTo(3))
                .body("timeInStatus[0].totalHours", closeTo(240.0, EPSILON))
                .body("timeInStatus[0].p50Hours", closeTo(96.0, EPSILON))
                .body("timeInStatus[0].statuses.status", contains("To Do", "Blocked"))
                .body("timeInStatus[0].statuses[0].totalHours", closeTo(216.0, EPSILON))
                .body("timeInStatus[0].statuses[0].p50Hours", closeTo(96.0, EPSILON))
                .body("timeInStatus[0].statuses[1].items", equalTo(1))
                .body("timeInStatus[1].items", equalTo(2))
                .body("timeInStatus[1].totalHours", closeTo(732.0, EPSILON))
                .body("timeInStatus[1].p50Hours", closeTo(366.0, EPSILON))
                .body("timeInStatus[1].statuses.status", contains("In Progress"))
                .body("timeInStatus[2].totalHours", closeTo(48.0, EPSILON));
    }

    @Test
    void flowEfficiencyIsActiveOverActivePlusWaitingBetweenStartAndCompletion() {
        window().get(FLOW).then().statusCode(200)
                .body("flowEfficiency.items", equalTo(2))
                .body("flowEfficiency.activeHours", closeTo(732.0, EPSILON))
                .body("flowEfficiency.waitingHours", closeTo(24.0, EPSILON))
                .body("flowEfficiency.efficiency", closeTo(732.0 / 756.0, EPSILON))
                .body("flowEfficiency.itemMedian", closeTo(0.875, EPSILON));
    }

    @Test
    void wipAtTheEndOfEachDayFollowsTransitionsReopensAndIssuesWithoutTransitions() {
        window().queryParam("period", "day").get(FLOW).then().statusCode(200)
                .body("series.size()", equalTo(13))
                .body("series.wip", contains(2, 2, 3, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2))
                .body("series.throughput", contains(0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0));
    }

    @Test
    void weeksAndMonthsAreClippedToTheWindow() {
        window().queryParam("period", "week").get(FLOW).then().statusCode(200)
                .body("series.start", contains("2025-03-25", "2025-03-31"))
                .body("series.end", contains("2025-03-30", "2025-04-06"))
                .body("series.throughput", contains(1, 3))
                .body("series.wip", contains(2, 2))
                .body("series.cycleTimeP50Hours", contains(closeTo(96.0, EPSILON), closeTo(402.0, EPSILON)))
                .body("series.leadTimeP50Hours", contains(closeTo(192.0, EPSILON), closeTo(120.0, EPSILON)));
        window().queryParam("period", "month").get(FLOW).then().statusCode(200)
                .body("series.start", contains("2025-03-25", "2025-04-01"))
                .body("series.end", contains("2025-03-31", "2025-04-06"))
                .body("series.throughput", contains(2, 2))
                .body("series.cycleTimeP50Hours", contains(closeTo(402.0, EPSILON), closeTo(96.0, EPSILON)))
                .body("series.leadTimeP50Hours", contains(closeTo(462.0, EPSILON), closeTo(108.0, EPSILON)));
    }

    @Test
    void anUnchangedReportIsNotSentTwice() {
        String etag = window().get(FLOW).then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-cache")).extract().header("ETag");
        window().header("If-None-Match", etag).get(FLOW).then().statusCode(304);
        window().queryParam("period", "day").header("If-None-Match", etag).get(FLOW).then().statusCode(200);
    }

    @Test
    void filtersNarrowTheItems() {
        window().queryParam("type", "story").get(FLOW).then().statusCode(200)
                .body("type", equalTo("story"))
                .body("throughput", equalTo(1))
                .body("cycleTime.p50Hours", closeTo(96.0, EPSILON))
                .body("wip", equalTo(1));
        window().queryParam("provider", "github").queryParam("project", "acme/api").get(FLOW).then().statusCode(200)
                .body("throughput", equalTo(1))
                .body("wip", equalTo(0))
                .body("timeInStatus.size()", equalTo(0))
                .body("flowEfficiency.efficiency", nullValue())
                .body("flowEfficiency.reason", equalTo(FlowService.NO_STAYS));
        window().queryParam("project", "PAY' OR '1'='1").get(FLOW).then().statusCode(200)
                .body("throughput", equalTo(0));
    }

    @Test
    void aWindowWithoutCompletionsHasNullsWithReasonsNotZeros() {
        exact().auth().oauth2(acmeViewer).queryParam("from", "2025-01-01").queryParam("to", "2025-01-31").get(FLOW)
                .then().statusCode(200)
                .body("throughput", equalTo(0))
                .body("wip", equalTo(0))
                .body("cycleTime.items", equalTo(0))
                .body("cycleTime.p50Hours", nullValue())
                .body("cycleTime.reason", equalTo(FlowService.NO_COMPLETED))
                .body("leadTime.p95Hours", nullValue())
                .body("flowEfficiency.efficiency", nullValue())
                .body("flowEfficiency.reason", equalTo(FlowService.NO_COMPLETED))
                .body("timeInStatus.size()", equalTo(0))
                .body("series.cycleTimeP50Hours", contains(nullValue(), nullValue(), nullValue(), nullValue(),
                        nullValue()));
    }

    @Test
    void anotherOrganizationsItemsNeverShow() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-flow", OrgRole.VIEWER));
        exact().auth().oauth2(globexViewer).queryParam("from", "2025-03-25").queryParam("to", "2025-04-06")
                .get("/api/v1/analytics/orgs/globex-flow/work-items/flow").then().statusCode(200)
                .body("throughput", equalTo(1))
                .body("cycleTime.p50Hours", closeTo(24.0, EPSILON));
        given().auth().oauth2(globexViewer).get(FLOW).then().statusCode(404)
                .contentType("application/problem+json")
                .body("throughput", nullValue());
    }

    @Test
    void badFiltersAreProblems() {
        window().queryParam("period", "year").get(FLOW).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("period"));
        window().queryParam("type", "feature").get(FLOW).then().statusCode(400)
                .body("violations.field", contains("type"));
        window().queryParam("provider", "jira' OR 1=1 --").get(FLOW).then().statusCode(400)
                .body("violations.field", contains("provider"));
        window().queryParam("project", "PAY\u0000").get(FLOW).then().statusCode(400)
                .body("violations.field", contains("project"));
        given().auth().oauth2(acmeViewer).queryParam("from", "2025-04-06").queryParam("to", "2025-03-25").get(FLOW)
                .then().statusCode(400).body("violations.field", contains("from"));
        given().auth().oauth2(acmeViewer).queryParam("from", "2020-01-01").queryParam("to", "2025-03-25").get(FLOW)
                .then().statusCode(400).body("violations.field", contains("from"));
        given().auth().oauth2(acmeViewer).queryParam("to", "2025-13-01").get(FLOW)
                .then().statusCode(400).body("violations.field", contains("to"));
        given().get(FLOW).then().statusCode(401);
    }

    @Test
    void graphQLAnswersWhatRestAnswers() {
        String query = """
                { workItemFlow(org: "%s", from: "2025-03-25", to: "2025-04-06", period: "month") {
                    throughput wip cycleTime { items p85Hours } flowEfficiency { efficiency }
                    timeInStatus { category statuses { status totalHours } } series { start wip } } }""";
        exact().auth().oauth2(acmeViewer).contentType(ContentType.JSON).body(Map.of("query", query.formatted("acme-flow")))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.workItemFlow.throughput", equalTo(4))
                .body("data.workItemFlow.cycleTime.p85Hours", closeTo(524.4, EPSILON))
                .body("data.workItemFlow.flowEfficiency.efficiency", closeTo(732.0 / 756.0, EPSILON))
                .body("data.workItemFlow.timeInStatus.category", contains("todo", "in_progress", "done"))
                .body("data.workItemFlow.series.start", contains("2025-03-25", "2025-04-01"));
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-flow", OrgRole.VIEWER));
        given().auth().oauth2(globexViewer).contentType(ContentType.JSON)
                .body(Map.of("query", query.formatted("acme-flow"))).post("/api/v1/analytics/graphql").then()
                .statusCode(200).body("data", nullValue()).body("errors[0].extensions.status", equalTo(404));
    }

    private RequestSpecification window() {
        return exact().auth().oauth2(acmeViewer).queryParam("from", "2025-03-25").queryParam("to", "2025-04-06");
    }

    /** Hours compared as the doubles they are (RestAssured reads JSON decimals as floats by default). */
    private static RequestSpecification exact() {
        return given().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static Instant at(String monthDayHour) {
        return Instant.parse("2025-" + monthDayHour + ":00:00Z");
    }
}
