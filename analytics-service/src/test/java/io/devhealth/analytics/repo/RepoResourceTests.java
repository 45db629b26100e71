package io.devhealth.analytics.repo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
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

@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class RepoResourceTests {

    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = UUID.randomUUID();
    private static final UUID WEB = UUID.randomUUID();
    private static final UUID DOCS = UUID.randomUUID();
    private static final UUID GONE = UUID.randomUUID();
    private static final UUID SECRET = UUID.randomUUID();

    private static final Instant DAY1 = Instant.parse("2025-01-10T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2025-01-11T09:00:00Z");
    private static final Instant DAY3 = Instant.parse("2025-01-12T09:00:00Z");
    private static final long HOUR = 3600;

    @InjectIdentityStub
    IdentityStub identity;

    @BeforeAll
    static void syncedHistory() {
        AnalyticsTables tables = AnalyticsTables.migrated();
        tables.repo(ACME, WEB, "acme/web", 1);
        tables.repo(ACME, API, "acme/api", 1);
        tables.repo(ACME, DOCS, "acme/docs", 1);
        tables.repo(ACME, GONE, "acme/gone", 1);
        tables.deletedRepo(ACME, GONE, "acme/gone", 2);
        tables.repo(GLOBEX, SECRET, "globex/secret", 1);

        // acme/api: commits on three days; each committed (rebased) a day after it was authored, so the
        // first/last times tell author time from committer time.
        tables.commit(ACME, API, "a1", DAY1, DAY2, 1);
        tables.commit(ACME, API, "a2", DAY2, DAY3, 1);
        tables.commit(ACME, API, "a3", DAY3.plusSeconds(HOUR), DAY3.plusSeconds(30 * HOUR), 1);
        // A re-sync writes a1 again with a newer version: still one commit.
        tables.commit(ACME, API, "a1", DAY1, DAY2, 2);
        tables.commit(ACME, WEB, "w1", DAY2, DAY2, 1);
        tables.commit(ACME, GONE, "g1", DAY1, DAY1, 1);
        // Another org's commits, even under the same repository id, never count for acme.
        tables.commit(GLOBEX, API, "x1", DAY1.minusSeconds(100 * HOUR), DAY1, 1);
        tables.commit(GLOBEX, SECRET, "s1", DAY2, DAY2, 1);
    }

    @Test
    void listsTheOrgsReposByFullNameWithCommitTotalsOverAuthorTimes() {
        given().auth().oauth2(identity.token(new OrgGrant(ACME, "acme-repos", OrgRole.VIEWER)))
                .when().get("/api/v1/analytics/orgs/acme-repos/repos")
                .then().statusCode(200)
                .body("items.fullName", contains("acme/api", "acme/docs", "acme/web"))
                .body("items[0].id", equalTo(API.toString()))
                .body("items[0].provider", equalTo("git"))
                .body("items[0].url", equalTo("/srv/git/acme/api"))
                .body("items[0].defaultBranch", equalTo("main"))
                .body("items[0].commitCount", equalTo(3))
                .body("items[0].additions", equalTo(9))
                .body("items[0].deletions", equalTo(3))
                .body("items[0].firstCommitAt", equalTo("2025-01-10T09:00:00Z"))
                .body("items[0].lastCommitAt", equalTo("2025-01-12T10:00:00Z"))
                .body("items[0].syncedAt", equalTo("2025-03-01T12:00:00Z"))
                .body("items[2].commitCount", equalTo(1))
                .body("items[2].firstCommitAt", equalTo("2025-01-11T09:00:00Z"));
    }

    @Test
    void aRepoWithoutCommitsHasCountZeroAndNoTimes() {
        given().auth().oauth2(identity.token(new OrgGrant(ACME, "acme-repos", OrgRole.VIEWER)))
                .when().get("/api/v1/analytics/orgs/acme-repos/repos")
                .then().statusCode(200)
                .body("items[1].fullName", equalTo("acme/docs"))
                .body("items[1].commitCount", equalTo(0))
                .body("items[1].additions", equalTo(0))
                .body("items[1]", hasKey("firstCommitAt"))
                .body("items[1].firstCommitAt", nullValue())
                .body("items[1].lastCommitAt", nullValue());
    }

    @Test
    void theOrgMayBeNamedByIdAndEachOrgSeesOnlyItsOwnRepos() {
        given().auth().oauth2(identity.token(new OrgGrant(GLOBEX, "globex-repos", OrgRole.OWNER)))
                .when().get("/api/v1/analytics/orgs/" + GLOBEX + "/repos")
                .then().statusCode(200)
                .body("items.fullName", contains("globex/secret"))
                .body("items[0].commitCount", equalTo(1));
    }

    @Test
    void anOrgWithNothingSyncedHasNoRepos() {
        UUID fresh = UUID.randomUUID();
        given().auth().oauth2(identity.token(new OrgGrant(fresh, "fresh-org", OrgRole.MEMBER)))
                .when().get("/api/v1/analytics/orgs/fresh-org/repos")
                .then().statusCode(200)
                .body("items", empty());
    }
}
