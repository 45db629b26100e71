package io.devhealth.identity.incident.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.TestData.OrgWithRoles;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Incident link corrections over the real identity-service and PostgreSQL: admins correct, viewers read, the
 * correction and its withdrawal travel on the organization's change feed, bad input is a 422 naming the field.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class IncidentLinkCorrectionResourceTests {

    private OrgWithRoles org;

    @BeforeEach
    void organization() {
        org = TestData.orgWithOneUserPerRole("incident-links");
    }

    @Test
    void anAdminCorrectsAViewerReadsAndTheFeedCarriesBothTheCorrectionAndItsWithdrawal() {
        UUID repo = UUID.randomUUID();
        long before = feedVersion();
        put(org.admin(), "pagerduty", "Q1QJ0MAPKR4ZKA", Map.of("repoId", repo, "deploymentId", "1842",
                "note", "the config push")).statusCode(200)
                .body("provider", equalTo("pagerduty"))
                .body("incidentId", equalTo("Q1QJ0MAPKR4ZKA"))
                .body("repoId", equalTo(repo.toString()))
                .body("deploymentId", equalTo("1842"))
                .body("note", equalTo("the config push"));
        long corrected = feedVersion();
        assertThat(corrected).isGreaterThan(before);

        // the same correction again is idempotent: the feed does not move
        put(org.owner(), "pagerduty", "Q1QJ0MAPKR4ZKA", Map.of("repoId", repo, "deploymentId", "1842",
                "note", "the config push")).statusCode(200).body("version", equalTo((int) corrected));
        assertThat(feedVersion()).isEqualTo(corrected);

        // "no deployment caused it"
        put(org.admin(), "jira", "OPS-12", Map.of()).statusCode(200)
                .body("repoId", nullValue()).body("deploymentId", nullValue());

        given().auth().oauth2(org.viewer()).get(links()).then().statusCode(200)
                .body("items.incidentId", contains("OPS-12", "Q1QJ0MAPKR4ZKA")).body("total", equalTo(2));

        ValidatableResponse feed = feed(0);
        feed.body("changed.incidentId", contains("Q1QJ0MAPKR4ZKA", "OPS-12"));
        String withdrawnId = feed.extract().path("changed[1].id");

        given().auth().oauth2(org.admin()).delete(links() + "/jira/OPS-12").then().statusCode(204);
        feed(feedVersion() - 1).body("deleted.id", contains(withdrawnId)).body("changed", empty());
        given().auth().oauth2(org.admin()).delete(links() + "/jira/OPS-12").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void membersAndViewersCannotCorrect() {
        put(org.member(), "pagerduty", "P1", Map.of()).statusCode(403);
        put(org.viewer(), "pagerduty", "P1", Map.of()).statusCode(403);
        given().auth().oauth2(org.member()).delete(links() + "/pagerduty/P1").then().statusCode(403);
    }

    @Test
    void badInputIs422NamingTheField() {
        put(org.admin(), "opsgenie", "P1", Map.of()).statusCode(422)
                .contentType("application/problem+json").body("violations.field", contains("provider"));
        put(org.admin(), "pagerduty", "x".repeat(201), Map.of()).statusCode(422)
                .body("violations.field", contains("incidentId"));
        put(org.admin(), "pagerduty", "P1", Map.of("deploymentId", "1842")).statusCode(422)
                .body("violations.field", contains("repoId"));
        put(org.admin(), "pagerduty", "P1", Map.of("repoId", UUID.randomUUID())).statusCode(422)
                .body("violations.field", contains("deploymentId"));
        put(org.admin(), "pagerduty", "P1", Map.of("repoId", "not-a-uuid", "deploymentId", "1")).statusCode(400)
                .contentType("application/problem+json");
        put(org.admin(), "pagerduty", "P1", Map.of("repoId", UUID.randomUUID(), "deploymentId", "a\u0000b"))
                .statusCode(422);
        put(org.admin(), "pagerduty", "P1", Map.of("note", "n".repeat(1001))).statusCode(422)
                .body("violations.field", contains("note"));
        Map<String, Object> tab = new HashMap<>();
        tab.put("repoId", UUID.randomUUID());
        tab.put("deploymentId", "a\tb");
        put(org.admin(), "pagerduty", "P1", tab).statusCode(422).body("violations.field", contains("deploymentId"));
        given().auth().oauth2(org.admin()).contentType(ContentType.JSON).body("{").put(links() + "/pagerduty/P1")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(TestData.count("SELECT count(*) FROM incident_link_corrections WHERE organization_id = ?",
                org.id())).isZero();
    }

    @Test
    void anotherOrganizationsCorrectionsStayInvisible() {
        put(org.admin(), "pagerduty", "PSECRET", Map.of()).statusCode(200);
        OrgWithRoles other = TestData.orgWithOneUserPerRole("incident-links-other");
        given().auth().oauth2(other.owner()).get("/api/v1/identity/orgs/" + other.slug() + "/incident-links").then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(other.owner()).get(links()).then().statusCode(403);
        given().auth().oauth2(other.owner()).delete("/api/v1/identity/orgs/" + other.slug()
                + "/incident-links/pagerduty/PSECRET").then().statusCode(404);
    }

    private String links() {
        return "/api/v1/identity/orgs/" + org.slug() + "/incident-links";
    }

    private ValidatableResponse put(String token, String provider, String incidentId, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .put(links() + "/" + provider + "/" + incidentId).then();
    }

    private ValidatableResponse feed(long sinceVersion) {
        return given().auth().oauth2(TestData.serviceToken()).queryParam("sinceVersion", sinceVersion)
                .get("/internal/v1/orgs/" + org.id() + "/incident-link-corrections").then().statusCode(200);
    }

    private long feedVersion() {
        List<Map<String, Object>> versions = given().auth().oauth2(TestData.serviceToken())
                .get("/internal/v1/change-feeds").then().statusCode(200).extract().path("");
        return versions.stream().filter(v -> v.get("orgId").equals(org.id().toString()))
                .mapToLong(v -> ((Number) v.get("version")).longValue()).findFirst().orElseThrow();
    }
}
