package io.devhealth.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the platform sees: readiness through the migrated ClickHouse schema, the OpenAPI document, 401 problems. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class PlatformTests {

    @Test
    void readyOnceClickHouseIsMigrated() {
        // Which checks ran, not only the verdict: an application without its check would be UP too.
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("clickhouse"))
                .body("checks.find { it.name == 'clickhouse' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'clickhouse' }.data.database", notNullValue());
    }

    @Test
    void theOpenApiDocumentDescribesTheRunEndpoints() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/sync/orgs/{org}/configurations/{configurationId}/runs'.post.responses.'202'",
                        notNullValue())
                .body("paths.'/api/v1/sync/orgs/{org}/runs/{runId}'.get.responses.'404'.content", notNullValue())
                .body("components.schemas.Problem.properties.type", notNullValue());
    }

    @Test
    void startingARunWithoutATokenIsAProblem() {
        given().when().post("/api/v1/sync/orgs/local/configurations/00000000-0000-0000-0000-000000000001/runs")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://devhealth.io/problems/unauthorized"))
                .body("status", equalTo(401))
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
