package io.devhealth.analytics.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.AnalyticsTables;
import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.trace.TraceQueryIds;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An analytics request's ClickHouse queries carry its trace: the query ids the ClickHouse facade received (its log,
 * {@code target/engines/clickhouse/facade.log}, one line per request with {@code query_id=…}) start with the trace id
 * of the caller's W3C {@code traceparent}.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class TraceQueryIdTests {

    private static final Path FACADE_LOG = Path.of("target", "engines", "clickhouse", "facade.log");
    private static final Pattern QUERY_ID = Pattern.compile("query_id=(\\S+)");

    @InjectIdentityStub
    IdentityStub identity;

    @BeforeAll
    static void schema() {
        AnalyticsTables.migrated();
    }

    @Test
    void theQueryIdOfAnAnalyticsReadStartsWithTheRequestsTraceId() throws IOException {
        HexFormat hex = HexFormat.of();
        String traceId = hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + hex.toHexDigits(ThreadLocalRandom.current().nextLong());
        String parentSpan = hex.toHexDigits(ThreadLocalRandom.current().nextLong());
        UUID org = UUID.randomUUID();

        given().auth().oauth2(identity.token(new OrgGrant(org, "traced", OrgRole.VIEWER)))
                .header("traceparent", "00-" + traceId + "-" + parentSpan + "-01")
                .when().get("/api/v1/analytics/orgs/traced/repos")
                .then().statusCode(200);

        assertThat(FACADE_LOG).as("the ClickHouse facade's log (started by the test engines)").isRegularFile();
        List<String> ids = queryIds();
        assertThat(ids).as("query ids the facade saw").anySatisfy(id -> assertThat(id).matches(traceId + "-[0-9a-f]{16}"));
    }

    @Test
    void aQueryOutsideATraceGetsARandomId() {
        String first = TraceQueryIds.next();
        String second = TraceQueryIds.next();
        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    }

    private static List<String> queryIds() throws IOException {
        return Files.readAllLines(FACADE_LOG).stream().map(QUERY_ID::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).toList();
    }
}
