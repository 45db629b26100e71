package io.devhealth.identity.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void prometheusMetricsCarryRequestLatencyHistograms() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/api/v1/identity/.well-known/jwks.json").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/identity/[^\"]*jwks[^\"]*\"[^}]*le=\"")
                .contains("jvm_memory_used_bytes")
                // The application's PostgreSQL pool: open connections (the readiness check used one) and its maximum.
                .containsPattern("(?m)^devhealth_postgres_pool_connections [1-9]")
                .containsPattern("(?m)^devhealth_postgres_pool_max_connections 20\\.0");
    }

    @Test
    void readinessQueriesTheMigratedSchema() throws Exception {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'postgresql' }.data.schemaVersion", equalTo(latestMigration()));
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

    /** The highest version among the shipped migrations, V<n>__*.sql in migrations/postgres. */
    private static String latestMigration() throws IOException {
        try (var files = Files.list(Path.of("..", "migrations", "postgres"))) {
            return Integer.toString(files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        }
    }
}
