package io.devhealth.sync.clickhouse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;

import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness answers for the real ClickHouse path: UP against the engine, DOWN when nothing answers. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class ClickHouseReadinessCheckTests {

    @Inject
    @Readiness
    ClickHouseReadinessCheck check;
    @Inject
    ClickHouseConfig config;

    @Test
    void upAgainstTheMigratedDatabase() {
        HealthCheckResponse response = check.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).get().satisfies(data -> assertThat(data).containsEntry("database",
                config.database()));

        List<Map<String, Object>> checks = given().get("/q/health/ready").then().extract().jsonPath().getList("checks");
        assertThat(checks).anySatisfy(c -> {
            assertThat(c.get("name")).isEqualTo("clickhouse");
            assertThat(c.get("status")).isEqualTo("UP");
        });
    }

    @Test
    void downWhenClickHouseDoesNotAnswer() {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        try (Client unreachable = ClickHouseClients.create("http://127.0.0.1:9", config.database(), config.username(),
                config.password(), false)) {
            HealthCheckResponse response = new ClickHouseReadinessCheck(unreachable).call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData()).get().satisfies(data -> assertThat(data).containsKey("error"));
        }
    }

    @Test
    void downWhenTheSchemaIsMissing() {
        try (Client wrongDatabase = ClickHouseClients.create(config.url(), "default", config.username(),
                config.password(), false)) {
            HealthCheckResponse response = new ClickHouseReadinessCheck(wrongDatabase).call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        }
    }
}
