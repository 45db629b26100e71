package io.devhealth.analytics.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * Prometheus at {@code /q/metrics}: every ClickHouse read is timed by outcome, and the API's latency is a histogram
 * (buckets), so p99 over any window and any set of replicas can be computed.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class QueryMetricsTests {

    @InjectIdentityStub
    IdentityStub identity;

    @Test
    void readsAreTimedAndRequestLatencyIsAHistogram() {
        UUID org = UUID.randomUUID();
        AnalyticsTables.migrated().repo(org, UUID.randomUUID(), "metrics/api", 1);
        String token = identity.token(new OrgGrant(org, "metrics-org", OrgRole.VIEWER));
        double before = successfulReads();

        given().auth().oauth2(token).get("/api/v1/analytics/orgs/metrics-org/repos").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/analytics/orgs/metrics-org/dora").then().statusCode(200);

        assertThat(successfulReads()).isGreaterThanOrEqualTo(before + 2);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/analytics/orgs/\\{org\\}/dora\"[^}]*le=\"0\\.[0-9]+\"");
        assertThat(metrics).containsPattern("devhealth_clickhouse_query_seconds_bucket\\{[^}]*outcome=\"success\"");
    }

    private static double successfulReads() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("devhealth_clickhouse_query_seconds_count\\{[^}]*outcome=\"success\"[^}]*} ([0-9.eE+]+)")
                .matcher(metrics);
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }
}
