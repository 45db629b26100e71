package io.devhealth.analytics.dora;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
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
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * DORA on a hand-built dataset, every expected value worked out by hand below: pipeline runs that deploy twice,
 * non-production and out-of-window deployments, a tombstoned deployment, a change deployed to two production
 * regions, a commit dated after its deployment, failures with and without recovery, a rework deployment, another
 * organization's rows; then the filters, the empty window and bad input.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class DoraResourceTests {

    private static final String DORA = "/api/v1/analytics/orgs/acme-dora/dora";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = UUID.randomUUID();
    private static final UUID WEB = UUID.randomUUID();

    @InjectIdentityStub
    IdentityStub identity;

    private String acmeViewer;

    @BeforeAll
    static void goldenDataset() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.team(ACME, "frontend", "acme/w?b", "other/*");
        tables.team(ACME, "literal", "acme_api"); // '_' is a literal character, not LIKE's any-character
        // Production deployments in the window 2025-03-01..14 (14 days, 2 weeks):
        // one pipeline run deploying to production and prod-eu: one deployment, finished at 10:30.
        tables.deploymentFact(ACME, API, "d1", "production", true, "p1", at("03-01T10:00"), "", null, false, false, 1);
        tables.deploymentFact(ACME, API, "d2", "prod-eu", true, "p1", at("03-01T10:30"), "", null, false, false, 1);
        // failed (incident), recovered 3 h later; then the hotfix: a rework deployment that did not fail.
        tables.deploymentFact(ACME, API, "d3", "production", true, "", at("03-03T12:00"), "incident",
                at("03-03T15:00"), false, false, 1);
        tables.deploymentFact(ACME, API, "d4", "production", true, "", at("03-03T16:00"), "", null, true, false, 1);
        // failed (rollback), recovered after 1 h; failed (hotfix) and not recovered yet.
        tables.deploymentFact(ACME, WEB, "d5", "production", true, "", at("03-08T09:00"), "rollback",
                at("03-08T10:00"), false, false, 1);
        tables.deploymentFact(ACME, WEB, "d6", "production", true, "", at("03-10T09:00"), "hotfix", null, false,
                false, 1);
        // Not counted: staging, an unnamed non-production environment, before the window, a deployment deleted at the
        // source, another organization's.
        tables.deploymentFact(ACME, API, "d11", "", false, "", at("03-06T09:00"), "", null, false, false, 1);
        tables.deploymentFact(ACME, API, "d7", "staging", false, "", at("03-05T09:00"), "", null, false, false, 1);
        tables.deploymentFact(ACME, API, "d8", "production", true, "", at("02-27T09:00"), "", null, false, false, 1);
        tables.deploymentFact(ACME, API, "d10", "production", true, "", at("03-12T09:00"), "", null, false, false, 1);
        tables.deploymentFact(ACME, API, "d10", "production", true, "", at("03-12T09:00"), "", null, false, true, 2);
        tables.deploymentFact(GLOBEX, API, "d9", "production", true, "", at("03-02T09:00"), "incident", null, false,
                false, 1);

        // Changes: lead time = first production deployment − author time.
        tables.changeFact(ACME, API, "a1", "production", true, at("02-28T10:00"), "d1", at("03-01T10:00")); // 24 h
        tables.changeFact(ACME, API, "a1", "prod-eu", true, at("02-28T10:00"), "d2", at("03-01T10:30")); // same change
        tables.changeFact(ACME, API, "a2", "production", true, at("03-01T08:00"), "d1", at("03-01T10:00")); // 2 h
        tables.changeFact(ACME, API, "a3", "production", true, at("03-02T12:00"), "d3", at("03-03T12:00")); // 24 h
        tables.changeFact(ACME, API, "a4", "production", true, at("03-03T15:00"), "d4", at("03-03T16:00")); // 1 h
        tables.changeFact(ACME, WEB, "w1", "production", true, at("03-01T09:00"), "d5", at("03-08T09:00")); // 168 h
        tables.changeFact(ACME, WEB, "w2", "production", true, at("03-09T10:00"), "d6", at("03-10T09:00")); // 23 h
        tables.changeFact(ACME, WEB, "w3", "production", true, at("03-10T10:00"), "d6", at("03-10T09:00")); // skew: 0 h
        tables.changeFact(ACME, API, "s1", "staging", false, at("03-04T09:00"), "d7", at("03-05T09:00"));
        tables.changeFact(GLOBEX, API, "g1", "production", true, at("03-01T09:00"), "d9", at("03-02T09:00"));
    }

    @BeforeEach
    void viewerOfAcme() {
        acmeViewer = identity.token(new OrgGrant(ACME, "acme-dora", OrgRole.VIEWER));
    }

    @Test
    void theFiveMetricsOfTheWindowAreExactAndLevelled() {
        // Deployments: {d1,d2}, d3, d4, d5, d6 = 5 on 4 days; failed d3, d5, d6; rework d4.
        // Recovery: d3 3 h, d5 1 h → median 2 h; d6 not recovered.
        // Lead times (h): 0, 1, 2, 23, 24, 24, 168 → median 23; p90 at rank 5.4: 24 + 0.4 × 144 = 81.6.
        window("2025-03-01", "2025-03-14").get(DORA).then().statusCode(200)
                .body("levels.id", equalTo("2024"))
                .body("environment", nullValue())
                .body("deploymentFrequency.deployments", equalTo(5))
                .body("deploymentFrequency.perDay", closeTo(5 / 14.0, 1e-9))
                .body("deploymentFrequency.perWeek", closeTo(2.5, 1e-9))
                .body("deploymentFrequency.daysWithDeployment", equalTo(4))
                .body("deploymentFrequency.daysWithDeploymentPerWeek", closeTo(2.0, 1e-9))
                .body("deploymentFrequency.level", equalTo("high"))
                .body("changeLeadTime.changes", equalTo(7))
                .body("changeLeadTime.medianHours", closeTo(23.0, 1e-9))
                .body("changeLeadTime.p90Hours", closeTo(81.6, 1e-9))
                .body("changeLeadTime.level", equalTo("elite"))
                .body("changeFailRate.failedDeployments", equalTo(3))
                .body("changeFailRate.rate", closeTo(0.6, 1e-9))
                .body("changeFailRate.level", equalTo("low"))
                .body("failedDeploymentRecoveryTime.failedDeployments", equalTo(3))
                .body("failedDeploymentRecoveryTime.recovered", equalTo(2))
                .body("failedDeploymentRecoveryTime.medianHours", closeTo(2.0, 1e-9))
                .body("failedDeploymentRecoveryTime.level", equalTo("high"))
                .body("deploymentReworkRate.reworkDeployments", equalTo(1))
                .body("deploymentReworkRate.rate", closeTo(0.2, 1e-9))
                .body("series", hasSize(14))
                .body("series[0].deployments", equalTo(1))
                .body("series[0].changes", equalTo(2))
                .body("series[0].changeLeadTimeMedianHours", closeTo(13.0, 1e-9))
                // 2 and 24 h: rank 0.9 × 1 → 2 + 0.9 × 22.
                .body("series[0].changeLeadTimeP90Hours", closeTo(21.8, 1e-9))
                .body("series[2].deployments", equalTo(2))
                .body("series[2].failedDeployments", equalTo(1))
                .body("series[2].reworkDeployments", equalTo(1))
                .body("series[2].changeLeadTimeMedianHours", closeTo(12.5, 1e-9))
                .body("series[1].deployments", equalTo(0))
                .body("series[1].changeLeadTimeMedianHours", nullValue())
                .body("series[9].changeLeadTimeMedianHours", closeTo(11.5, 1e-9));
    }

    @Test
    void weeksAreIsoWeeksWithExactMediansAndTheQuickCheckAnswersFollowTheValues() {
        // 2025-03-01 is a Saturday: weeks starting 02-24 (1–2 March), 03-03 and 03-10 (10–14 March).
        // 02-24: {d1,d2} on 03-01; changes a1 24 h, a2 2 h → median 13.
        // 03-03: d3 (failed, 3 h), d4 (rework), d5 (failed, 1 h) on 2 days; changes 24, 1, 168 h → median 24.
        // 03-10: d6 (failed, not recovered); changes 23 h, 0 h → median 11.5.
        window("2025-03-01", "2025-03-14").get(DORA).then().statusCode(200)
                .body("weekly.weekStart", contains("2025-02-24", "2025-03-03", "2025-03-10"))
                .body("weekly.deployments", contains(1, 3, 1))
                .body("weekly.daysWithDeployment", contains(1, 2, 1))
                .body("weekly.failedDeployments", contains(0, 2, 1))
                .body("weekly.reworkDeployments", contains(0, 1, 0))
                .body("weekly.recoveredDeployments", contains(0, 2, 0))
                .body("weekly[0].recoveryMedianHours", nullValue())
                .body("weekly[1].recoveryMedianHours", closeTo(2.0, 1e-9))
                .body("weekly[2].recoveryMedianHours", nullValue())
                .body("weekly.changes", contains(2, 3, 2))
                .body("weekly[0].changeLeadTimeMedianHours", closeTo(13.0, 1e-9))
                .body("weekly[1].changeLeadTimeMedianHours", closeTo(24.0, 1e-9))
                // 1, 24, 168 h: rank 0.9 × 2 = 1.8 → 24 + 0.8 × 144.
                .body("weekly[1].changeLeadTimeP90Hours", closeTo(139.2, 1e-9))
                .body("weekly[2].changeLeadTimeMedianHours", closeTo(11.5, 1e-9))
                // 5 deployments in 14 days = 0.36 a day; median lead time 23 h; 3 of 5 failed; recovery 2 h; 1 of 5
                // reworked.
                .body("quickCheck.title", equalTo("DORA Quick Check 2025"))
                .body("quickCheck.deploymentFrequency", equalTo("Between once per day and once per week"))
                .body("quickCheck.changeLeadTime", equalTo("Less than one day"))
                .body("quickCheck.changeFailRate", equalTo("60%"))
                .body("quickCheck.failedDeploymentRecoveryTime", equalTo("Less than one day"))
                .body("quickCheck.deploymentReworkRate", equalTo("20%"));
        // Without deployments the answers are null, as the values are.
        window("2025-04-01", "2025-04-07").get(DORA).then().statusCode(200)
                .body("quickCheck.deploymentFrequency", nullValue())
                .body("quickCheck.changeFailRate", nullValue())
                .body("weekly.deployments", contains(0, 0));
    }

    @Test
    void aTeamNarrowsToTheRepositoriesItsPatternsMatch() {
        // frontend: acme/w?b matches acme/web only (d5 failed 1 h, d6 failed; changes 168, 23, 0 h).
        window("2025-03-01", "2025-03-14").queryParam("team", "frontend").get(DORA).then().statusCode(200)
                .body("team", equalTo("frontend"))
                .body("deploymentFrequency.deployments", equalTo(2))
                .body("changeFailRate.rate", closeTo(1.0, 1e-9))
                .body("changeLeadTime.changes", equalTo(3))
                .body("changeLeadTime.medianHours", closeTo(23.0, 1e-9))
                .body("failedDeploymentRecoveryTime.medianHours", closeTo(1.0, 1e-9));
        // literal: acme_api matches no repository (acme/api has a '/'): nothing, not everything.
        window("2025-03-01", "2025-03-14").queryParam("team", "literal").get(DORA).then().statusCode(200)
                .body("deploymentFrequency.deployments", equalTo(0))
                .body("deploymentFrequency.reason", equalTo(DoraService.NO_DEPLOYMENTS));
        window("2025-03-01", "2025-03-14").queryParam("team", "nobody").get(DORA).then().statusCode(404)
                .contentType("application/problem+json");
        window("2025-03-01", "2025-03-14").queryParam("team", "frontend").queryParam("repo", "acme/web").get(DORA)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        window("2025-03-01", "2025-03-14").queryParam("team", "x\u0000' OR 1=1 --").get(DORA).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void daysAreTheOrganizationsDays() {
        // In Los Angeles (UTC−8 in March) d1/d2 at 10:00–10:30 UTC are still 1 March, d3/d4 on 3 March at
        // 04:00/08:00; a deployment at 03-15T05:00 UTC is 14 March there, inside the window (UTC: outside).
        UUID zoned = UUID.randomUUID();
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(zoned, API, "zoned/api", 1);
        tables.timeZone(zoned, "America/Los_Angeles");
        tables.deploymentFact(zoned, API, "z1", "production", true, "", at("03-01T07:59"), "", null, false, false, 1);
        tables.deploymentFact(zoned, API, "z2", "production", true, "", at("03-01T08:00"), "", null, false, false, 1);
        tables.deploymentFact(zoned, API, "z3", "production", true, "", at("03-15T05:00"), "", null, false, false, 1);
        tables.changeFact(zoned, API, "c1", "production", true, at("02-28T09:00"), "z3", at("03-15T05:00"));
        String viewer = identity.token(new OrgGrant(zoned, "zoned-dora", OrgRole.VIEWER));
        // z1 is 28 February 23:59 in Los Angeles: before the window; z2 is 1 March 00:00 (day 0), z3 14 March (day 13).
        exact().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-14")
                .get("/api/v1/analytics/orgs/zoned-dora/dora").then().statusCode(200)
                .body("timeZone", equalTo("America/Los_Angeles"))
                .body("deploymentFrequency.deployments", equalTo(2))
                .body("deploymentFrequency.daysWithDeployment", equalTo(2))
                .body("series[0].deployments", equalTo(1))
                .body("series[13].deployments", equalTo(1))
                .body("series[13].changes", equalTo(1))
                .body("changeLeadTime.medianHours", closeTo(356.0, 1e-9))
                .body("weekly.weekStart", contains("2025-02-24", "2025-03-03", "2025-03-10"))
                .body("weekly.deployments", contains(1, 0, 1));
    }

    @Test
    void aChangeCountsOnceAtItsFirstDeploymentAmongTheEnvironmentsMeasured() {
        // Two production environments. r1 (authored 10 January) reached prod-eu on 20 January, production on 2 March;
        // r2's author date is after its prod-eu deployment on 27 February (clock skew), production on 5 March; r3
        // reached production on 4 March (24 h) and prod-eu on 6 March (72 h).
        UUID regions = UUID.randomUUID();
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(regions, API, "regions/api", 1);
        tables.deploymentFact(regions, API, "e1", "prod-eu", true, "", at("01-20T09:00"), "", null, false, false, 1);
        tables.deploymentFact(regions, API, "e2", "prod-eu", true, "", at("02-27T09:00"), "", null, false, false, 1);
        tables.deploymentFact(regions, API, "e3", "prod-eu", true, "", at("03-06T09:00"), "", null, false, false, 1);
        tables.deploymentFact(regions, API, "p1", "production", true, "", at("03-02T09:00"), "", null, false, false, 1);
        tables.deploymentFact(regions, API, "p2", "production", true, "", at("03-04T09:00"), "", null, false, false, 1);
        tables.deploymentFact(regions, API, "p3", "production", true, "", at("03-05T15:00"), "", null, false, false, 1);
        tables.changeFact(regions, API, "r1", "prod-eu", true, at("01-10T09:00"), "e1", at("01-20T09:00"));
        tables.changeFact(regions, API, "r1", "production", true, at("01-10T09:00"), "p1", at("03-02T09:00"));
        tables.changeFact(regions, API, "r2", "prod-eu", true, at("03-05T12:00"), "e2", at("02-27T09:00"));
        tables.changeFact(regions, API, "r2", "production", true, at("03-05T12:00"), "p3", at("03-05T15:00"));
        tables.changeFact(regions, API, "r3", "production", true, at("03-03T09:00"), "p2", at("03-04T09:00"));
        tables.changeFact(regions, API, "r3", "prod-eu", true, at("03-03T09:00"), "e3", at("03-06T09:00"));
        String viewer = identity.token(new OrgGrant(regions, "regions-dora", OrgRole.VIEWER));
        String path = "/api/v1/analytics/orgs/regions-dora/dora";
        // Every production environment: r1 and r2 first reached production before the window; r3 counts once, 24 h.
        exact().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-14").get(path)
                .then().statusCode(200)
                .body("deploymentFrequency.deployments", equalTo(4))
                .body("changeLeadTime.changes", equalTo(1))
                .body("changeLeadTime.medianHours", closeTo(24.0, 1e-9))
                .body("series[3].changes", equalTo(1))
                .body("series[5].changes", equalTo(0));
        // production alone: r1 (51 days = 1224 h), r2 (3 h), r3 (24 h); p90 at rank 1.8: 24 + 0.8 × 1200.
        exact().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-14")
                .queryParam("environment", "production").get(path).then().statusCode(200)
                .body("changeLeadTime.changes", equalTo(3))
                .body("changeLeadTime.medianHours", closeTo(24.0, 1e-9))
                .body("changeLeadTime.p90Hours", closeTo(984.0, 1e-9));
        // prod-eu alone: r3 on 6 March, 72 h.
        exact().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-14")
                .queryParam("environment", "prod-eu").get(path).then().statusCode(200)
                .body("deploymentFrequency.deployments", equalTo(1))
                .body("changeLeadTime.changes", equalTo(1))
                .body("changeLeadTime.medianHours", closeTo(72.0, 1e-9));
    }

    @Test
    void the2023TableLevelsTheSameValuesByItsOwnRanges() {
        window("2025-03-01", "2025-03-14").queryParam("levels", "2023").get(DORA).then().statusCode(200)
                .body("levels.id", equalTo("2023"))
                .body("levels.source", equalTo("https://dora.dev/research/2023/dora-report/"))
                .body("changeFailRate.level", equalTo("low"))
                .body("failedDeploymentRecoveryTime.level", equalTo("high"));
    }

    @Test
    void aRepositoryOrAnEnvironmentNarrowsEveryMetric() {
        window("2025-03-01", "2025-03-14").queryParam("repo", "acme/web").get(DORA).then().statusCode(200)
                .body("repo", equalTo("acme/web"))
                .body("deploymentFrequency.deployments", equalTo(2))
                .body("changeFailRate.rate", closeTo(1.0, 1e-9))
                .body("changeLeadTime.medianHours", closeTo(23.0, 1e-9))
                .body("failedDeploymentRecoveryTime.medianHours", closeTo(1.0, 1e-9));
        window("2025-03-01", "2025-03-14").queryParam("environment", "staging").get(DORA).then().statusCode(200)
                .body("environment", equalTo("staging"))
                .body("deploymentFrequency.deployments", equalTo(1))
                .body("changeLeadTime.changes", equalTo(1))
                .body("changeLeadTime.medianHours", closeTo(24.0, 1e-9));
        window("2025-03-01", "2025-03-14").queryParam("environment", "prod-eu").get(DORA).then().statusCode(200)
                .body("deploymentFrequency.deployments", equalTo(1))
                .body("changeLeadTime.medianHours", closeTo(24.5, 1e-9));
    }

    @Test
    void aWindowWithoutDeploymentsSaysSoInsteadOfZero() {
        window("2025-04-01", "2025-04-07").get(DORA).then().statusCode(200)
                .body("deploymentFrequency.deployments", equalTo(0))
                .body("deploymentFrequency.level", nullValue())
                .body("deploymentFrequency.reason", equalTo(DoraService.NO_DEPLOYMENTS))
                .body("changeLeadTime.medianHours", nullValue())
                .body("changeLeadTime.reason", equalTo(DoraService.NO_CHANGES))
                .body("changeFailRate.rate", nullValue())
                .body("failedDeploymentRecoveryTime.medianHours", nullValue())
                .body("deploymentReworkRate.rate", nullValue())
                .body("series.deployments", contains(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void anotherOrganizationsRowsNeverShow() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-dora", OrgRole.VIEWER));
        exact().auth().oauth2(globexViewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-14")
                .get("/api/v1/analytics/orgs/globex-dora/dora").then().statusCode(200)
                .body("deploymentFrequency.deployments", equalTo(1))
                .body("changeLeadTime.changes", equalTo(1))
                .body("changeFailRate.rate", closeTo(1.0, 1e-9));
        given().auth().oauth2(globexViewer).get(DORA).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUnchangedReportIsNotSentTwice() {
        String etag = window("2025-03-01", "2025-03-14").get(DORA).then().statusCode(200)
                .header("Cache-Control", equalTo("private, no-cache"))
                .extract().header("ETag");
        assertThat(etag).matches("\"[0-9a-f]{16}-[0-9a-f]+\"");

        window("2025-03-01", "2025-03-14").header("If-None-Match", etag).get(DORA).then().statusCode(304)
                .body(emptyString());
        window("2025-03-01", "2025-03-13").header("If-None-Match", etag).get(DORA).then().statusCode(200)
                .header("ETag", not(equalTo(etag)));
    }

    @Test
    void badFiltersAreProblems() {
        window("2025-03-01", "2025-03-14").queryParam("levels", "2019").get(DORA).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("levels"));
        window("2025-03-01", "2025-03-14").queryParam("environment", "prod\u0007").get(DORA).then().statusCode(400)
                .body("violations.field", contains("environment"));
        window("2025-03-01", "2025-03-14").queryParam("environment", "x".repeat(256)).get(DORA).then().statusCode(400);
        window("2025-03-01", "2025-03-14").queryParam("repo", "acme/nope").get(DORA).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        window("2025-03-14", "2025-03-01").get(DORA).then().statusCode(400)
                .body("violations.field", contains("from"));
        window("2025-03-01", "March").get(DORA).then().statusCode(400)
                .body("violations.field", contains("to"));
    }

    private RequestSpecification window(String from, String to) {
        return exact().auth().oauth2(acmeViewer).queryParam("from", from).queryParam("to", to);
    }

    /** Rates and hours compared as the doubles they are (RestAssured reads JSON decimals as floats by default). */
    private static RequestSpecification exact() {
        return given().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
