package io.devhealth.sync.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;

import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.sync.job.Polling;
import io.devhealth.sync.metrics.MetricsData;
import io.devhealth.sync.metrics.repository.MetricsRecompute;
import io.devhealth.sync.metrics.repository.MetricsRecomputeRepository;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The metrics recomputation API on the real engines: source rows written into ClickHouse as the providers write them
 * (no metric computed for them), recomputed through the API, checked against values worked out by hand.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class MetricsRecomputeResourceTests {

    private static final String RECOMPUTE = "/api/v1/sync/orgs/{org}/metrics/recompute";
    private static final String ONE = "/api/v1/sync/orgs/{org}/metrics/recompute/{id}";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final List<String> TABLES = List.of("repo_metrics_daily", "user_metrics_daily",
            "team_metrics_daily", "work_item_metrics_daily", "dora_metrics_daily");

    @Inject
    Client clickhouse;

    @Inject
    MetricsRecomputeRepository recomputes;

    final IdentityFixture identity = new IdentityFixture();
    String admin;
    Org org;
    MetricsData data;

    @BeforeEach
    void organization() {
        admin = identity.adminToken();
        org = identity.createOrg(admin, "recompute");
        data = new MetricsData(clickhouse, org.id());
        identity.put("/api/v1/identity/orgs/" + org.slug() + "/settings/timezone", admin,
                Map.of("value", "Europe/Berlin")).require(200);
    }

    /**
     * Berlin is UTC+2 in May. A commit at 1 May 23:30Z is on 2 May there; 10 May 10:00Z on the 10th; 20 May 10:00Z
     * on the 20th, outside the range 1–15 May. A GitHub issue created 3 May 10:00Z and closed 4 May 10:00Z: created
     * on the 3rd, completed on the 4th with a lead time of 24 h. 15 days in steps of 7: progress 0, 7, 14, 15.
     */
    @Test
    void recomputesTheRangeInTheOrganizationsZoneReportsProgressAndIsIdempotent() {
        UUID repo = UUID.randomUUID();
        data.commit(repo, "c1", "ada@acme.io", Instant.parse("2024-05-01T23:30:00Z"), 3, 1);

        // The organization's tables were never computed in Berlin: the first recomputation rewrites every day.
        JsonPath first = awaitEnd(start(admin, "2024-05-01", "2024-05-15"));
        assertThat(first.getString("state")).as(first.prettify()).isEqualTo("succeeded");
        assertThat(data.daily("repo_metrics_daily", "'repo'", "commits", "additions"))
                .isEqualTo(Map.of("repo|2024-05-02", "1,3"));

        long later = 2;
        data.commit(repo, "c2", "ada@acme.io", Instant.parse("2024-05-10T10:00:00Z"), 5, later);
        data.commit(repo, "c3", "ada@acme.io", Instant.parse("2024-05-20T10:00:00Z"), 7, later);
        data.workItem("github", "7", "acme/api", "bug", "closed", "done", Instant.parse("2024-05-03T10:00:00Z"),
                null, Instant.parse("2024-05-04T10:00:00Z"), later);

        ValidatableResponse started = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("from", "2024-05-01", "to", "2024-05-15"))
                .when().post(RECOMPUTE, org.slug())
                .then().statusCode(202).contentType(ContentType.JSON)
                .body("orgId", equalTo(org.id().toString()))
                .body("from", equalTo("2024-05-01"))
                .body("to", equalTo("2024-05-15"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("daysTotal", is(15))
                .body("failureReason", equalTo(null));
        String id = started.extract().jsonPath().getString("id");
        assertThat(started.extract().header("Location")).endsWith("/api/v1/sync/orgs/" + org.slug()
                + "/metrics/recompute/" + id);

        JsonPath second = awaitEnd(id);
        assertThat(second.getString("state")).as(second.prettify()).isEqualTo("succeeded");
        assertThat(second.getInt("daysDone")).isEqualTo(15);
        assertThat(progressRows(id)).as("progress recorded after each step (rows not yet merged away)")
                .isSubsetOf(0, 7, 14, 15).contains(15);
        assertThat(data.daily("repo_metrics_daily", "'repo'", "commits", "additions")).as("the 20th is outside")
                .isEqualTo(Map.of("repo|2024-05-02", "1,3", "repo|2024-05-10", "1,5"));
        assertThat(data.daily("user_metrics_daily", "identity_key", "commits", "additions")).isEqualTo(Map.of(
                "git:ada@acme.io|2024-05-02", "1,3", "git:ada@acme.io|2024-05-10", "1,5"));
        assertThat(data.daily("work_item_metrics_daily", "project_key", "created", "completed", "wip",
                "bugs_created", "lead_time_p50_hours")).isEqualTo(Map.of(
                        "acme/api|2024-05-03", "1,0,0,1,null",
                        "acme/api|2024-05-04", "0,1,0,0,24"));

        Map<String, List<String>> before = snapshot();
        JsonPath third = awaitEnd(start(admin, "2024-05-01", "2024-05-15"));
        assertThat(third.getString("id")).isNotEqualTo(id);
        assertThat(third.getString("state")).isEqualTo("succeeded");
        assertThat(snapshot()).as("recomputing again yields the same rows").isEqualTo(before);
    }

    @Test
    void onlyAdminsMayRecomputeMembersMayFollowAndOtherOrganizationsSeeNothing() {
        String id = start(admin, "2024-01-01", "2024-01-02");
        awaitEnd(id);
        String orgAdmin = identity.createUserToken(org, "admin");
        String member = identity.createUserToken(org, "member");
        String viewer = identity.createUserToken(org, "viewer");
        String outsider = identity.createUserToken(org, null);
        Map<String, String> range = Map.of("from", "2024-01-01", "to", "2024-01-02");

        problem(post(viewer, org.slug(), range), 403, ProblemTypes.FORBIDDEN)
                .body("detail", containsString("requires role admin"));
        problem(post(member, org.slug(), range), 403, ProblemTypes.FORBIDDEN);
        problem(post(outsider, org.slug(), range), 403, ProblemTypes.FORBIDDEN);
        problem(post(admin, "absent-" + UUID.randomUUID().toString().substring(0, 8), range), 404,
                ProblemTypes.NOT_FOUND);
        assertThat(awaitEnd(start(orgAdmin, "2024-01-01", "2024-01-02")).getString("state")).isEqualTo("succeeded");

        given().auth().oauth2(member).when().get(ONE, org.slug(), id).then().statusCode(200)
                .body("id", equalTo(id)).body("state", equalTo("succeeded")).body("daysDone", is(2));
        problem(given().auth().oauth2(viewer).when().get(ONE, org.slug(), id), 403, ProblemTypes.FORBIDDEN);

        Org other = identity.createOrg(admin, "recompute-other");
        problem(given().auth().oauth2(admin).when().get(ONE, other.slug(), id), 404, ProblemTypes.NOT_FOUND);
        problem(given().auth().oauth2(admin).when().get(ONE, org.slug(), UUID.randomUUID()), 404,
                ProblemTypes.NOT_FOUND);
        problem(given().auth().oauth2(admin).when().get(ONE, org.slug(), "not-a-uuid"), 404, ProblemTypes.NOT_FOUND);
        problem(given().contentType(ContentType.JSON).body(Map.of("from", "2024-01-01", "to", "2024-01-02"))
                .when().post(RECOMPUTE, org.slug()), 401, ProblemTypes.UNAUTHORIZED);
    }

    @Test
    void malformedRangesAreBadRequests() {
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).toString();
        badRange(Map.of("from", "2024-02-10", "to", "2024-02-01"), "from");
        badRange(Map.of("from", "2024-13-01", "to", "2024-12-31"), "from");
        badRange(Map.of("from", "2024-02-30", "to", "2024-03-01"), "from");
        badRange(Map.of("from", "2024-02-01"), "to");
        badRange(Map.of("to", "2024-02-01"), "from");
        badRange(Map.of("from", "1969-12-31", "to", "1970-01-05"), "from");
        badRange(Map.of("from", "2024-01-01", "to", tomorrow), "to");
        badRange(Map.of("from", "2020-01-01", "to", "2022-01-01"), "to");
        badRange(Map.of("from", "", "to", "2024-01-01"), "from");

        problem(given().auth().oauth2(admin).contentType(ContentType.JSON).when().post(RECOMPUTE, org.slug()), 400,
                ProblemTypes.BAD_REQUEST);
        problem(given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"from\": \"2024-01-01\", ")
                .when().post(RECOMPUTE, org.slug()), 400, ProblemTypes.BAD_REQUEST);
        problem(given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"from\": [1], \"to\": \"2024-01-01\"}")
                .when().post(RECOMPUTE, org.slug()), 400, ProblemTypes.BAD_REQUEST);
        problem(given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"from\": \"2024-01-01\\u0000\", \"to\": \"2024-01-02\"}")
                .when().post(RECOMPUTE, org.slug()), 422, ProblemTypes.VALIDATION);
        assertThat(data.rawRows("repo_metrics_daily")).isZero();
    }

    @Test
    void aFailureReasonWithBackslashesTabsAndLineBreaksIsStoredAsItIs() {
        String reason = "C:\\tmp\\new\tcolumn\nsecond line\r\\N it's";
        Instant now = Instant.now();
        MetricsRecompute failed = new MetricsRecompute(org.id(), UUID.randomUUID(), LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 2), "UTC", MetricsRecompute.FAILED, 2, 1, reason, "ada\\admin", now, now);

        recomputes.save(failed);

        MetricsRecompute stored = recomputes.find(org.id(), failed.id()).orElseThrow();
        assertThat(stored.failureReason()).isEqualTo(reason);
        assertThat(stored.requestedBy()).isEqualTo("ada\\admin");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void badRange(Map<String, String> body, String field) {
        problem(post(admin, org.slug(), body), 400, ProblemTypes.BAD_REQUEST)
                .body("violations[0].field", equalTo(field));
    }

    private static Response post(String token, String orgRef, Map<String, String> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(RECOMPUTE, orgRef);
    }

    private String start(String token, String from, String to) {
        return post(token, org.slug(), Map.of("from", from, "to", to)).then().statusCode(202).extract().jsonPath()
                .getString("id");
    }

    private JsonPath awaitEnd(String id) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            JsonPath recompute = given().auth().oauth2(admin).when().get(ONE, org.slug(), id).then().statusCode(200)
                    .extract().jsonPath();
            String state = recompute.getString("state");
            if (state.equals("succeeded") || state.equals("failed")) {
                return recompute;
            }
            assertThat(recompute.getInt("daysDone")).isBetween(0, recompute.getInt("daysTotal"));
            Polling.pause();
        }
        return fail("recomputation %s did not end within %s", id, DEADLINE);
    }

    /** daysDone of every progress row of the recomputation still unmerged (each state change is a row). */
    private List<Integer> progressRows(String id) {
        return clickhouse.queryAll("SELECT days_done FROM metrics_recomputes WHERE recompute_id = {id:UUID}",
                Map.of("id", id)).stream().map(row -> (int) row.getLong("days_done")).toList();
    }

    private Map<String, List<String>> snapshot() {
        return TABLES.stream().collect(java.util.stream.Collectors.toMap(table -> table, data::rowsWithoutVersion));
    }

    private static ValidatableResponse problem(Response response, int status, URI type) {
        return response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type.toString()))
                .body("status", is(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("Exception")));
    }
}
