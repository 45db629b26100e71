package io.devhealth.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.PropertyTestUtil;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged service runs with the prod profile here, as in production: its console log (captured by the
 * integration-test launcher) is one JSON object per line, and a bearer token it rejected appears nowhere in it.
 */
@QuarkusIntegrationTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class JsonLogsIT {

    private static final String CANARY = "eyJhbGciOiJSUzI1NiJ9.log-canary-7f3c2a.c2lnbmF0dXJl";

    @Test
    void prodLogsAreJsonLinesWithoutTheCallersToken() throws Exception {
        given().header("Authorization", "Bearer " + CANARY)
                .when().get("/api/v1/analytics/orgs/acme/repos")
                .then().statusCode(401);
        given().when().get("/q/health/ready").then().statusCode(200);

        List<String> lines = Files.readAllLines(PropertyTestUtil.getLogFilePath());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            // The JVM itself may print plain lines first (JAVA_TOOL_OPTIONS, AOT cache notices); Quarkus' never are.
            if (line.startsWith("{")) {
                records.add(json.readTree(line));
            } else {
                assertThat(line).as("a plain line that is not the JVM's").doesNotContain("io.quarkus", "io.devhealth");
            }
        }
        assertThat(records).as("JSON log records").isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("level").asText()).isNotEmpty())
                .anySatisfy(r -> {
                    assertThat(r.path("loggerName").asText()).startsWith("io.quarkus");
                    assertThat(r.path("message").asText()).contains("started in");
                });
        assertThat(String.join("\n", lines)).doesNotContain(CANARY).doesNotContain("log-canary-7f3c2a");
    }
}
