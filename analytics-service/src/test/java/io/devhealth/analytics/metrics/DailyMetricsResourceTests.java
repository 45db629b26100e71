package io.devhealth.analytics.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
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
import io.devhealth.testengines.Engines;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The people, team and work-item daily endpoints over rows written as sync-service writes them: acme computes its
 * days in Europe/Berlin, globex (another organization, with the same keys) must never show.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityStubResource.class, scope = TestResourceScope.GLOBAL)
class DailyMetricsResourceTests {

    private static final String BASE = "/api/v1/analytics/orgs/acme-daily/metrics/";
    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();
    private static final UUID ADA = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final String CAROL = "git:carol@contractor.example";

    @InjectIdentityStub
    IdentityStub identity;

    private String viewer;

    @BeforeAll
    static void rows() {
        AnalyticsTables.migrated();
        // No background merges: the shared engine's data directory stays quiet when a later test profile restarts it.
        for (String table : new String[] { "metrics_time_zones", "people", "person_identities", "user_metrics_daily",
                "teams", "team_metrics_daily", "work_item_metrics_daily", "work_items" }) {
            insert("SYSTEM STOP MERGES " + table);
        }
        insert("INSERT INTO metrics_time_zones VALUES ('%s', 'Europe/Berlin', now64(3), 1)".formatted(ACME));
        insert("""
                INSERT INTO people (org_id, person_id, person_key, display_name, primary_email, user_id, updated_at,
                    version) VALUES ('%s', '%s', '', 'Ada Lovelace', 'Ada@Acme.io', NULL, now64(3), 1)"""
                .formatted(ACME, ADA));
        insert("""
                INSERT INTO person_identities (org_id, provider, external_id, person_id, name, email, version)
                VALUES ('%s', 'git', 'ada.home@example.test', '%s', 'Ada', 'ada.home@example.test', 1)"""
                .formatted(ACME, ADA));
        // Ada on 2 Jan (computed twice: the later computation wins) and 3 Jan; Carol, unmapped, on 2 Jan.
        userDay(ACME, ADA.toString(), "2025-01-02", 1, 1);
        userDay(ACME, ADA.toString(), "2025-01-02", 4, 2);
        userDay(ACME, ADA.toString(), "2025-01-03", 2, 1);
        userDay(ACME, CAROL, "2025-01-02", 7, 1);
        userDay(GLOBEX, ADA.toString(), "2025-01-02", 99, 1);
        insert("""
                INSERT INTO teams (org_id, team_id, team_key, name, members, repo_patterns, project_keys, updated_at,
                    version) VALUES ('%s', '%s', 'payments', 'Payments', ['%s'], [], [], now64(3), 1),
                    ('%s', 'globex-team', 'payments', 'Globex Payments', [], [], [], now64(3), 1)"""
                .formatted(ACME, TEAM, ADA, GLOBEX));
        teamDay(ACME, TEAM.toString(), "2025-01-02", 4);
        teamDay(GLOBEX, "globex-team", "2025-01-02", 50);
        workItemDay(ACME, "jira", "PAY", "2025-01-02", 3, "52.5", "{'To Do': 30.5, 'In Progress': 61}");
        workItemDay(ACME, "github", "acme/api", "2025-01-03", 1, "NULL", "{}");
        workItemDay(GLOBEX, "jira", "PAY", "2025-01-02", 9, "1", "{}");
        insert("""
                INSERT INTO work_items (org_id, provider, work_item_id, project_key, title, type, status,
                    status_category, priority, assignee, reporter, labels, parent_id, created_at, updated_at, url,
                    version) VALUES ('%s', 'jira', 'PAY-1', 'PAY', 't', 'story', 'Done', 'done', '', '', '', [], '',
                    now64(3), now64(3), '', 1)""".formatted(ACME));
    }

    @BeforeEach
    void viewerOfAcme() {
        viewer = identity.token(new OrgGrant(ACME, "acme-daily", OrgRole.VIEWER));
    }

