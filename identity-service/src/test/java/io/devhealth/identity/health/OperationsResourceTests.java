package io.devhealth.identity.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What operators and API users find around the API: health, the OpenAPI document, and errors for wrong routes. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OperationsResourceTests {

    @Test
    void readinessQueriesTheMigratedSchema() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'postgresql' }.data.schemaVersion", equalTo("4"));
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("DevHealth identity-service"))
                .body("paths", hasKey("/api/v1/identity/auth/token"))
                .body("paths", hasKey("/api/v1/identity/orgs/{org}/sync-configurations"))
                .body("paths", hasKey("/internal/v1/sync-runs/{id}/heartbeat"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void unknownRouteIs404Problem() {
        given().when().get("/api/v1/identity/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void wrongMethodIs405Problem() {
        given().when().delete("/api/v1/identity/auth/token")
                .then().statusCode(405)
                .contentType("application/problem+json");
    }
}
