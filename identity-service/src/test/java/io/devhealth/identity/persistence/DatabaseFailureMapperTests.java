package io.devhealth.identity.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * identity's own mapper for database failures against the shared catch-all of service-support: PostgreSQL's
 * unique violation reaches the caller as a 409 problem (the more specific mapper wins), any other constraint
 * failure as the catch-all's 500 without internals, a database that is down as a 503 to retry.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseFailureMapperTests {

    private static final String RAW = "/test/raw-organizations/{slug}";

    @Test
    void anUntranslatedUniqueViolationIsAConflictProblem() {
        String slug = "raw-" + UUID.randomUUID().toString().substring(0, 8);
        given().when().post(RAW, slug).then().statusCode(204);

        given().when().post(RAW, slug)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("status", equalTo(409))
                .body("detail", equalTo("the request conflicts with existing data"))
                .body("instance", equalTo("/test/raw-organizations/" + slug))
                .body(not(containsString("organizations_slug_key")));
    }

    @Test
    void anUnreachableDatabaseIsAServiceUnavailableProblemToRetry() {
        given().when().get("/test/unreachable-database")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo(ProblemTypes.UPSTREAM_UNAVAILABLE.toString()))
                .body(not(containsString("Exception")))
                .body(not(containsString("127.0.0.1")));
    }

    @Test
    void aDatabaseShuttingDownOrDroppingTheConnectionIsUnavailableAndAConstraintIsNot() {
        assertThat(PgErrors.isUnavailable(new CompletionException(new PgException(
                "terminating connection due to administrator command", "FATAL", "57P01", null)))).isTrue();
        assertThat(PgErrors.isUnavailable(new PgException("the database system is starting up", "FATAL", "57P03",
                null))).isTrue();
        assertThat(PgErrors.isUnavailable(new RuntimeException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(PgErrors.isUnavailable(new PgException("new row violates check constraint", "ERROR", "23514",
                null))).isFalse();
        assertThat(PgErrors.isUnavailable(new IllegalStateException("no database involved"))).isFalse();
    }

    @Test
    void anotherConstraintViolationIsAnInternalProblemThatRevealsNothing() {
        // The schema's CHECK on slug rejects upper case: a database failure that is not a unique violation.
        given().when().post(RAW, "Not-A-Slug")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.INTERNAL.toString()))
                .body("detail", equalTo("internal error"))
                .body("instance", equalTo("/test/raw-organizations/Not-A-Slug"))
                .body(not(containsString("organizations_slug_check")))
                .body(not(containsString("insert into")))
                .body(not(containsString("Exception")));
    }
}
