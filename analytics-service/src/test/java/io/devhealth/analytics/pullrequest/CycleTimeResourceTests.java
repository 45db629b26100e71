package io.devhealth.analytics.pullrequest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

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
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Cycle time on a hand-built dataset, every expected value worked out by hand below: a merge deployed through its
 * merge commit, a squash merge deployed through its squash commit, a request merged without review and never
 * deployed, a review after the merge, the author's own review, a first commit after the request was opened, tombstoned
 * requests, reviews and change facts, requests not merged or merged outside the window, another organization's.
 *
 * <p>Percentiles interpolate between closest ranks: over n sorted values, p sits at rank h = (n − 1) p, the
 * value x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class CycleTimeResourceTests {

    private static final String CYCLE_TIME = "/api/v1/analytics/orgs/acme-cycle/pull-requests/cycle-time";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = new UUID(0, 1);
    private static final UUID WEB = new UUID(0, 2);
    private static final UUID ADA = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void goldenDataset() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.repo(GLOBEX, API, "globex/api", 1);
        ActivityRows rows = ActivityRows.migrated();
        // P1 api#1 by ada, merged 03-03: coding 12 h, pickup 2 h (bob), review 4 h; its merge commit reached
        // production 2 h after the merge (staging an hour earlier does not count).
        merged(rows, API, 1, "ada", "03-02T20:00", "03-03T08:00", "03-03T14:00").set("merge_commit_sha", "m1").insert();
        rows.review(ACME, API, 1, "r1", "bob", at("03-03T10:00")).insert();
        rows.changeFact(ACME, API, "m1", "d1", at("03-03T16:00")).insert();
        rows.changeFact(ACME, API, "m1", "s1", at("03-03T15:00")).set("environment", "staging")
                .set("is_production", 0).insert();
        // P2 api#2 by bob, squash-merged 03-04 (merge commit mc2 after squash commit sq2): coding 6 h, pickup 1 h
        // (first_review_at; bob's own earlier review does not count), review 5 h; sq2 reached production 24 h later.
        merged(rows, API, 2, "bob", "03-04T00:00", "03-04T06:00", "03-04T12:00").set("merge_commit_sha", "mc2")
                .set("squash_commit_sha", "sq2").set("first_review_at", at("03-04T07:00")).insert();
        rows.review(ACME, API, 2, "r2", "Bob", at("03-04T06:30")).insert();
        rows.changeFact(ACME, WEB, "sq2", "d2-other-repo", at("03-04T13:00")).insert();
        rows.changeFact(ACME, API, "sq2", "d2", at("03-05T12:00")).insert();
        // P3 web#3 by ada, merged 03-05 without review (a review later tombstoned), first commit unknown, never
        // deployed.
        merged(rows, WEB, 3, "ada", null, "03-05T09:00", "03-05T10:00").insert();
        rows.review(ACME, WEB, 3, "r3", "bob", at("03-05T09:30")).insert();
        rows.review(ACME, WEB, 3, "r3", "bob", at("03-05T09:30")).deleted().insert();
        // P4 web#4 by carol (nobody's identity), merged 03-11: coding 24 h, pickup 8 h (ada; bob reviewed after the
        // merge), review 12 h; its commits reached production 1 h and 25 h after the merge: 1 h.
        merged(rows, WEB, 4, "carol", "03-09T12:00", "03-10T12:00", "03-11T08:00").insert();
        rows.review(ACME, WEB, 4, "r4", "ada", at("03-10T20:00")).insert();
        rows.review(ACME, WEB, 4, "r5", "bob", at("03-12T00:00")).insert();
        rows.changeFact(ACME, WEB, "w4a", "d4", at("03-11T09:00")).set("pr_number", 4).insert();
        rows.changeFact(ACME, WEB, "w4b", "d5", at("03-12T09:00")).set("pr_number", 4).insert();
        // P5 api#5 by ada, merged 03-13: first commit after opening (0 h), pickup 2 h, review 24 h; its change fact was
        // tombstoned by a later linkage: not deployed.
        merged(rows, API, 5, "ada", "03-12T11:00", "03-12T10:00", "03-13T12:00").insert();
        rows.review(ACME, API, 5, "r6", "bob", at("03-12T12:00")).insert();
        rows.changeFact(ACME, API, "c5", "d6", at("03-13T13:00")).set("pr_number", 5).insert();
        rows.changeFact(ACME, API, "c5", "d6", at("03-13T13:00")).set("pr_number", 5).deleted().insert();
        // Not counted: a merged request deleted at the source, merged before the window, open, closed unmerged,
        // another organization's.
        merged(rows, API, 6, "ada", "03-04T00:00", "03-04T01:00", "03-04T02:00").insert();
        merged(rows, API, 6, "ada", "03-04T00:00", "03-04T01:00", "03-04T02:00").deleted().insert();
        merged(rows, API, 7, "ada", "02-27T00:00", "02-28T01:00", "03-02T23:00").insert();
        rows.pullRequest(ACME, API, 8, at("03-04T00:00")).insert();
        rows.pullRequest(ACME, API, 9, at("03-04T00:00")).set("state", "closed").set("closed_at", at("03-05T00:00"))
                .insert();
        rows.pullRequest(GLOBEX, API, 1, at("03-04T00:00")).set("state", "merged")
                .set("first_commit_at", at("03-03T00:00")).set("merged_at", at("03-04T10:00")).insert();

        rows.identity(ACME, "github", "ada", ADA);
        rows.identity(ACME, "github", "bob", BOB);
        rows.team(ACME, UUID.randomUUID().toString(), "payments", "Payments", ADA);
        rows.team(ACME, UUID.randomUUID().toString(), "platform", "Platform", BOB);
        rows.team(ACME, UUID.randomUUID().toString(), "empty", "Nobody yet");
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-cycle", OrgRole.VIEWER));
    }

    @Test
    void mergeDaysAndPeriodsAreTheOrganizationsDays() {
        // In Los Angeles (UTC−8) a merge at 03-01T07:00 UTC is 28 February, one at 09:00 UTC is 1 March.
        UUID zoned = UUID.randomUUID();
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(zoned, API, "zoned/api", 1);
        tables.timeZone(zoned, "America/Los_Angeles");
        ActivityRows rows = ActivityRows.migrated();
        for (long number : new long[] { 1, 2 }) {
            rows.pullRequest(zoned, API, number, at("02-27T00:00")).set("state", "merged")
                    .set("merged_at", at(number == 1 ? "03-01T07:00" : "03-01T09:00")).insert();
        }
        given().auth().oauth2(identity.token(new OrgGrant(zoned, "zoned-cycle", OrgRole.VIEWER)))
                .queryParam("from", "2025-03-01").queryParam("to", "2025-03-02").queryParam("period", "day")
                .get("/api/v1/analytics/orgs/zoned-cycle/pull-requests/cycle-time").then().statusCode(200)
                .body("timeZone", equalTo("America/Los_Angeles"))
                .body("overall.mergedPullRequests", equalTo(1))
                .body("byPeriod.start", contains("2025-03-01", "2025-03-02"))
                .body("byPeriod.cycleTime.mergedPullRequests", contains(1, 0));
    }

    @Test
    void aZoneAheadOfUtcKeepsDeploymentsOfItsFirstMorning() {
        // In Tokyo (UTC+9) the window 1–2 March starts at 02-28T15:00 UTC: a request merged at 02-28T16:00 UTC
        // (1 March, 01:00) whose merge commit reached production at 02-28T20:00 UTC (1 March, 05:00) is a 4 h deploy.
        UUID zoned = UUID.randomUUID();
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(zoned, API, "tokyo/api", 1);
        tables.timeZone(zoned, "Asia/Tokyo");
        ActivityRows rows = ActivityRows.migrated();
        rows.pullRequest(zoned, API, 1, at("02-28T10:00")).set("state", "merged").set("merged_at", at("02-28T16:00"))
                .set("merge_commit_sha", "t1").insert();
        rows.changeFact(zoned, API, "t1", "dt1", at("02-28T20:00")).insert();
        given().auth().oauth2(identity.token(new OrgGrant(zoned, "tokyo-cycle", OrgRole.VIEWER)))
                .queryParam("from", "2025-03-01").queryParam("to", "2025-03-02").queryParam("period", "day")
                .get("/api/v1/analytics/orgs/tokyo-cycle/pull-requests/cycle-time").then().statusCode(200)
                .body("overall.mergedPullRequests", equalTo(1))
                .body("overall.deploy.samples", equalTo(1))
                .body("overall.deploy.p50Hours", equalTo(4.0f))
                .body("byPeriod.cycleTime.mergedPullRequests", contains(1, 0));
    }

    @Test
    void theStagesOfTheWindowAreExactPercentilesOverEveryRequest() {
        // Coding 0, 6, 12, 24; pickup 1, 2, 2, 8; review 4, 5, 12, 24; deploy 1, 2, 24.
        ValidatableResponse report = twoWeeks().get(CYCLE_TIME).then().statusCode(200)
                .body("period", equalTo("week")).body("timeZone", equalTo("UTC")).body("repo", nullValue())
                .body("overall.mergedPullRequests", equalTo(5));
        stage(report, "overall.coding", 4, 9.0, 15.0, 20.4);
        stage(report, "overall.pickup", 4, 2.0, 3.5, 6.2);
        stage(report, "overall.review", 4, 8.5, 15.0, 20.4);
        stage(report, "overall.deploy", 3, 2.0, 13.0, 19.6);
    }

    @Test
    void periodsAndRepositoriesAreTheirOwnSamples() {
        ValidatableResponse report = twoWeeks().get(CYCLE_TIME).then().statusCode(200)
                .body("byPeriod.start", contains("2025-03-03", "2025-03-10"))
                .body("byPeriod.cycleTime.mergedPullRequests", contains(3, 2))
                .body("byRepo.repo", contains("acme/api", "acme/web"))
                .body("byRepo.cycleTime.mergedPullRequests", contains(3, 2))
                .body("byTeam", hasSize(0));
        // Week of 03-03: P1, P2, P3. Week of 03-10: P4, P5.
        stage(report, "byPeriod[0].cycleTime.coding", 2, 9.0, 10.5, 11.4);
        stage(report, "byPeriod[0].cycleTime.pickup", 2, 1.5, 1.75, 1.9);
        stage(report, "byPeriod[0].cycleTime.deploy", 2, 13.0, 18.5, 21.8);
        stage(report, "byPeriod[1].cycleTime.review", 2, 18.0, 21.0, 22.8);
        stage(report, "byPeriod[1].cycleTime.deploy", 1, 1.0, 1.0, 1.0);
        // acme/api: P1, P2, P5; acme/web: P3, P4.
        stage(report, "byRepo[0].cycleTime.coding", 3, 6.0, 9.0, 10.8);
        stage(report, "byRepo[0].cycleTime.deploy", 2, 13.0, 18.5, 21.8);
        stage(report, "byRepo[1].cycleTime.pickup", 1, 8.0, 8.0, 8.0);
    }

    @Test
    void teamsAreTheirMembersRequests() {
        // payments (ada): P1, P3, P5; platform (bob): P2; empty: nothing. Overall: P1, P2, P3, P5.
        ValidatableResponse report = twoWeeks().queryParam("team", "payments", "platform", "empty").get(CYCLE_TIME)
                .then().statusCode(200)
                .body("teams", contains("payments", "platform", "empty"))
                .body("overall.mergedPullRequests", equalTo(4))
                .body("byTeam.team", contains("payments", "platform", "empty"))
                .body("byTeam.name", contains("Payments", "Platform", "Nobody yet"))
                .body("byTeam.cycleTime.mergedPullRequests", contains(3, 1, 0))
                .body("byTeam[2].cycleTime.review.reason", equalTo(CycleTimeService.NO_MERGES));
        stage(report, "byTeam[0].cycleTime.coding", 2, 6.0, 9.0, 10.8);
        stage(report, "byTeam[0].cycleTime.review", 2, 14.0, 19.0, 22.0);
        stage(report, "byTeam[0].cycleTime.deploy", 1, 2.0, 2.0, 2.0);
        stage(report, "byTeam[1].cycleTime.deploy", 1, 24.0, 24.0, 24.0);
    }

    @Test
    void aStageWithoutSamplesIsNullWithItsReason() {
        // acme/web by payments: P3 only, merged without review, first commit unknown, never deployed.
        twoWeeks().queryParam("repo", "acme/web").queryParam("team", "payments").get(CYCLE_TIME).then()
                .statusCode(200)
                .body("repo", equalTo("acme/web"))
                .body("overall.mergedPullRequests", equalTo(1))
                .body("overall.coding.samples", equalTo(0))
                .body("overall.coding.p50Hours", nullValue())
                .body("overall.coding.reason", equalTo(CycleTimeService.NO_FIRST_COMMIT))
                .body("overall.pickup.reason", equalTo(CycleTimeService.NO_REVIEW))
                .body("overall.review.p90Hours", nullValue())
                .body("overall.deploy.reason", equalTo(CycleTimeService.NO_DEPLOYMENT));
        window("2025-04-01", "2025-04-03").queryParam("period", "day").get(CYCLE_TIME).then().statusCode(200)
                .body("overall.mergedPullRequests", equalTo(0))
                .body("overall.deploy.p50Hours", nullValue())
                .body("overall.deploy.reason", equalTo(CycleTimeService.NO_MERGES))
                .body("byPeriod.start", contains("2025-04-01", "2025-04-02", "2025-04-03"))
                .body("byPeriod.cycleTime.mergedPullRequests", contains(0, 0, 0))
                .body("byRepo", hasSize(0));
    }

    @Test
    void daysAndMonthsBucketTheSameRequests() {
        window("2025-03-03", "2025-03-06").queryParam("period", "day").get(CYCLE_TIME).then().statusCode(200)
                .body("byPeriod.start", contains("2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"))
                .body("byPeriod.cycleTime.mergedPullRequests", contains(1, 1, 1, 0))
                .body("byPeriod[3].cycleTime.coding.reason", equalTo(CycleTimeService.NO_MERGES));
        twoWeeks().queryParam("period", "month").get(CYCLE_TIME).then().statusCode(200)
                .body("byPeriod.start", contains("2025-03-01"))
                .body("byPeriod.cycleTime.mergedPullRequests", contains(5));
    }

    @Test
    void anotherOrganizationsRequestsNeverCount() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-cycle", OrgRole.VIEWER));
        exact().auth().oauth2(globexViewer).queryParam("from", "2025-03-03").queryParam("to", "2025-03-16")
                .get("/api/v1/analytics/orgs/globex-cycle/pull-requests/cycle-time").then().statusCode(200)
                .body("overall.mergedPullRequests", equalTo(1))
                .body("overall.coding.p50Hours", closeTo(24.0, 1e-9))
                .body("byRepo.repo", contains("globex/api"));
        given().auth().oauth2(globexViewer).get(CYCLE_TIME).then().statusCode(404)
                .contentType("application/problem+json");
        twoWeeks().queryParam("repo", "globex/api").get(CYCLE_TIME).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void badFiltersAreProblems() {
        twoWeeks().queryParam("period", "year").get(CYCLE_TIME).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("period"));
        twoWeeks().queryParam("team", "nobody").get(CYCLE_TIME).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        twoWeeks().queryParam("team", "payments' OR '1'='1").get(CYCLE_TIME).then().statusCode(404);
        twoWeeks().queryParam("team", IntStream.range(0, 21).mapToObj(i -> "t" + i).toArray()).get(CYCLE_TIME).then()
                .statusCode(400).body("violations.field", contains("team"));
        twoWeeks().queryParam("repo", "x".repeat(256)).get(CYCLE_TIME).then().statusCode(400)
                .body("violations.field", contains("repo"));
        window("2025-03-16", "2025-03-03").get(CYCLE_TIME).then().statusCode(400)
                .body("violations.field", contains("from"));
        window("2024-01-01", "2025-03-03").get(CYCLE_TIME).then().statusCode(400)
                .body("violations.field", contains("from"));
        window("2025-03-01", "tomorrow").get(CYCLE_TIME).then().statusCode(400)
                .body("violations.field", contains("to"));
    }

    private static void stage(ValidatableResponse report, String path, int samples, double p50, double p75,
            double p90) {
        report.body(path + ".samples", equalTo(samples))
                .body(path + ".p50Hours", closeTo(p50, 1e-9))
                .body(path + ".p75Hours", closeTo(p75, 1e-9))
                .body(path + ".p90Hours", closeTo(p90, 1e-9))
                .body(path + ".reason", nullValue());
    }

    private static ActivityRows.Row merged(ActivityRows rows, UUID repo, long number, String author,
            String firstCommit, String opened, String merged) {
        return rows.pullRequest(ACME, repo, number, at(opened)).set("author_login", author).set("state", "merged")
                .set("first_commit_at", firstCommit == null ? null : at(firstCommit)).set("merged_at", at(merged))
                .set("closed_at", at(merged));
    }

    private RequestSpecification twoWeeks() {
        return window("2025-03-03", "2025-03-16");
    }

    private RequestSpecification window(String from, String to) {
        return exact().auth().oauth2(viewer).queryParam("from", from).queryParam("to", to);
    }

    /** Hours compared as the doubles they are (RestAssured reads JSON decimals as floats by default). */
    private static RequestSpecification exact() {
        return given().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
