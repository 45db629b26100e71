package io.devhealth.analytics.pullrequest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.analytics.ActivityRows;
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
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The pull request listing: newest first, keyset pages across ties, filters (state, author, team through people and
 * identities), tombstones, another organization, bad filters.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class PullRequestResourceTests {

    private static final String PULLS = "/api/v1/analytics/orgs/acme-pulls/pull-requests";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    /* Ids that order the same whether compared as strings or by their halves in either order. */
    private static final UUID API = new UUID(0, 1);
    private static final UUID WEB = new UUID(0, 2);
    private static final UUID ADA = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void pullRequests() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.repo(GLOBEX, API, "globex/api", 1);
        ActivityRows rows = ActivityRows.migrated();
        rows.pullRequest(ACME, API, 1, at("03-01T09:00")).set("state", "merged").set("labels", List.of("bug", "api"))
                .set("merged_at", at("03-01T15:00")).set("closed_at", at("03-01T15:00"))
                .set("merge_commit_sha", "m1").insert();
        rows.pullRequest(ACME, API, 2, at("03-02T09:00")).set("author_login", "bob").insert();
        // Same creation time in both repositories: ordered by repository, then number, never lost between pages.
        rows.pullRequest(ACME, API, 3, at("03-03T09:00")).set("state", "closed").set("closed_at", at("03-03T10:00"))
                .insert();
        rows.pullRequest(ACME, WEB, 3, at("03-03T09:00")).set("state", "merged").set("author_login", "Ada")
                .set("merged_at", at("03-04T09:00")).insert();
        rows.pullRequest(ACME, WEB, 4, at("03-04T09:00")).set("author_login", "carol").insert();
        // Deleted at the source (tombstoned by a later sync), opened before the window, another organization's.
        rows.pullRequest(ACME, WEB, 5, at("03-05T09:00")).insert();
        rows.pullRequest(ACME, WEB, 5, at("03-05T09:00")).deleted().insert();
        rows.pullRequest(ACME, API, 6, at("02-01T09:00")).insert();
        rows.pullRequest(GLOBEX, API, 1, at("03-02T10:00")).insert();
        // Ada is in payments, Bob in platform; carol is nobody's identity.
        rows.identity(ACME, "github", "ada", ADA);
        rows.identity(ACME, "github", "bob", BOB);
        rows.team(ACME, UUID.randomUUID().toString(), "payments", "Payments", ADA);
        rows.team(ACME, UUID.randomUUID().toString(), "platform", "Platform", BOB);
        // Globex's team of the same key holds Bob's person id: another org's membership never leaks in.
        rows.team(GLOBEX, UUID.randomUUID().toString(), "payments", "Payments", BOB);
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-pulls", OrgRole.VIEWER));
    }

    @Test
    void pagesOfTwoWalkEveryRequestNewestFirstExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = march().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PULLS).then().statusCode(200).extract().jsonPath();
            List<String> repos = page.getList("items.repo");
            List<Integer> numbers = page.getList("items.number");
            for (int i = 0; i < repos.size(); i++) {
                seen.add(repos.get(i) + "#" + numbers.get(i));
            }
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).as("the tie at 03-03 09:00 by repository, descending")
                .containsExactly("acme/web#4", "acme/web#3", "acme/api#3", "acme/api#2", "acme/api#1");
    }

    @Test
    void anItemCarriesTheRequestAsSynced() {
        march().queryParam("repo", "acme/api").queryParam("state", "merged").get(PULLS).then().statusCode(200)
                .body("items.number", contains(1))
                .body("items[0].provider", equalTo("github"))
                .body("items[0].author", equalTo("ada"))
                .body("items[0].labels", contains("bug", "api"))
                .body("items[0].createdAt", equalTo("2025-03-01T09:00:00Z"))
                .body("items[0].mergedAt", equalTo("2025-03-01T15:00:00Z"))
                .body("items[0].firstReviewAt", nullValue())
                .body("items[0].mergeCommitSha", equalTo("m1"))
                .body("items[0].draft", equalTo(false))
                .body("nextCursor", nullValue());
    }

    @Test
    void filtersByStateAuthorRepositoryAndTeam() {
        march().queryParam("state", "merged").get(PULLS).then().statusCode(200)
                .body("items.number", contains(3, 1)).body("items.repo", contains("acme/web", "acme/api"));
        march().queryParam("author", "ADA").get(PULLS).then().statusCode(200)
                .body("items.number", contains(3, 3, 1));
        march().queryParam("repo", WEB.toString()).queryParam("state", "open").get(PULLS).then().statusCode(200)
                .body("items.number", contains(4));
        march().queryParam("team", "payments").get(PULLS).then().statusCode(200)
                .body("items.number", contains(3, 3, 1));
        march().queryParam("team", "platform").get(PULLS).then().statusCode(200)
                .body("items.number", contains(2));
    }

    @Test
    void anotherOrganizationsRequestsNeverShow() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-pulls", OrgRole.VIEWER));
        given().auth().oauth2(globexViewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31")
                .get("/api/v1/analytics/orgs/globex-pulls/pull-requests").then().statusCode(200)
                .body("items.repo", contains("globex/api"));
        given().auth().oauth2(globexViewer).get(PULLS).then().statusCode(404)
                .contentType("application/problem+json");
        march().queryParam("repo", "globex/api").get(PULLS).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void anUnchangedPageIsNotSentTwice() {
        String etag = march().get(PULLS).then().statusCode(200).header("Cache-Control", equalTo("private, no-cache"))
                .extract().header("ETag");
        march().header("If-None-Match", etag).get(PULLS).then().statusCode(304);
        march().queryParam("state", "open").header("If-None-Match", etag).get(PULLS).then().statusCode(200);
    }

    @Test
    void badFiltersAreProblems() {
        march().queryParam("state", "draft").get(PULLS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("state"));
        march().queryParam("cursor", "Zm9v").get(PULLS).then().statusCode(400)
                .body("violations.field", contains("cursor"));
        march().queryParam("cursor", "MTcwMB8wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEfeA").get(PULLS).then()
                .statusCode(400).body("violations.field", contains("cursor"));
        march().queryParam("limit", 201).get(PULLS).then().statusCode(400).body("violations.field", contains("limit"));
        march().queryParam("author", "ada\u0000").get(PULLS).then().statusCode(400)
                .body("violations.field", contains("author"));
        march().queryParam("team", "nobody").get(PULLS).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(viewer).queryParam("from", "2025-03-31").queryParam("to", "2025-03-01").get(PULLS)
                .then().statusCode(400).body("violations.field", contains("from"));
        given().auth().oauth2(viewer).queryParam("from", "2024-01-01").queryParam("to", "2025-03-01").get(PULLS)
                .then().statusCode(400).body("violations.field", contains("from"));
        given().auth().oauth2(viewer).queryParam("from", "2025-02-30").get(PULLS).then().statusCode(400)
                .body("violations.field", contains("from"));
    }

    @Test
    void injectedSqlIsJustAValueThatMatchesNothing() {
        march().queryParam("author", "' OR 1=1 --").get(PULLS).then().statusCode(200).body("items", empty());
        march().queryParam("author", "ada') OR ('1'='1").get(PULLS).then().statusCode(200).body("items", empty());
        march().queryParam("team", "x' OR '1'='1").get(PULLS).then().statusCode(404);
    }

    private RequestSpecification march() {
        return given().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31");
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
