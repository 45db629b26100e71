package io.devhealth.analytics.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.AnalyticsTables;
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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class RepoMetricsResourceTests {

    private static final String DAILY = "/api/v1/analytics/orgs/acme-metrics/metrics/repos/daily";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = UUID.randomUUID();
    private static final UUID WEB = UUID.randomUUID();
    private static final UUID SECRET = UUID.randomUUID();
    private static final LocalDate DAY1 = LocalDate.parse("2025-02-01");
    private static final LocalDate DAY2 = DAY1.plusDays(1);
    private static final LocalDate DAY3 = DAY1.plusDays(2);

    @InjectIdentityStub
    IdentityStub identity;

    private String acmeViewer;

    @BeforeAll
    static void computedDays() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(GLOBEX, SECRET, "globex/secret", 1);
        // acme/api: DAY1 computed twice (the later computation wins), nothing on DAY2, DAY3 once.
        tables.day(ACME, API, DAY1, 4, 1);
        tables.day(ACME, API, DAY1, 6, 2);
        tables.day(ACME, API, DAY3, 9, 1);
        tables.day(ACME, WEB, DAY2, 3, 1);
        // Another org's days, even under acme's repository id, never show for acme.
        tables.day(GLOBEX, API, DAY2, 50, 1);
        tables.day(GLOBEX, SECRET, DAY2, 7, 1);
    }

    @BeforeEach
    void viewerOfAcme() {
        acmeViewer = identity.token(new OrgGrant(ACME, "acme-metrics", OrgRole.VIEWER));
    }

    @Test
    void aDenseSeriesHasEveryRepoOnEveryDayWithZerosOnQuietDays() {
        asAcme().queryParam("from", DAY1.toString()).queryParam("to", DAY3.toString())
                .when().get(DAILY)
                .then().statusCode(200)
                .body("from", equalTo("2025-02-01"))
                .body("to", equalTo("2025-02-03"))
                .body("timeZone", equalTo("UTC"))
                .body("items.fullName", contains("acme/api", "acme/api", "acme/api", "acme/web", "acme/web", "acme/web"))
                .body("items.day", contains("2025-02-01", "2025-02-02", "2025-02-03", "2025-02-01", "2025-02-02", "2025-02-03"))
                .body("items.repoId", contains(API.toString(), API.toString(), API.toString(),
                        WEB.toString(), WEB.toString(), WEB.toString()))
                .body("items.commits", contains(6, 0, 9, 0, 3, 0))
                .body("items.mergeCommits", contains(3, 0, 4, 0, 1, 0))
                .body("items.additions", contains(60, 0, 90, 0, 30, 0))
                .body("items.deletions", contains(18, 0, 27, 0, 9, 0))
                .body("items.filesChanged", contains(12, 0, 18, 0, 6, 0))
                .body("items.authors", contains(2, 0, 3, 0, 1, 0));
    }

    @Test
    void theEventLoopAnswersWhatAWorkerAnswered() {
        // The token's first request asks identity-service, on a worker thread; the second finds the answer (and the
        // zone) cached and reads ClickHouse from the event loop without blocking: the same bytes and ETag.
        int lookups = identity.orgLookups("acme-metrics").size();
        ExtractableResponse<Response> byWorker = asAcme().queryParam("from", DAY1.toString())
                .queryParam("to", DAY3.toString()).when().get(DAILY).then().statusCode(200).extract();
        ExtractableResponse<Response> onEventLoop = asAcme().queryParam("from", DAY1.toString())
                .queryParam("to", DAY3.toString()).when().get(DAILY).then().statusCode(200).extract();
        assertThat(identity.orgLookups("acme-metrics")).as("the second request found access cached")
                .hasSize(lookups + 1);
        assertThat(byWorker.jsonPath().getList("items.commits")).containsExactly(6, 0, 9, 0, 3, 0);
        assertThat(onEventLoop.asByteArray()).isEqualTo(byWorker.asByteArray());
        assertThat(onEventLoop.header("ETag")).isEqualTo(byWorker.header("ETag"));
    }

    @Test
    void oneRepoByFullNameOrById() {
        for (String repo : new String[] { "acme/web", WEB.toString() }) {
            asAcme().queryParam("repo", repo).queryParam("from", DAY1.toString()).queryParam("to", DAY3.toString())
                    .when().get(DAILY)
                    .then().statusCode(200)
                    .body("items.fullName", everyItem(equalTo("acme/web")))
                    .body("items.commits", contains(0, 3, 0));
        }
    }

    @Test
    void anUnknownRepoOrAnotherOrgsRepoIsNotFound() {
        for (String repo : new String[] { "acme/nope", "globex/secret", SECRET.toString() }) {
            asAcme().queryParam("repo", repo)
                    .when().get(DAILY)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()))
                    .body("detail", containsString(repo));
        }
    }

    @Test
    void withoutDatesTheSeriesIsTheLast30DaysEndingTodayUtc() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        asAcme().when().get(DAILY)
                .then().statusCode(200)
                .body("to", equalTo(today.toString()))
                .body("from", equalTo(today.minusDays(29).toString()))
                .body("items", hasSize(60))
                .body("items.commits", everyItem(equalTo(0)));
    }

    @Test
    void withOnlyToTheSeriesIsThe30DaysEndingThere() {
        asAcme().queryParam("repo", "acme/api").queryParam("to", DAY3.toString())
                .when().get(DAILY)
                .then().statusCode(200)
                .body("from", equalTo("2025-01-05"))
                .body("items", hasSize(30))
                .body("items[27].commits", equalTo(6))
                .body("items[29].commits", equalTo(9));
    }

    @Test
    void aRangeOf366DaysIsAllowed() {
        asAcme().queryParam("repo", "acme/api").queryParam("from", "2024-02-04").queryParam("to", DAY3.toString())
                .when().get(DAILY)
                .then().statusCode(200)
                .body("items", hasSize(366))
                .body("items[363].commits", equalTo(6));
    }

    @Test
    void malformedDatesAreBadRequestsNamingTheParameter() {
        assertBadRequest("from", "2025-13-01", "to", "2025-12-31", "from");
        assertBadRequest("from", "2025-01-01", "to", "01/31/2025", "to");
        assertBadRequest("from", "yesterday", "to", "2025-12-31", "from");
        assertBadRequest("from", "1969-12-31", "to", "1970-01-05", "from");
    }

    @Test
    void fromAfterToIsABadRequest() {
        assertBadRequest("from", "2025-02-03", "to", "2025-02-01", "from");
    }

    @Test
    void aRangeLongerThan366DaysIsABadRequest() {
        assertBadRequest("from", "2024-02-03", "to", DAY3.toString(), "from");
    }

    private void assertBadRequest(String fromName, String from, String toName, String to, String parameter) {
        asAcme().queryParam(fromName, from).queryParam(toName, to)
                .when().get(DAILY)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("status", equalTo(400))
                .body("violations.field", contains(parameter))
                .body("instance", equalTo(DAILY));
    }

    private RequestSpecification asAcme() {
        return given().auth().oauth2(acmeViewer);
    }
}
