package io.devhealth.sync.job.execution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.job.GitFixture;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.sync.job.rest.SyncRunResourceTests;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A sync run's ClickHouse statements carry its trace: the run started by a request with a W3C {@code traceparent}
 * is a span of that trace, and the query ids the ClickHouse facade received (its log,
 * {@code target/engines/clickhouse/facade.log}: {@code query_id=… <status> <SQL>} per request) of the run's inserts
 * (from the run's writer threads) and its metric computations start with the trace id.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class RunTraceQueryIdTests {

    private static final Path FACADE_LOG = Path.of("target", "engines", "clickhouse", "facade.log");

    final IdentityFixture identity = new IdentityFixture();

    @TempDir
    Path tmp;

    @Test
    void theStatementsOfARunStartedInATraceCarryItsTraceId() throws IOException {
        String admin = identity.adminToken();
        Org org = identity.createOrg(admin, "traced");
        Path repo = GitFixture.repository(tmp.resolve("repo"), 3);
        UUID configurationId = identity.createGitConfiguration(admin, org, repo.toString());
        HexFormat hex = HexFormat.of();
        String traceId = hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + hex.toHexDigits(ThreadLocalRandom.current().nextLong());

        String runId = given().auth().oauth2(admin)
                .header("traceparent", "00-" + traceId + "-" + hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + "-01")
                .when().post("/api/v1/sync/orgs/{org}/configurations/{configurationId}/runs", org.slug(), configurationId)
                .then().statusCode(202).extract().jsonPath().getString("id");
        JsonPath run = SyncRunResourceTests.awaitEnd(admin, org, runId);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");

        assertThat(FACADE_LOG).as("the ClickHouse facade's log (started by the test engines)").isRegularFile();
        List<String> traced = Files.readAllLines(FACADE_LOG).stream().filter(line -> line.contains("query_id=" + traceId + "-"))
                .toList();
        assertThat(traced).as("statements with the run's trace id")
                .allSatisfy(line -> assertThat(line).containsPattern("query_id=" + traceId + "-[0-9a-f]{16} "))
                .anySatisfy(line -> assertThat(line).contains("INSERT INTO commits"))
                .anySatisfy(line -> assertThat(line).contains("repo_metrics_daily"));
    }
}
