package io.devhealth.analytics.commit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The commit listing: newest first, keyset pages that neither skip nor repeat across ties, filters, tombstones. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class CommitResourceTests {

    private static final String COMMITS = "/api/v1/analytics/orgs/acme-commits/commits";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    /* Ids that order the same whether compared as strings or, as ClickHouse may, by their halves in either order. */
    private static final UUID API = new UUID(0, 1);
    private static final UUID WEB = new UUID(0, 2);

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void commits() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.commit(ACME, API, "a1", "ada@acme.io", at("03-01T09:00"), at("03-01T09:00"), false, 1);
        tables.commit(ACME, API, "a2", "bob@acme.io", at("03-02T09:00"), at("03-02T09:00"), false, 1);
        // Same author time in both repositories: ordered by repository, then sha, never lost between pages.
        tables.commit(ACME, API, "a3", "ada@acme.io", at("03-03T09:00"), at("03-03T09:00"), false, 1);
        tables.commit(ACME, WEB, "w1", "Ada@Acme.io", at("03-03T09:00"), at("03-03T09:00"), false, 1);
        tables.commit(ACME, WEB, "w2", "ada@acme.io", at("03-04T09:00"), at("03-04T09:00"), false, 1);
        // Force-pushed away (tombstoned by a later sync), outside the window, another organization's.
        tables.commit(ACME, WEB, "gone", "ada@acme.io", at("03-05T09:00"), at("03-05T09:00"), false, 1);
        tables.commit(ACME, WEB, "gone", "ada@acme.io", at("03-05T09:00"), at("03-05T09:00"), true, 2);
        tables.commit(ACME, API, "old", "ada@acme.io", at("02-01T09:00"), at("02-01T09:00"), false, 1);
        tables.commit(GLOBEX, API, "theirs", "ada@acme.io", at("03-02T10:00"), at("03-02T10:00"), false, 1);
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-commits", OrgRole.VIEWER));
    }

    @Test
    void pagesOfTwoWalkEveryCommitNewestFirstExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = march().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(COMMITS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.sha"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).as("the tie at 03-03 09:00 by repository, descending").containsExactly("w2", "w1", "a3", "a2", "a1");
    }

    @Test
    void filtersByRepositoryAndAuthorEmail() {
        march().queryParam("repo", "acme/web").get(COMMITS).then().statusCode(200)
                .body("items.sha", contains("w2", "w1")).body("nextCursor", nullValue());
        march().queryParam("author", "ADA@acme.io").queryParam("repo", WEB.toString()).get(COMMITS).then()
                .statusCode(200).body("items.sha", contains("w2", "w1"));
        march().queryParam("author", "bob@acme.io").get(COMMITS).then().statusCode(200)
                .body("items.sha", contains("a2")).body("items[0].repo", equalTo("acme/api"));
    }

    @Test
    void badParametersAreProblems() {
        march().queryParam("cursor", "not a cursor!").get(COMMITS).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("cursor"));
        march().queryParam("cursor", "Zm9v").get(COMMITS).then().statusCode(400);
        march().queryParam("limit", 0).get(COMMITS).then().statusCode(400).body("violations.field", contains("limit"));
        march().queryParam("limit", "ten").get(COMMITS).then().statusCode(400);
        march().queryParam("limit", 201).get(COMMITS).then().statusCode(400);
        march().queryParam("repo", "globex/api").get(COMMITS).then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    private RequestSpecification march() {
        return given().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31");
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
