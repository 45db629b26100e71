package io.devhealth.analytics.workitem;

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

/** The work item listing: by creation day, newest first, keyset pages across a tie, filters, tombstones, tenants. */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class WorkItemResourceTests {

    private static final String WORK_ITEMS = "/api/v1/analytics/orgs/acme-items/work-items";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID API = new UUID(0, 1);

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void workItems() {
        AnalyticsTables.migrated().repo(ACME, API, "acme/api", 1);
        ActivityRows rows = ActivityRows.migrated();
        rows.workItem(ACME, "PAY-1", at("03-01T09:00")).set("assignee", "acc-ada").set("assignee_name", "Ada Lovelace")
                .set("labels", List.of("refunds")).set("story_points", 3).set("sprint_name", "Sprint 12").insert();
        rows.workItem(ACME, "PAY-2", at("03-02T09:00")).set("type", "bug").set("type_name", "Bug")
                .set("status", "In Review").set("status_category", "in_progress").set("started_at", at("03-02T10:00"))
                .set("assignee", "acc-bob").set("assignee_name", "Bob").insert();
        // Created at the same time on two providers: ordered by provider, descending.
        rows.workItem(ACME, "OPS-1", at("03-03T09:00")).set("type", "task").set("status", "Done")
                .set("status_category", "done").set("completed_at", at("03-04T09:00")).insert();
        rows.workItem(ACME, "1001", at("03-03T09:00")).set("provider", "github").set("project_key", "acme/api")
                .set("repo_id", API).set("type", "bug").set("assignee", "ada").set("assignee_id", "77").insert();
        // Moved to another project (its old key tombstoned), created before the window but updated in it, another
        // organization's.
        rows.workItem(ACME, "PAY-3", at("03-05T09:00")).insert();
        rows.workItem(ACME, "PAY-3", at("03-05T09:00")).deleted().insert();
        rows.workItem(ACME, "PAY-0", at("02-10T09:00")).set("updated_at", at("03-10T09:00")).insert();
        rows.workItem(GLOBEX, "PAY-9", at("03-02T09:00")).insert();
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-items", OrgRole.VIEWER));
    }

    @Test
    void pagesWalkEveryItemCreatedInTheWindowNewestFirstExactlyOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = march().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(WORK_ITEMS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.workItemId"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(2);
        assertThat(seen).as("the tie at 03-03 09:00 by provider, descending")
                .containsExactly("OPS-1", "1001", "PAY-2", "PAY-1");
    }

    @Test
    void anItemCarriesItsFieldsAsSynced() {
        march().queryParam("assignee", "ADA LOVELACE").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("PAY-1"))
                .body("items[0].provider", equalTo("jira"))
                .body("items[0].projectKey", equalTo("PAY"))
                .body("items[0].repoId", nullValue())
                .body("items[0].labels", contains("refunds"))
                .body("items[0].storyPoints", equalTo(3.0f))
                .body("items[0].sprint", equalTo("Sprint 12"))
                .body("items[0].statusCategory", equalTo("todo"))
                .body("items[0].completedAt", nullValue())
                .body("items[0].createdAt", equalTo("2025-03-01T09:00:00Z"));
        march().queryParam("provider", "github").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("1001"))
                .body("items[0].repoId", equalTo(API.toString()))
                .body("items[0].storyPoints", nullValue());
    }

    @Test
    void filtersByProjectTypeStatusCategoryAndAssignee() {
        march().queryParam("project", "PAY").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("PAY-2", "PAY-1"));
        march().queryParam("type", "bug").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("1001", "PAY-2"));
        march().queryParam("statusCategory", "in_progress").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("PAY-2"));
        march().queryParam("statusCategory", "done").queryParam("type", "task").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("OPS-1"));
        march().queryParam("assignee", "Ada").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("1001"));
        march().queryParam("assignee", "77").get(WORK_ITEMS).then().statusCode(200)
                .body("items.workItemId", contains("1001"));
    }

    @Test
    void anotherOrganizationsItemsNeverShow() {
        String globexViewer = identity.token(new OrgGrant(GLOBEX, "globex-items", OrgRole.VIEWER));
        given().auth().oauth2(globexViewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31")
                .get("/api/v1/analytics/orgs/globex-items/work-items").then().statusCode(200)
                .body("items.workItemId", contains("PAY-9"));
        given().auth().oauth2(globexViewer).get(WORK_ITEMS).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badFiltersAreProblems() {
        march().queryParam("provider", "pagerduty").get(WORK_ITEMS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()))
                .body("violations.field", contains("provider"));
        march().queryParam("type", "feature").get(WORK_ITEMS).then().statusCode(400)
                .body("violations.field", contains("type"));
        march().queryParam("statusCategory", "doing").get(WORK_ITEMS).then().statusCode(400)
                .body("violations.field", contains("statusCategory"));
        march().queryParam("project", "PAY\u0000").get(WORK_ITEMS).then().statusCode(400)
                .body("violations.field", contains("project"));
        march().queryParam("cursor", "%%%").get(WORK_ITEMS).then().statusCode(400)
                .body("violations.field", contains("cursor"));
        march().queryParam("limit", "-1").get(WORK_ITEMS).then().statusCode(400)
                .body("violations.field", contains("limit"));
        march().queryParam("project", "PAY' OR ''='").get(WORK_ITEMS).then().statusCode(200).body("items", empty());
        given().auth().oauth2(viewer).queryParam("from", "2025-03-31").queryParam("to", "2025-03-01").get(WORK_ITEMS)
                .then().statusCode(400).body("violations.field", contains("from"));
        given().auth().oauth2(viewer).queryParam("to", "2025-13-01").get(WORK_ITEMS).then().statusCode(400)
                .body("violations.field", contains("to"));
    }

    private RequestSpecification march() {
        return given().auth().oauth2(viewer).queryParam("from", "2025-03-01").queryParam("to", "2025-03-31");
    }

    private static Instant at(String monthDayTime) {
        return Instant.parse("2025-" + monthDayTime + ":00Z");
    }
}
