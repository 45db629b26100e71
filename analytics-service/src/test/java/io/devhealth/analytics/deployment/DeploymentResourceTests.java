package io.devhealth.analytics.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The deployment listing: newest first, keyset pages across ties, filters, tombstones, other organizations. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentResourceTests {

    private static final String DEPLOYMENTS = "/api/v1/analytics/orgs/acme-deployments/deployments";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    /* Ids that order the same whether compared as strings or by their halves in either order. */
    private static final UUID API = new UUID(0, 1);
    private static final UUID WEB = new UUID(0, 2);

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void deployments() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.deployment(ACME, API, "1", "production", true, "success", at("03-01T09:00"), false, 1);
        tables.deployment(ACME, API, "2", "staging", false, "failure", at("03-02T09:00"), false, 1);
        tables.deployment(ACME, API, "3", "production", true, "success", at("03-03T09:00"), false, 1);
        tables.deployment(ACME, WEB, "4", "production", true, "success", at("03-03T09:00"), false, 1);
        tables.deployment(ACME, WEB, "5", "production", true, "in_progress", at("03-04T09:00"), false, 1);
        tables.deployment(ACME, WEB, "gone", "production", true, "success", at("03-05T09:00"), false, 1);
        tables.deployment(ACME, WEB, "gone", "production", true, "success", at("03-05T09:00"), true, 2);
        tables.deployment(GLOBEX, API, "theirs", "production", true, "success", at("03-02T10:00"), false, 1);
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-deployments", OrgRole.VIEWER));
    }

    @Test
    void pagesWalkEveryDeploymentNewestFirstExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = march().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(DEPLOYMENTS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.deploymentId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).as("the tie at 03-03 09:00 by repository, descending").containsExactly("5", "4", "3", "2", "1");
    }

    @Test
    void filtersByRepositoryEnvironmentAndStatus() {
        march().queryParam("repo", "acme/api").get(DEPLOYMENTS).then().statusCode(200)
                .body("items.deploymentId", contains("3", "2", "1")).body("nextCursor", nullValue());
        march().queryParam("environment", "production").queryParam("status", "success").get(DEPLOYMENTS).then()
                .statusCode(200).body("items.deploymentId", contains("4", "3", "1"))
                .body("items[0].repo", equalTo("acme/web")).body("items[0].production", equalTo(true));
    }

    @Test
    void badParametersAreProblems() {
        march().queryParam("status", "exploded").get(DEPLOYMENTS).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("status"));
        march().queryParam("environment", "pr\nod").get(DEPLOYMENTS).then().statusCode(400)
                .body("violations.field", contains("environment"));
        march().queryParam("cursor", "Zm9v").get(DEPLOYMENTS).then().statusCode(400)
                .body("violations.field", contains("cursor"));
        march().queryParam("repo", "globex/api").get(DEPLOYMENTS).then().statusCode(404);
    }

    private RequestSpecification march() {
        return given().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31");
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
