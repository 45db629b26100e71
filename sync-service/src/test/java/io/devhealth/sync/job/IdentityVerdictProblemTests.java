package io.devhealth.sync.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * sync-service's own mappers for identity-service's answers ({@code io.devhealth.sync.client.IdentityProblemMappers})
 * take precedence over the shared catch-all of service-support: identity's verdict on a caller reaches the caller as
 * that verdict, not as a 500.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class IdentityVerdictProblemTests {

    private static final String RUN = "/api/v1/sync/orgs/{org}/runs/{runId}";

    final IdentityFixture identity = new IdentityFixture();

    @Test
    void aTokenIdentityNoLongerAcceptsIsUnauthorizedAsIdentitySays() {
        Org org = identity.createOrg(identity.adminToken(), "verdict");
        String member = identity.createUserToken(org, "member");
        // The token still verifies and grants membership, so sync-service's own check passes and asks identity,
        // which no longer accepts the (deactivated) account.
        assertThat(deactivate(subject(member))).isEqualTo(1);

        given().auth().oauth2(member).when().get(RUN, org.slug(), UUID.randomUUID())
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo(ProblemTypes.UNAUTHORIZED.toString()))
                .body("status", equalTo(401))
                .body("detail", equalTo("the access token was not accepted"));
    }

    private static String subject(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(claims).getString("sub");
    }

    private static int deactivate(String userId) {
        String database = ConfigProvider.getConfig().getValue("devhealth.test.identity.database", String.class);
        try (Connection connection = Engines.postgres().connect(database);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE users SET is_active = false WHERE id = ?")) {
            update.setObject(1, UUID.fromString(userId));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot deactivate user " + userId + " in identity's database", e);
        }
    }
}