    @Test
    void usersAreSortedByIdentityKeyThenDayWithTheirPersonAndTheLaterComputationWins() {
        // A person id is hexadecimal: it sorts before every "git:" key.
        get("users/daily", Map.of("from", "2025-01-01", "to", "2025-01-31"))
                .statusCode(200)
                .body("from", equalTo("2025-01-01"))
                .body("to", equalTo("2025-01-31"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("items.identityKey", contains(ADA.toString(), ADA.toString(), CAROL))
                .body("items.day", contains("2025-01-02", "2025-01-03", "2025-01-02"))
                .body("items.commits", contains(4, 2, 7))
                .body("items[0].personId", equalTo(ADA.toString()))
                .body("items[0].displayName", equalTo("Ada Lovelace"))
                .body("items[0].email", equalTo("Ada@Acme.io"))
                .body("items[0].additions", equalTo(40))
                .body("items[0].deletions", equalTo(12))
                .body("items[0].reviewsGiven", equalTo(12))
                .body("items[0].reposTouched", equalTo(1))
                .body("items[2].personId", nullValue())
                .body("items[2].displayName", equalTo(""))
                .body("nextCursor", nullValue());
    }

    @Test
    void theOrganizationComesAPageOfPeopleAtATimeEachWithAllTheirDays() {
        String next = get("users/daily", Map.of("from", "2025-01-01", "to", "2025-01-31", "limit", "1"))
                .statusCode(200)
                .body("items.identityKey", contains(ADA.toString(), ADA.toString()))
                .body("items.commits", contains(4, 2))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        get("users/daily", Map.of("from", "2025-01-01", "to", "2025-01-31", "limit", "1", "cursor", next))
                .statusCode(200)
                .body("items.identityKey", contains(CAROL))
                .body("items.commits", contains(7))
                .body("nextCursor", nullValue());
        get("users/daily", Map.of("from", "2025-01-01", "to", "2025-01-31", "limit", "2"))
                .statusCode(200)
                .body("items.identityKey", contains(ADA.toString(), ADA.toString(), CAROL))
                .body("nextCursor", nullValue());
        for (String limit : new String[] { "0", "201", "ten" }) {
            problem(get("users/daily", Map.of("limit", limit)), 400, ProblemTypes.BAD_REQUEST)
                    .body("violations.field", contains("limit"));
        }
        problem(get("users/daily", Map.of("cursor", "not a cursor")), 400, ProblemTypes.BAD_REQUEST)
                .body("violations.field", contains("cursor"));
    }

    @Test
    void oneUserByPersonIdPrimaryEmailOrMappedGitEmail() {
        for (String user : new String[] { ADA.toString(), "ada@acme.io", "ADA.HOME@example.test" }) {
            get("users/daily", Map.of("user", user, "from", "2025-01-01", "to", "2025-01-31")).statusCode(200)
                    .body("items.identityKey", contains(ADA.toString(), ADA.toString()))
                    .body("items.day", contains("2025-01-02", "2025-01-03"))
                    .body("items.commits", contains(4, 2))
                    .body("items.personId", contains(ADA.toString(), ADA.toString()));
        }
        get("users/daily", Map.of("user", "carol@contractor.example", "from", "2025-01-01", "to", "2025-01-31"))
                .statusCode(200)
                .body("items.identityKey", contains(CAROL))
                .body("items.commits", contains(7));
    }

    @Test
    void anUnknownOrAnotherOrgsUserIsNotFoundAndAUserThatIsNeitherIdNorEmailIsABadRequest() {
        problem(get("users/daily", Map.of("user", "nobody@acme.io")), 404, ProblemTypes.NOT_FOUND)
                .body("detail", containsString("nobody@acme.io"));
        problem(get("users/daily", Map.of("user", UUID.randomUUID().toString())), 404, ProblemTypes.NOT_FOUND);
        problem(get("users/daily", Map.of("user", "ada")), 400, ProblemTypes.BAD_REQUEST)
                .body("violations.field", contains("user"));
    }

    @Test
    void teamsByKeyWithTheirNameAndNeverAnotherOrgsTeamOfTheSameKey() {
        for (Map<String, String> query : new Map[] { Map.of("from", "2025-01-01", "to", "2025-01-31"),
                Map.of("team", "payments", "from", "2025-01-01", "to", "2025-01-31") }) {
            get("teams/daily", query).statusCode(200)
                    .body("timeZone", equalTo("Europe/Berlin"))
                    .body("items.teamId", contains(TEAM.toString()))
                    .body("items.teamKey", contains("payments"))
                    .body("items.name", contains("Payments"))
                    .body("items.day", contains("2025-01-02"))
                    .body("items.commits", contains(4))
                    .body("items.activeMembers", contains(1))
                    .body("items.workItemsCompleted", contains(4));
        }
        problem(get("teams/daily", Map.of("team", "platform")), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void workItemsByProviderAndProjectWithTimeInState() {
        get("work-items/daily", Map.of("from", "2025-01-01", "to", "2025-01-31")).statusCode(200)
                .body("items.provider", contains("github", "jira"))
                .body("items.projectKey", contains("acme/api", "PAY"))
                .body("items.completed", contains(1, 3))
                .body("items[0].leadTimeP50Hours", nullValue())
                .body("items[0].timeInStateHours", equalTo(Map.of()));
        get("work-items/daily", Map.of("provider", "jira", "project", "PAY", "from", "2025-01-01", "to", "2025-01-31"))
                .statusCode(200)
                .body("items.day", contains("2025-01-02"))
                .body("items[0].created", equalTo(3))
                .body("items[0].wip", equalTo(6))
                .body("items[0].bugsCreated", equalTo(1))
                .body("items[0].leadTimeP50Hours", equalTo(52.5f))
                .body("items[0].cycleTimeP50Hours", equalTo(1.5f))
                .body("items[0].timeInStateHours.'To Do'", equalTo(30.5f))
                // ClickHouse writes an integral double without a fraction: the JSON number 61, as 61.0 would be.
                .body("items[0].timeInStateHours.'In Progress'", equalTo(61));
        get("work-items/daily", Map.of("provider", "gitlab", "from", "2025-01-01", "to", "2025-01-31"))
                .statusCode(200).body("items", empty());
        problem(get("work-items/daily", Map.of("provider", "bitbucket")), 400, ProblemTypes.BAD_REQUEST)
                .body("violations.field", contains("provider"));
        problem(get("work-items/daily", Map.of("project", "NOPE")), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void theEventLoopAnswersWhatAWorkerAnswered() {
        // A token's first request asks identity-service, on a worker thread; the next one finds the answer (and the
        // zone) cached and reads ClickHouse from the event loop without blocking: the same bytes and ETag either way.
        Map<String, String> january = Map.of("from", "2025-01-01", "to", "2025-01-31");
        for (String path : new String[] { "teams/daily", "work-items/daily" }) {
            viewerOfAcme();
            int lookups = identity.orgLookups("acme-daily").size();
            ExtractableResponse<Response> byWorker = get(path, january).statusCode(200).extract();
            ExtractableResponse<Response> onEventLoop = get(path, january).statusCode(200).extract();
            assertThat(identity.orgLookups("acme-daily")).as("the second request found access cached")
                    .hasSize(lookups + 1);
            assertThat(byWorker.jsonPath().getList("items")).as(path).isNotEmpty();
            assertThat(onEventLoop.asByteArray()).as(path).isEqualTo(byWorker.asByteArray());
            assertThat(onEventLoop.header("ETag")).as(path).isEqualTo(byWorker.header("ETag"));
        }
    }

    @Test
    void graphQLAnswersWhatRestAnswers() {
        given().auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("query", """
                { userMetricsDaily(org: "acme-daily", user: "ada@acme.io", from: "2025-01-01", to: "2025-01-31") {
                    timeZone items { personId day commits } }
                  teamMetricsDaily(org: "acme-daily", team: "payments", from: "2025-01-01", to: "2025-01-31") {
                    items { teamKey commits workItemsCompleted } }
                  workItemMetricsDaily(org: "acme-daily", provider: "jira", project: "PAY", from: "2025-01-01",
                                       to: "2025-01-31") {
                    items { day wip leadTimeP50Hours timeInStateHours { status hours } } } }"""))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.userMetricsDaily.timeZone", equalTo("Europe/Berlin"))
                .body("data.userMetricsDaily.items.day", contains("2025-01-02", "2025-01-03"))
                .body("data.userMetricsDaily.items.commits", contains(4, 2))
                .body("data.teamMetricsDaily.items.commits", contains(4))
                .body("data.teamMetricsDaily.items.workItemsCompleted", contains(4))
                .body("data.workItemMetricsDaily.items[0].wip", equalTo(6))
                .body("data.workItemMetricsDaily.items[0].leadTimeP50Hours", equalTo(52.5f))
                .body("data.workItemMetricsDaily.items[0].timeInStateHours.find { it.status == 'To Do' }.hours",
                        equalTo(30.5f));
        given().auth().oauth2(viewer).contentType(ContentType.JSON)
                .body(Map.of("query", "{ userMetricsDaily(org: \"acme-daily\", user: \"ada\") { timeZone } }"))
                .post("/api/v1/analytics/graphql").then().statusCode(200)
                .body("data", nullValue()).body("errors[0].extensions.status", equalTo(400));
    }

    @Test
    void rangesAreValidatedAndDefaultToTheLast30DaysInTheOrganizationsZone() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        for (String path : new String[] { "users/daily", "teams/daily", "work-items/daily" }) {
            get(path, Map.of()).statusCode(200)
                    .body("to", equalTo(today.toString()))
                    .body("from", equalTo(today.minusDays(29).toString()));
            problem(get(path, Map.of("from", "2025-02-03", "to", "2025-02-01")), 400, ProblemTypes.BAD_REQUEST)
                    .body("violations.field", contains("from"));
            problem(get(path, Map.of("from", "2025-01-01", "to", "01/31/2025")), 400, ProblemTypes.BAD_REQUEST)
                    .body("violations.field", contains("to"));
            problem(get(path, Map.of("from", "2024-01-01", "to", "2025-01-31")), 400, ProblemTypes.BAD_REQUEST)
                    .body("violations.field", contains("from"));
        }
    }

    @Test
    void anotherOrganizationIsForbiddenAndAnUnknownOneNotFound() {
        identity.answersOrg("globex-daily", 403);
        problem(given().auth().oauth2(viewer).when().get("/api/v1/analytics/orgs/globex-daily/metrics/users/daily")
                .then(), 403, ProblemTypes.FORBIDDEN);
        problem(given().auth().oauth2(viewer).when().get("/api/v1/analytics/orgs/no-such-daily/metrics/teams/daily")
                .then(), 404, ProblemTypes.NOT_FOUND);
        problem(given().when().get(BASE + "work-items/daily").then(), 401, ProblemTypes.UNAUTHORIZED);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private ValidatableResponse get(String path, Map<String, String> query) {
        RequestSpecification request = given().auth().oauth2(viewer);
        query.forEach(request::queryParam);
        return request.when().get(BASE + path).then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, java.net.URI type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type.toString()))
                .body("status", equalTo(status));
    }

    /** A user_metrics_daily row: commits n, additions 10n, deletions 3n, reviews 3n, the rest n. */
    private static void userDay(UUID org, String key, String day, int n, long version) {
        insert("""
                INSERT INTO user_metrics_daily (org_id, identity_key, day, commits, additions, deletions,
                    files_changed, repos_touched, prs_opened, prs_merged, reviews_given, work_items_completed,
                    incidents_resolved, computed_at, version)
                VALUES ('%s', '%s', '%s', %d, %d, %d, %d, 1, %d, %d, %d, %d, %d, now64(3), %d)"""
                .formatted(org, key, day, n, 10 * n, 3 * n, n, n, n, 3 * n, n, n, version));
    }

    private static void teamDay(UUID org, String team, String day, int n) {
        insert("""
                INSERT INTO team_metrics_daily (org_id, team_id, day, commits, additions, deletions, active_members,
                    prs_opened, prs_merged, reviews_given, work_items_completed, incidents_resolved, computed_at,
                    version)
                VALUES ('%s', '%s', '%s', %d, %d, %d, 1, %d, %d, %d, %d, %d, now64(3), 1)"""
                .formatted(org, team, day, n, 10 * n, 3 * n, n, n, n, n, n));
    }

    /** A work_item_metrics_daily row: created n, completed n, wip 2n, one bug, cycle p50 1.5 h. */
    private static void workItemDay(UUID org, String provider, String project, String day, int n, String leadP50,
            String timeInState) {
        insert("""
                INSERT INTO work_item_metrics_daily (org_id, provider, project_key, day, created, completed, wip,
                    bugs_created, lead_time_p50_hours, cycle_time_p50_hours, time_in_state_hours, computed_at, version)
                VALUES ('%s', '%s', '%s', '%s', %d, %d, %d, 1, %s, 1.5, %s, now64(3), 1)"""
                .formatted(org, provider, project, day, n, n, 2 * n, leadP50, timeInState));
    }

    private static void insert(String sql) {
        Engines.clickhouse().execute(
                ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class), sql);
    }
}
