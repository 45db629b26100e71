package io.devhealth.analytics.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Nothing listens where the datasource points: not ready, and the API answers 503. */
@QuarkusTest
@TestProfile(ClickHouseUnreachableTests.NothingListening.class)
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class ClickHouseUnreachableTests {

    @InjectIdentityStub
    IdentityStub identity;

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) on loopback: connection refused at once.
            return Map.of("quarkus.datasource.clickhouse.jdbc.url", "jdbc:clickhouse:http://127.0.0.1:9/devhealth?compress=false");
        }
    }

    @Test
    void notReady() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo("clickhouse"));
    }

    @Test
    void theApiIsUnavailable() {
        given().auth().oauth2(identity.token(new OrgGrant(UUID.randomUUID(), "nowhere", OrgRole.VIEWER)))
                .queryParam("from", "2025-01-01").queryParam("to", "2025-01-31")
                .when().get("/api/v1/analytics/orgs/nowhere/metrics/repos/daily")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UPSTREAM_UNAVAILABLE.toString()));
    }
}
