package io.devhealth.analytics.code;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.AnalyticsTables;
import io.devhealth.analytics.IdentityStub;
import io.devhealth.analytics.IdentityStubResource;
import io.devhealth.analytics.InjectIdentityStub;
import io.devhealth.analytics.WorkAndCodeRows;
import io.devhealth.support.auth.OrgGrant;
import io.devhealth.support.auth.OrgRole;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Hotspots and bus factors against values computed by hand, window 2025-03-25 to 2025-04-06 (crosses a month).
 * Ada is one person with two emails (ada@acme.test, Ada@Home.test); Bob and Cy are unmapped.
 * <ul>
 * <li>acme/api: c1 Ada 03-26 src/a.java +10 −2 and logo.png (binary); c2 Ada (home) 03-31 src/a.java +5 −5; c3 Bob
 * 04-01 src/a.java +1 and src/b.java +10 −10; c4 Cy 04-02 README.md +3. Outside the window: c5 Bob 03-20 src/b.java
 * +100. Tombstoned: c6 Cy 03-27 src/a.java +50 −50. src/a.java: 3 commits, churn 23, 2 authors (Ada once), score 46;
 * src/b.java: 20 × 1; README.md: 3 × 1. Lines: Ada 22, Bob 21, Cy 3 of 46 → bus factor 2.</li>
 * <li>acme/web: Bob 03-28 index.ts +20, Bob 04-03 +5 −5, Cy 04-05 +4 −1: churn 35 × 2 authors = 70. Bob 30 of 35 →
 * bus factor 1.</li>
 * <li>acme/pair: Bob and Cy 10 lines each on x.txt → bus factor 2 (half is not more than half); score 20 × 2.</li>
 * <li>acme/docs: no commits → no bus factor. acme/gone (tombstoned repository): Bob +1000, never shown.</li>
 * </ul>
 * Ranking: index.ts 70, a.java 46, x.txt 40, b.java 20, README.md 3.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class CodeResourceTests {

    private static final String HOTSPOTS = "/api/v1/analytics/orgs/acme-code/code/hotspots";
    private static final String BUS_FACTOR = "/api/v1/analytics/orgs/acme-code/code/bus-factor";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID ADA = UUID.randomUUID();
    private static final UUID API = UUID.randomUUID();
    private static final UUID WEB = UUID.randomUUID();
    private static final UUID PAIR = UUID.randomUUID();
    private static final UUID DOCS = UUID.randomUUID();
    private static final UUID GONE = UUID.randomUUID();
    private static final UUID THEIRS = UUID.randomUUID();
    private static final double EPSILON = 1e-9;

    @InjectIdentityStub
    IdentityStub identity;

    private String acmeViewer;

    @BeforeAll
    static void history() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        WorkAndCodeRows rows = WorkAndCodeRows.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.repo(ACME, PAIR, "acme/pair", 1);
        tables.repo(ACME, DOCS, "acme/docs", 1);
        tables.repo(ACME, GONE, "acme/gone", 1);
        tables.deletedRepo(ACME, GONE, "acme/gone", 2);
        tables.repo(GLOBEX, THEIRS, "globex/api", 1);
        rows.person(ACME, ADA, "Ada Lovelace", "ada@acme.test", "Ada@Home.test");

        change(rows, API, "c1", "Ada", "ada@acme.test", "03-26", "src/a.java", 10, 2);
        rows.commitStat(ACME, API, "c1", "logo.png", 0, 0, true, at("03-26"));
        change(rows, API, "c2", "Ada L", "Ada@Home.test", "03-31", "src/a.java", 5, 5);
        change(rows, API, "c3", "Bob", "bob@acme.test", "04-01", "src/a.java", 1, 0);
        rows.commitStat(ACME, API, "c3", "src/b.java", 10, 10, false, at("04-01"));
        change(rows, API, "c4", "Cy", "cy@acme.test", "04-02", "README.md", 3, 0);
        change(rows, API, "c5", "Bob", "bob@acme.test", "03-20", "src/b.java", 100, 0);
        change(rows, API, "c6", "Cy", "cy@acme.test", "03-27", "src/a.java", 50, 50);
        rows.commit(ACME, API, "c6", "Cy", "cy@acme.test", at("03-27"), true, 2);

        change(rows, WEB, "w1", "Bob", "bob@acme.test", "03-28", "index.ts", 20, 0);
        change(rows, WEB, "w2", "Bob", "bob@acme.test", "04-03", "index.ts", 5, 5);
        change(rows, WEB, "w3", "Cy", "cy@acme.test", "04-05", "index.ts", 4, 1);

        change(rows, PAIR, "p1", "Bob", "bob@acme.test", "03-30", "x.txt", 10, 0);
        change(rows, PAIR, "p2", "Cy", "cy@acme.test", "03-30", "x.txt", 5, 5);

        change(rows, GONE, "g1", "Bob", "bob@acme.test", "03-30", "gone.txt", 1000, 0);

        rows.commit(GLOBEX, THEIRS, "t1", "Eve", "eve@globex.test", at("03-30"), false, 1);
        rows.commitStat(GLOBEX, THEIRS, "t1", "src/a.java", 500, 500, false, at("03-30"));
    }

    @BeforeEach
    void viewer() {
        acmeViewer = identity.token(new OrgGrant(ACME, "acme-code", OrgRole.VIEWER));
    }

    @Test
    void hotspotsRankFilesByChurnTimesDistinctPeople() {
        window().get(HOTSPOTS).then().statusCode(200)
                .body("items.path", contains("index.ts", "src/a.java", "x.txt", "src/b.java", "README.md"))
                .body("items.score", contains(70, 46, 40, 20, 3))
                .body("items[1].repo", equalTo("acme/api"))
                .body("items[1].commits", equalTo(3))
                .body("items[1].additions", equalTo(16))
                .body("items[1].deletions", equalTo(7))
                .body("items[1].churn", equalTo(23))
                .body("items[1].authors", equalTo(2));
    }

    @Test
    void hotspotsAreLimitedAndFilteredByRepository() {
        window().queryParam("limit", 2).get(HOTSPOTS).then().statusCode(200)
                .body("items.path", contains("index.ts", "src/a.java"));
        window().queryParam("repo", "acme/api").get(HOTSPOTS).then().statusCode(200)
                .body("repo", equalTo("acme/api"))
                .body("items.path", contains("src/a.java", "src/b.java", "README.md"));
        window().queryParam("repo", API.toString()).get(HOTSPOTS).then().statusCode(200)
                .body("items.size()", equalTo(3));
    }

    @Test
    void busFactorIsTheFewestAuthorsWithMoreThanHalfTheLines() {
        window().get(BUS_FACTOR).then().statusCode(200)
                .body("repos.repo", contains("acme/api", "acme/web", "acme/pair", "acme/docs"))
                .body("repos.busFactor", contains(2, 1, 2, null))
                .body("repos.linesChanged", contains(46, 35, 20, 0))
                .body("repos[0].commits", equalTo(4))
                .body("repos[0].authors", equalTo(3))
                .body("repos[0].topAuthors.name", contains("Ada Lovelace", "Bob", "Cy"))
                .body("repos[0].topAuthors.personId", contains(ADA.toString(), null, null))
                .body("repos[0].topAuthors.email", contains(null, "bob@acme.test", "cy@acme.test"))
                .body("repos[0].topAuthors.lines", contains(22, 21, 3))
                .body("repos[0].topAuthors.commits", contains(2, 1, 1))
                .body("repos[0].topAuthors.share", contains(closeTo(22.0 / 46, EPSILON), closeTo(21.0 / 46, EPSILON),
                        closeTo(3.0 / 46, EPSILON)))
                .body("repos[1].topAuthors.share", contains(closeTo(30.0 / 35, EPSILON), closeTo(5.0 / 35, EPSILON)))
                .body("repos[3].reason", equalTo(CodeService.NO_CHANGES))
                .body("repos[3].topAuthors", empty());
    }

    @Test
    void busFactorOfOneRepository() {
        window().queryParam("repo", "acme/web").get(BUS_FACTOR).then().statusCode(200)
                .body("repos.repo", contains("acme/web"))
                .body("repos[0].busFactor", equalTo(1));
        window().queryParam("limit", 1).get(BUS_FACTOR).then().statusCode(200)
                .body("repos.repo", contains("acme/api"));
    }

    @Test
    void anotherOrganizationsHistoryNeverShows() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-code", OrgRole.VIEWER));
        exact().auth().oauth2(globexViewer).queryParam("from", "2025-03-25").queryParam("to", "2025-04-06")
                .get("/api/v1/analytics/orgs/globex-code/code/hotspots").then().statusCode(200)
                .body("items.repo", contains("globex/api")).body("items[0].score", equalTo(1000));
        given().auth().oauth2(globexViewer).get(HOTSPOTS).then().statusCode(404)
                .contentType("application/problem+json").body("items", nullValue());
        given().auth().oauth2(globexViewer).get(BUS_FACTOR).then().statusCode(404).body("repos", nullValue());
        window().queryParam("repo", "globex/api").get(HOTSPOTS).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        window().queryParam("repo", THEIRS.toString()).get(BUS_FACTOR).then().statusCode(404);
    }

    @Test
    void badFiltersAreProblems() {
        for (String limit : new String[] { "0", "201", "ten", "-1" }) {
            window().queryParam("limit", limit).get(HOTSPOTS).then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", contains("limit"));
        }
        window().queryParam("limit", "0").get(BUS_FACTOR).then().statusCode(400)
                .body("violations.field", contains("limit"));
        window().queryParam("repo", "acme/api' OR '1'='1").get(HOTSPOTS).then().statusCode(404);
        given().auth().oauth2(acmeViewer).queryParam("from", "2025-04-06").queryParam("to", "2025-03-25")
                .get(BUS_FACTOR).then().statusCode(400).body("violations.field", contains("from"));
        given().auth().oauth2(acmeViewer).queryParam("from", "yesterday").get(HOTSPOTS).then().statusCode(400)
                .body("violations.field", contains("from"));
    }

    private static void change(WorkAndCodeRows rows, UUID repo, String sha, String name, String email, String day,
            String path, int additions, int deletions) {
        rows.commit(ACME, repo, sha, name, email, at(day), false, 1);
        rows.commitStat(ACME, repo, sha, path, additions, deletions, false, at(day));
    }

    @Test
    void graphQLAnswersWhatRestAnswers() {
        exact().auth().oauth2(acmeViewer).contentType(ContentType.JSON).body(Map.of("query", """
                { hotspots(org: "acme-code", from: "2025-03-25", to: "2025-04-06", limit: 2) { items { path score } }
                  busFactor(org: "acme-code", from: "2025-03-25", to: "2025-04-06") {
                    repos { repo busFactor topAuthors { personId name share } } } }"""))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.hotspots.items.path", contains("index.ts", "src/a.java"))
                .body("data.hotspots.items.score", contains(70, 46))
                .body("data.busFactor.repos.busFactor", contains(2, 1, 2, null))
                .body("data.busFactor.repos[0].topAuthors[0].personId", equalTo(ADA.toString()));
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-code", OrgRole.VIEWER));
        given().auth().oauth2(globexViewer).contentType(ContentType.JSON)
                .body(Map.of("query", "{ hotspots(org: \"acme-code\") { items { path } } }"))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("data", nullValue()).body("errors[0].extensions.status", equalTo(404));
    }

    private RequestSpecification window() {
        return exact().auth().oauth2(acmeViewer).queryParam("from", "2025-03-25").queryParam("to", "2025-04-06");
    }

    private static RequestSpecification exact() {
        return given().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    private static Instant at(String monthDay) {
        return Instant.parse("2025-" + monthDay + "T10:00:00Z");
    }
}
