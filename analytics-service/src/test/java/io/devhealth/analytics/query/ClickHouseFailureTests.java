package io.devhealth.analytics.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * ClickHouse failing under the API: problems without SQL or engine messages. Runs on an application of its own
 * (a test profile), whose fresh database nobody migrates.
 */
@QuarkusTest
@TestProfile(ClickHouseFailureTests.UnmigratedDatabase.class)
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class ClickHouseFailureTests {

    private static final UUID ORG = UUID.randomUUID();

    @InjectIdentityStub
    IdentityStub identity;

    public static class UnmigratedDatabase implements QuarkusTestProfile {
    }

    @Test
    void readinessNeedsClickHouseNotTheSchema() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("clickhouse"))
                .body("checks.find { it.name == 'clickhouse' }.status", equalTo("UP"));
    }

    @Test
    void aMissingSchemaIsUnavailableAndAQueryClickHouseRejectsIsInternalNeitherShowingSql() {
        assertProblemWithoutSql(repos(), 503, ProblemTypes.UPSTREAM_UNAVAILABLE.toString());

        // A table of the right name and the wrong shape: ClickHouse rejects the statement (unknown column).
        String database = ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class);
        Engines.clickhouse().execute(database, "CREATE TABLE IF NOT EXISTS repos (org_id UUID) ENGINE = MergeTree ORDER BY org_id");
        Engines.clickhouse().execute(database, "CREATE TABLE IF NOT EXISTS commits (org_id UUID) ENGINE = MergeTree ORDER BY org_id");
        assertProblemWithoutSql(repos(), 500, ProblemTypes.INTERNAL.toString());
    }

    @Test
    void aReadFailingOnTheEventLoopIsTheSameProblemAsOnAWorker() {
        // With the zones table in place the org's zone is cached after the first request, so the second reads the
        // series from the event loop (ClickHouseQueries#jsonArrayAsync); the series' tables are missing or of the
        // wrong shape (the other test's), and both answers must be the same problem.
        String database = ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class);
        Engines.clickhouse().execute(database, "CREATE TABLE IF NOT EXISTS metrics_time_zones (org_id UUID,"
                + " time_zone String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY org_id");
        String token = identity.token(new OrgGrant(ORG, "unmigrated", OrgRole.OWNER));
        String series = "/api/v1/analytics/orgs/unmigrated/metrics/repos/daily";
        String byWorker = given().auth().oauth2(token).when().get(series).then().extract().asString();
        String onEventLoop = given().auth().oauth2(token).when().get(series).then().extract().asString();
        assertThat(JsonPath.from(byWorker).getInt("status")).isIn(500, 503);
        assertThat(JsonPath.from(onEventLoop).getString("type")).isEqualTo(JsonPath.from(byWorker).getString("type"));
        assertThat(JsonPath.from(onEventLoop).getInt("status")).isEqualTo(JsonPath.from(byWorker).getInt("status"));
        assertThat(onEventLoop).doesNotContainIgnoringCase("select").doesNotContain("Code:").doesNotContain("DB::")
                .doesNotContain("repo_metrics_daily");
    }

    private ValidatableResponse repos() {
        return given().auth().oauth2(identity.token(new OrgGrant(ORG, "unmigrated", OrgRole.OWNER)))
                .when().get("/api/v1/analytics/orgs/unmigrated/repos").then();
    }

    private static void assertProblemWithoutSql(ValidatableResponse response, int status, String type) {
        String body = response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type))
                .extract().asString();
        assertThat(body).doesNotContainIgnoringCase("select").doesNotContain("Code:").doesNotContain("DB::")
                .doesNotContain("commits").doesNotContain("at io.");
    }
}
