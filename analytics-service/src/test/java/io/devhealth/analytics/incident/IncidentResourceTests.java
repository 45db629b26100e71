package io.devhealth.analytics.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * The incident listing: counted incidents by default and every one with all=true, their links and recovery times
 * worked out by hand, keyset pages across a tie, filters, a re-linked incident, tombstones, another organization.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class IncidentResourceTests {

    private static final String INCIDENTS = "/api/v1/analytics/orgs/acme-incidents/incidents";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = new UUID(0, 1);
    private static final UUID WEB = new UUID(0, 2);

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void incidents() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.repo(GLOBEX, API, "globex/api", 1);
        ActivityRows rows = ActivityRows.migrated();
        // i1: caused by api's d1 (finished 12:00), triggered 12:10, restored 14:30 by the remediating d2 (resolved
        // 15:00): recovery 2 h 20 min from the incident, 2.5 h from the failed deployment.
        rows.incident(ACME, "i1", at("03-03T12:10")).set("incident_number", 42).set("status", "resolved")
                .set("resolved_at", at("03-03T15:00")).set("repo_ids", List.of(API)).set("team_keys", List.of("payments"))
                .insert();
        rows.deploymentFact(ACME, API, "d1", at("03-03T12:00")).set("failure_cause", "incident")
                .set("recovered_at", at("03-03T14:30")).insert();
        rows.incidentLink(ACME, "i1", at("03-03T12:10"), API, "d1", "last-production-deployment")
                .set("remediation_deployment_id", "d2").set("recovered_at", at("03-03T14:30")).insert();
        // i2: web's, still open, low urgency; first linked to d1, re-linked to nothing by a later linkage.
        rows.incident(ACME, "i2", at("03-05T09:00")).set("urgency", "low").set("repo_id", WEB).insert();
        rows.incidentLink(ACME, "i2", at("03-05T09:00"), API, "d1", "last-production-deployment").insert();
        rows.incidentLink(ACME, "i2", at("03-05T09:00"), null, "", "none").set("reason", "no-earlier-deployment")
                .set("version", 2).insert();
        // i3: same time as i2, of a service the rules do not count, resolved after an hour, not linked yet.
        rows.incident(ACME, "i3", at("03-05T09:00")).set("counts_as_incident", 0).set("status", "resolved")
                .set("resolved_at", at("03-05T10:00")).insert();
        // i4: a Jira incident (priority as urgency), linked explicitly to web's d9, whose fact is unknown.
        rows.incident(ACME, "OPS-7", at("03-07T08:00")).set("provider", "jira").set("urgency", "High")
                .set("status", "acknowledged").set("acknowledged_at", at("03-07T08:30")).insert();
        rows.incidentLink(ACME, "OPS-7", at("03-07T08:00"), WEB, "d9", "explicit-deployment").set("provider", "jira")
                .insert();
        // Deleted at the source, triggered before the window, another organization's.
        rows.incident(ACME, "i5", at("03-08T09:00")).insert();
        rows.incident(ACME, "i5", at("03-08T09:00")).deleted().insert();
        rows.incident(ACME, "i6", at("02-20T09:00")).insert();
        rows.incident(GLOBEX, "g1", at("03-04T09:00")).insert();
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-incidents", OrgRole.VIEWER));
    }

    @Test
    void countedIncidentsByDefaultEveryOneWithAll() {
        march().get(INCIDENTS).then().statusCode(200).body("items.incidentId", contains("OPS-7", "i2", "i1"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = march().queryParam("all", "true").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(INCIDENTS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.incidentId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).as("the tie at 03-05 09:00 by incident id, descending").containsExactly("OPS-7", "i3", "i2", "i1");
    }

    @Test
    void aLinkedIncidentCarriesItsDeploymentAndRecovery() {
        march().queryParam("repo", "acme/api").get(INCIDENTS).then().statusCode(200)
                .body("items.incidentId", contains("i1"))
                .body("items[0].number", equalTo(42))
                .body("items[0].repoIds", contains(API.toString()))
                .body("items[0].teamKeys", contains("payments"))
                .body("items[0].countsAsIncident", equalTo(true))
                .body("items[0].recoveredAt", equalTo("2025-03-03T14:30:00Z"))
                .body("items[0].recoveryHours", closeTo(140 / 60.0, 1e-9))
                .body("items[0].link.method", equalTo("last-production-deployment"))
                .body("items[0].link.reason", nullValue())
                .body("items[0].link.repo", equalTo("acme/api"))
                .body("items[0].link.deploymentId", equalTo("d1"))
                .body("items[0].link.deploymentFinishedAt", equalTo("2025-03-03T12:00:00Z"))
                .body("items[0].link.remediationDeploymentId", equalTo("d2"))
                .body("items[0].link.failedDeploymentRecoveryHours", closeTo(2.5, 1e-9));
    }

    @Test
    void unlinkedUnresolvedAndNotYetLinkedIncidentsSaySo() {
        march().queryParam("all", "true").queryParam("repo", "acme/web").get(INCIDENTS).then().statusCode(200)
                .body("items.incidentId", contains("OPS-7", "i2"))
                .body("items[0].provider", equalTo("jira"))
                .body("items[0].number", nullValue())
                .body("items[0].recoveryHours", nullValue())
                .body("items[0].link.deploymentId", equalTo("d9"))
                .body("items[0].link.deploymentFinishedAt", nullValue())
                .body("items[0].link.failedDeploymentRecoveryHours", nullValue())
                .body("items[1].link.method", equalTo("none"))
                .body("items[1].link.reason", equalTo("no-earlier-deployment"))
                .body("items[1].link.repoId", nullValue())
                .body("items[1].link.deploymentId", nullValue())
                .body("items[1].recoveredAt", nullValue());
        march().queryParam("all", "true").queryParam("status", "resolved").get(INCIDENTS).then().statusCode(200)
                .body("items.incidentId", contains("i3", "i1"))
                .body("items[0].countsAsIncident", equalTo(false))
                .body("items[0].link", nullValue())
                .body("items[0].recoveryHours", closeTo(1.0, 1e-9));
    }

    @Test
    void filtersByStatusAndUrgency() {
        march().queryParam("status", "resolved").get(INCIDENTS).then().statusCode(200)
                .body("items.incidentId", contains("i1"));
        march().queryParam("urgency", "HIGH").get(INCIDENTS).then().statusCode(200)
                .body("items.incidentId", contains("OPS-7", "i1"));
        march().queryParam("all", "false").queryParam("status", "triggered").get(INCIDENTS).then().statusCode(200)
                .body("items.incidentId", contains("i2"));
    }

    @Test
    void anotherOrganizationsIncidentsNeverShow() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-incidents", OrgRole.VIEWER));
        given().auth().oauth2(globexViewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31")
                .get("/api/v1/analytics/orgs/globex-incidents/incidents").then().statusCode(200)
                .body("items.incidentId", contains("g1"));
        given().auth().oauth2(globexViewer).get(INCIDENTS).then().statusCode(404)
                .contentType("application/problem+json");
        march().queryParam("repo", "globex/api").get(INCIDENTS).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void badFiltersAreProblems() {
        march().queryParam("status", "exploded").get(INCIDENTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("status"));
        march().queryParam("all", "yes").get(INCIDENTS).then().statusCode(400).body("violations.field", contains("all"));
        march().queryParam("cursor", "bm90IGEgY3Vyc29y").get(INCIDENTS).then().statusCode(400)
                .body("violations.field", contains("cursor"));
        march().queryParam("limit", 0).get(INCIDENTS).then().statusCode(400).body("violations.field", contains("limit"));
        march().queryParam("urgency", "hi\u0007gh").get(INCIDENTS).then().statusCode(400)
                .body("violations.field", contains("urgency"));
        march().queryParam("urgency", "high' OR '1'='1").get(INCIDENTS).then().statusCode(200).body("items", empty());
        given().auth().oauth2(viewer).queryParam("from", "2025-3-1").get(INCIDENTS).then().statusCode(400)
                .body("violations.field", contains("from"));
        given().auth().oauth2(viewer).queryParam("from", "2025-03-31").queryParam("to", "2025-03-01").get(INCIDENTS)
                .then().statusCode(400).body("violations.field", contains("from"));
    }

    private RequestSpecification march() {
        return given().config(RestAssuredConfig.config().jsonConfig(
                        JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)))
                .auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31");
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
