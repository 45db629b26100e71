package io.devhealth.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the platform sees: readiness through a real ClickHouse query, the OpenAPI document, Swagger UI. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class PlatformTests {

    @Test
    void readyWhenClickHouseAnswersAQuery() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("clickhouse"))
                .body("checks.find { it.name == 'clickhouse' }.status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesBothEndpointsAndTheirProblems() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/analytics/orgs/{org}/repos'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/analytics/orgs/{org}/metrics/repos/daily'.get.parameters.name",
                        hasItem("from"))
                .body("paths.'/api/v1/analytics/orgs/{org}/metrics/repos/daily'.get.responses.'400'.content",
                        notNullValue())
                .body("components.schemas.Problem.properties.type", notNullValue())
                .body("components.schemas.RepoDayMetrics.properties.additions.description", containsString("lines"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
