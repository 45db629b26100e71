package io.devhealth.identity.sync.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class SyncConfigurationResourceTests {

    private String org;
    private UUID orgId;
    private String ownerToken;
    private String adminToken;
    private String memberToken;
    private String viewerToken;

    @BeforeEach
    void organizationWithOneUserPerRole() {
        TestData.OrgWithRoles roles = TestData.orgWithOneUserPerRole("sync");
        org = roles.slug();
        orgId = roles.id();
        ownerToken = roles.owner();
        adminToken = roles.admin();
        memberToken = roles.member();
        viewerToken = roles.viewer();
        TestData.allowLocalRoots(ownerToken, org, List.of(TestData.LOCAL_ROOT));
    }

    @Test
    void adminCreatesAGitConfigurationThatMembersCanRead() {
        String id = create(adminToken, gitBody("app", "/srv/git/app.git", 3600))
                .statusCode(201)
                .body("name", equalTo("app"))
                .body("provider", equalTo("git"))
                .body("options.repositoryPath", equalTo("/srv/git/app.git"))
                .body("scheduleIntervalSeconds", equalTo(3600))
                .body("enabled", equalTo(true))
                .extract().path("id");
        create(ownerToken, gitBody("by-owner", "/srv/git/other.git", null)).statusCode(201)
                .body("scheduleIntervalSeconds", nullValue());

        given().auth().oauth2(memberToken).get(configurations() + "/" + id)
                .then().statusCode(200).body("options.repositoryPath", equalTo("/srv/git/app.git"));
        given().auth().oauth2(memberToken).get(configurations())
                .then().statusCode(200).body("name", contains("app", "by-owner"));
    }

    @Test
    void membersAndViewersCannotCreateAndViewersCannotRead() {
        create(memberToken, gitBody("nope", "/srv/git/app.git", null))
                .statusCode(403)
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        create(viewerToken, gitBody("nope", "/srv/git/app.git", null)).statusCode(403);
        given().auth().oauth2(viewerToken).get(configurations()).then().statusCode(403);
        String outsider = TestData.login(TestData.createUser("stranger"));
        given().auth().oauth2(outsider).get(configurations()).then().statusCode(403);
    }

    @Test
    void duplicateNameInTheOrganizationIs409() {
        create(adminToken, gitBody("twin", "/srv/git/a.git", null)).statusCode(201);
        create(adminToken, gitBody("twin", "/srv/git/b.git", null))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()));
    }

    @Test
    void invalidRequestsAre422NamingTheField() {
        Map<String, Object> github = gitBody("gh", "/srv/git/a.git", null);
        github.put("provider", "github");
        assertInvalid(github, "options.repositoryPath");
        Map<String, Object> unknownProvider = gitBody("svn", "/srv/git/a.git", null);
        unknownProvider.put("provider", "svn");
        assertInvalid(unknownProvider, "provider");
        assertInvalid(gitBody("relative", "srv/git/a.git", null), "options.repositoryPath");
        assertInvalid(gitBody("blank", " ", null), "options.repositoryPath");
        Map<String, Object> noPath = gitBody("no-path", "/x", null);
        noPath.put("options", Map.of());
        assertInvalid(noPath, "options.repositoryPath");
        Map<String, Object> numericPath = gitBody("numeric", "/x", null);
        numericPath.put("options", Map.of("repositoryPath", 42));
        assertInvalid(numericPath, "options.repositoryPath");
        Map<String, Object> extraOption = gitBody("extra", "/x", null);
        extraOption.put("options", Map.of("repositoryPath", "/x", "branch", "main"));
        assertInvalid(extraOption, "options.branch");
        assertInvalid(gitBody("too-often", "/srv/git/a.git", 59), "scheduleIntervalSeconds");
        assertInvalid(gitBody(" ", "/srv/git/a.git", null), "name");
        assertInvalid(gitBody("nul\u0000name", "/srv/git/a.git", null), "name");
        assertInvalid(gitBody("nul-path", "/srv/git/a\u0000.git", null), "options.repositoryPath");
    }

    @Test
    void gitRepositoryPathsMustLieUnderTheOperatorsAndTheOrganizationsRoots() {
        create(adminToken, gitBody("root-itself", "/srv/git", null)).statusCode(201);
        create(adminToken, gitBody("normalized", "/srv/git//team/./app.git/", null)).statusCode(201)
                .body("options.repositoryPath", equalTo("/srv/git/team/app.git"));
        assertInvalid(gitBody("traversal", "/srv/git/../../etc", null), "options.repositoryPath");
        assertInvalid(gitBody("dot-dot-inside", "/srv/git/a/../b.git", null), "options.repositoryPath");
        // Outside the operator's root, and a sibling that merely starts with the same characters.
        String outside = assertInvalid(gitBody("etc", "/etc", null), "options.repositoryPath");
        assertThat(assertInvalid(gitBody("prefix", "/srv/gitx/app.git", null), "options.repositoryPath"))
                .isEqualTo(outside).contains("repositories.local-roots").contains("devhealth.sync.local-roots");
        assertThat(assertInvalid(gitBody("missing", "/nonexistent/app.git", null), "options.repositoryPath"))
                .isEqualTo(outside);

        // The organization narrows the operator's grant…
        TestData.allowLocalRoots(ownerToken, org, List.of("/srv/git/team-a"));
        create(adminToken, gitBody("team-a", "/srv/git/team-a/app.git", null)).statusCode(201);
        assertInvalid(gitBody("team-b", "/srv/git/team-b/app.git", null), "options.repositoryPath");
        // …but cannot widen it,
        TestData.allowLocalRoots(ownerToken, org, List.of("/opt", "/srv/git/team-a"));
        assertInvalid(gitBody("opt", "/opt/app.git", null), "options.repositoryPath");
        // and by default grants nothing.
        given().auth().oauth2(ownerToken).delete("/api/v1/identity/orgs/" + org + "/settings/repositories.local-roots")
                .then().statusCode(204);
        assertInvalid(gitBody("default", "/srv/git/team-a/other.git", null), "options.repositoryPath");
    }

    @Test
    void optionsAreCheckedPerProvider() {
        create(adminToken, body("gh-repos", "github", Map.of("owner", "acme", "repos", List.of("api", "web"),
                "apiUrl", "https://github.example.com/api/v3/"))).statusCode(201)
                .body("options.owner", equalTo("acme"))
                .body("options.repos", contains("api", "web"))
                .body("options.apiUrl", equalTo("https://github.example.com/api/v3"));
        create(adminToken, body("gh-org", "github", Map.of("org", "acme"))).statusCode(201);
        create(adminToken, body("gh-api-only", "github", Map.of("org", "acme", "gitHistory", false))).statusCode(201)
                .body("options.gitHistory", equalTo(false));
        create(adminToken, body("gl", "gitlab", Map.of("groups", List.of("acme/platform", 42),
                "baseUrl", "https://gitlab.example.com"))).statusCode(201)
                .body("options.groups", contains("acme/platform", 42));
        create(adminToken, body("jira-keys", "jira", Map.of("siteUrl", "https://acme.atlassian.net",
                "projectKeys", List.of("PAY", "OPS")))).statusCode(201);
        create(adminToken, body("jira-jql", "jira", Map.of("siteUrl", "https://acme.atlassian.net",
                "jql", "project = PAY AND type = Bug"))).statusCode(201);
        create(adminToken, body("pd-all", "pagerduty", Map.of())).statusCode(201);
        create(adminToken, body("pd-some", "pagerduty", Map.of("serviceIds", List.of("PABC123")))).statusCode(201);
        create(adminToken, body("pd-eu", "pagerduty", Map.of("baseUrl", "https://api.eu.pagerduty.com/")))
                .statusCode(201).body("options.baseUrl", equalTo("https://api.eu.pagerduty.com"));

        assertInvalid(body("gh-both", "github", Map.of("owner", "acme", "repos", List.of("api"), "org", "acme")),
                "options.owner");
        assertInvalid(body("gh-no-repos", "github", Map.of("owner", "acme")), "options.repos");
        assertInvalid(body("gh-bad-repo", "github", Map.of("owner", "acme", "repos", List.of("api", "../x"))),
                "options.repos[1]");
        assertInvalid(body("gh-nul", "github", Map.of("org", "ac\u0000me")), "options.org");
        assertInvalid(body("gh-creds", "github", Map.of("org", "acme", "apiUrl", "https://user:pw@github.example.com")),
                "options.apiUrl");
        assertInvalid(body("gh-file", "github", Map.of("org", "acme", "apiUrl", "file:///etc/passwd")),
                "options.apiUrl");
        assertInvalid(body("gh-history", "github", Map.of("org", "acme", "gitHistory", "no")), "options.gitHistory");
        assertInvalid(body("gh-unknown", "github", Map.of("org", "acme", "token", "secret")), "options.token");
        assertInvalid(body("gl-none", "gitlab", Map.of()), "options.groups");
        assertInvalid(body("gl-bad", "gitlab", Map.of("projects", List.of(-3))), "options.projects[0]");
        assertInvalid(body("gl-bad-path", "gitlab", Map.of("projects", List.of("acme//x"))), "options.projects[0]");
        assertInvalid(body("jira-no-site", "jira", Map.of("jql", "project = PAY")), "options.siteUrl");
        assertInvalid(body("jira-both", "jira", Map.of("siteUrl", "https://acme.atlassian.net", "jql", "x",
                "projectKeys", List.of("PAY"))), "options.projectKeys");
        assertInvalid(body("jira-key", "jira", Map.of("siteUrl", "https://acme.atlassian.net",
                "projectKeys", List.of("pay"))), "options.projectKeys[0]");
        assertInvalid(body("pd-bad", "pagerduty", Map.of("serviceIds", List.of("not an id"))), "options.serviceIds[0]");
        assertInvalid(body("pd-path", "pagerduty", Map.of("repositoryPath", "/srv/git")), "options.repositoryPath");
        assertInvalid(body("pd-url", "pagerduty", Map.of("baseUrl", "ftp://api.pagerduty.com")), "options.baseUrl");
        assertInvalid(body("pd-url-query", "pagerduty", Map.of("baseUrl", "https://api.pagerduty.com?x=1")),
                "options.baseUrl");
    }

    @Test
    void cronSchedulesHaveATimeZoneAndANextRun() {
        Map<String, Object> body = gitBody("cron", "/srv/git/cron.git", 3600);
        body.put("schedule", Map.of("cron", "0 */6 * * *", "timeZone", "Europe/Berlin"));
        ValidatableResponse created = create(adminToken, body).statusCode(201)
                .body("schedule.cron", equalTo("0 */6 * * *"))
                .body("schedule.timeZone", equalTo("Europe/Berlin"))
                .body("scheduleIntervalSeconds", equalTo(3600));
        Instant next = Instant.parse(created.extract().path("nextRunAt"));
        ZonedDateTime local = next.atZone(ZoneId.of("Europe/Berlin"));
        assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(6).plusMinutes(1)));
        assertThat(local.getMinute()).isZero();
        assertThat(local.getHour() % 6).isZero();

        // Without a time zone the organization's timezone setting applies.
        given().auth().oauth2(ownerToken).contentType(ContentType.JSON).body(Map.of("value", "Asia/Tokyo"))
                .put("/api/v1/identity/orgs/" + org + "/settings/timezone").then().statusCode(200);
        Map<String, Object> inOrgZone = gitBody("cron-org-zone", "/srv/git/cron.git", null);
        inOrgZone.put("schedule", Map.of("cron", "30 2 * * 1-5"));
        Instant tokyo = Instant.parse(create(adminToken, inOrgZone).statusCode(201)
                .body("schedule.timeZone", equalTo("Asia/Tokyo"))
                .extract().path("nextRunAt"));
        assertThat(tokyo.atZone(ZoneId.of("Asia/Tokyo")).toLocalTime()).isEqualTo(LocalTime.of(2, 30));

        // An interval schedule's next run is its last run's start plus the interval (creation before the first).
        create(adminToken, gitBody("interval", "/srv/git/i.git", 600)).statusCode(201).body("nextRunAt", notNullValue());
        create(adminToken, gitBody("on-demand", "/srv/git/d.git", null)).statusCode(201).body("nextRunAt", nullValue());
    }

    @Test
    void badSchedulesAndBackfillWindowsAre422() {
        assertInvalid(withSchedule("bad-cron", Map.of("cron", "every day", "timeZone", "UTC")), "schedule.cron");
        assertInvalid(withSchedule("six-fields", Map.of("cron", "0 0 */6 * * *", "timeZone", "UTC")), "schedule.cron");
        assertInvalid(withSchedule("minute-61", Map.of("cron", "61 * * * *", "timeZone", "UTC")), "schedule.cron");
        assertInvalid(withSchedule("never", Map.of("cron", "0 0 31 2 *", "timeZone", "UTC")), "schedule.cron");
        assertInvalid(withSchedule("no-cron", Map.of("timeZone", "UTC")), "schedule.cron");
        assertInvalid(withSchedule("mars", Map.of("cron", "0 * * * *", "timeZone", "Mars/Olympus")),
                "schedule.timeZone");
        assertInvalid(withSchedule("offset", Map.of("cron", "0 * * * *", "timeZone", "+02:00")), "schedule.timeZone");
        assertInvalid(withSchedule("nul", Map.of("cron", "0 * * * *\u0000", "timeZone", "UTC")), "schedule.cron");
        for (int days : new int[] {-30, 0, 3651, Integer.MAX_VALUE}) {
            Map<String, Object> body = gitBody("backfill", "/srv/git/b.git", null);
            body.put("backfillDays", days);
            assertInvalid(body, "backfillDays");
        }
        Map<String, Object> text = gitBody("backfill", "/srv/git/b.git", null);
        text.put("backfillDays", "ninety");
        create(adminToken, text).statusCode(400).body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        Map<String, Object> ok = gitBody("backfill", "/srv/git/b.git", null);
        ok.put("backfillDays", 90);
        create(adminToken, ok).statusCode(201).body("backfillDays", equalTo(90));
    }

    @Test
    void credentialsMustBelongToTheOrganizationAndTheProvider() {
        UUID githubCredential = insertCredential(orgId, "github");
        UUID gitlabCredential = insertCredential(orgId, "gitlab");
        String otherOrg = TestData.unique("other");
        UUID otherOrgId = TestData.createOrg(adminToken, otherOrg);
        UUID foreignCredential = insertCredential(otherOrgId, "github");

        Map<String, Object> body = body("with-credential", "github", Map.of("org", "acme"));
        body.put("credentialId", githubCredential.toString());
        String id = create(adminToken, body).statusCode(201)
                .body("credentialId", equalTo(githubCredential.toString()))
                .extract().path("id");

        body.put("credentialId", gitlabCredential.toString());
        assertThat(assertInvalid(body, "credentialId")).contains("gitlab");
        body.put("credentialId", foreignCredential.toString());
        String foreign = assertInvalid(body, "credentialId");
        body.put("credentialId", UUID.randomUUID().toString());
        assertThat(assertInvalid(body, "credentialId")).isEqualTo(foreign);

        patch(adminToken, id, Map.of("credentialId", foreignCredential.toString())).statusCode(422)
                .body("violations.field", contains("credentialId"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("credentialId", null);
        patch(adminToken, id, clear).statusCode(200).body("credentialId", nullValue());
    }

    @Test
    void adminsChangeConfigurationsWithMergePatch() {
        Map<String, Object> body = gitBody("before", "/srv/git/before.git", 3600);
        body.put("backfillDays", 30);
        String id = create(adminToken, body).statusCode(201).extract().path("id");

        patch(adminToken, id, Map.of("name", " after ", "options", Map.of("repositoryPath", "/srv/git/after.git"),
                "schedule", Map.of("cron", "15 3 * * *", "timeZone", "UTC"), "enabled", false))
                .statusCode(200)
                .body("name", equalTo("after"))
                .body("options.repositoryPath", equalTo("/srv/git/after.git"))
                .body("schedule.cron", equalTo("15 3 * * *"))
                .body("scheduleIntervalSeconds", equalTo(3600))
                .body("backfillDays", equalTo(30))
                .body("enabled", equalTo(false))
                .body("nextRunAt", nullValue());
        Instant next = Instant.parse(patch(adminToken, id, Map.of("enabled", true)).statusCode(200)
                .extract().path("nextRunAt"));
        assertThat(next.atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(3, 15));
        assertThat(next).isAfter(Instant.now());

        Map<String, Object> clear = new HashMap<>();
        clear.put("schedule", null);
        clear.put("backfillDays", null);
        patch(adminToken, id, clear).statusCode(200)
                .body("schedule", nullValue())
                .body("backfillDays", nullValue())
                .body("scheduleIntervalSeconds", equalTo(3600))
                .body("name", equalTo("after"));
        patch(adminToken, id, Map.of()).statusCode(200).body("name", equalTo("after"));
        given().auth().oauth2(memberToken).get(configurations() + "/" + id)
                .then().statusCode(200).body("schedule", nullValue()).body("nextRunAt", notNullValue());
    }

    @Test
    void badChangesAre4xxAndChangeNothing() {
        String id = create(adminToken, gitBody("stable", "/srv/git/stable.git", null)).statusCode(201)
                .extract().path("id");
        create(adminToken, gitBody("taken", "/srv/git/taken.git", null)).statusCode(201);

        patch(adminToken, id, Map.of("provider", "github")).statusCode(422)
                .body("violations.field", contains("provider"));
        patch(adminToken, id, Map.of("options", Map.of("repositoryPath", "/srv/git/../../etc"))).statusCode(422)
                .body("violations.field", contains("options.repositoryPath"));
        patch(adminToken, id, Map.of("options", Map.of("repositoryPath", "/etc"))).statusCode(422)
                .body("violations.field", contains("options.repositoryPath"));
        patch(adminToken, id, Map.of("schedule", Map.of("cron", "* * *", "timeZone", "UTC"))).statusCode(422)
                .body("violations.field", contains("schedule.cron"));
        patch(adminToken, id, Map.of("schedule", Map.of("cron", "0 * * * *", "timeZone", "Nowhere"))).statusCode(422)
                .body("violations.field", contains("schedule.timeZone"));
        patch(adminToken, id, Map.of("backfillDays", 100_000)).statusCode(422)
                .body("violations.field", contains("backfillDays"));
        patch(adminToken, id, Map.of("backfillDays", -1)).statusCode(422);
        patch(adminToken, id, Map.of("scheduleIntervalSeconds", 10)).statusCode(422)
                .body("violations.field", contains("scheduleIntervalSeconds"));
        patch(adminToken, id, Map.of("name", " ")).statusCode(422).body("violations.field", contains("name"));
        patch(adminToken, id, Map.of("name", "taken")).statusCode(409)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()));
        patch(adminToken, id, Map.of("enabled", "yes")).statusCode(400);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body("{\"name\": ")
                .when().patch(configurations() + "/" + id)
                .then().statusCode(400).body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
        patch(memberToken, id, Map.of("name", "by-member")).statusCode(403);
        patch(adminToken, UUID.randomUUID().toString(), Map.of("name", "ghost")).statusCode(404);

        given().auth().oauth2(memberToken).get(configurations() + "/" + id)
                .then().statusCode(200)
                .body("name", equalTo("stable"))
                .body("options.repositoryPath", equalTo("/srv/git/stable.git"))
                .body("schedule", nullValue())
                .body("backfillDays", nullValue());
    }

    @Test
    void deleteIsRefusedWhileARunHoldsALiveLease() {
        UUID id = TestData.createGitConfiguration(adminToken, org, "doomed", null);
        String service = TestData.serviceToken();
        String run = SyncRunSteps.claim(service, id, "holder-1").statusCode(201).extract().path("id");

        given().auth().oauth2(adminToken).delete(configurations() + "/" + id)
                .then().statusCode(409)
                .body("type", equalTo(ProblemTypes.SYNC_RUN_ALREADY_RUNNING.toString()));
        given().auth().oauth2(memberToken).delete(configurations() + "/" + id).then().statusCode(403);

        // A run whose holder stopped heartbeating no longer holds the configuration.
        TestData.update("UPDATE sync_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(run));
        given().auth().oauth2(adminToken).delete(configurations() + "/" + id).then().statusCode(204);
        given().auth().oauth2(memberToken).get(configurations() + "/" + id).then().statusCode(404);
        given().auth().oauth2(memberToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + run)
                .then().statusCode(404);
        given().auth().oauth2(adminToken).delete(configurations() + "/" + id).then().statusCode(404);
    }

    @Test
    void configurationsOfAnotherOrganizationCannotBeChangedOrDeleted() {
        String id = create(adminToken, gitBody("mine", "/srv/git/mine.git", null)).statusCode(201).extract().path("id");
        String otherOrg = TestData.unique("other");
        TestData.createOrg(adminToken, otherOrg);

        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("name", "stolen"))
                .when().patch("/api/v1/identity/orgs/" + otherOrg + "/sync-configurations/" + id)
                .then().statusCode(404);
        given().auth().oauth2(adminToken).delete("/api/v1/identity/orgs/" + otherOrg + "/sync-configurations/" + id)
                .then().statusCode(404);
        given().auth().oauth2(memberToken).get(configurations() + "/" + id)
                .then().statusCode(200).body("name", equalTo("mine"));
    }

    @Test
    void configurationsAndRunsOfAnotherOrganizationAre404() {
        String id = create(adminToken, gitBody("mine", "/srv/git/mine.git", null)).statusCode(201).extract().path("id");
        String otherOrg = TestData.unique("other");
        TestData.createOrg(adminToken, otherOrg);

        given().auth().oauth2(adminToken).get("/api/v1/identity/orgs/" + otherOrg + "/sync-configurations/" + id)
                .then().statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        given().auth().oauth2(adminToken)
                .get("/api/v1/identity/orgs/" + otherOrg + "/sync-configurations/" + id + "/runs")
                .then().statusCode(404);
        given().auth().oauth2(adminToken).get(configurations() + "/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void runsAreListedNewestFirstAndReadableByMembers() {
        UUID configuration = TestData.createGitConfiguration(adminToken, org, "runs", null);
        String service = TestData.serviceToken();
        String first = SyncRunSteps.claim(service, configuration, "holder-1").statusCode(201).extract().path("id");
        SyncRunSteps.complete(service, first, "holder-1", Map.of("status", "succeeded")).statusCode(200);
        String second = SyncRunSteps.claim(service, configuration, "holder-2").statusCode(201).extract().path("id");

        given().auth().oauth2(memberToken).get(configurations() + "/" + configuration + "/runs")
                .then().statusCode(200)
                .body("id", contains(second, first))
                .body("status", contains("running", "succeeded"));
        given().auth().oauth2(memberToken).get(configurations() + "/" + configuration + "/runs?limit=1")
                .then().statusCode(200).body("id", contains(second));
        given().auth().oauth2(memberToken).get(configurations() + "/" + configuration + "/runs?limit=0")
                .then().statusCode(422).body("violations.field", contains("limit"));
        given().auth().oauth2(memberToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + first)
                .then().statusCode(200)
                .body("syncConfigurationId", equalTo(configuration.toString()))
                .body("phase", equalTo("done"));
        given().auth().oauth2(viewerToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + first)
                .then().statusCode(403);
        given().auth().oauth2(memberToken).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    private String configurations() {
        return "/api/v1/identity/orgs/" + org + "/sync-configurations";
    }

    private ValidatableResponse create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(configurations())
                .then();
    }

    private ValidatableResponse patch(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch(configurations() + "/" + id)
                .then();
    }

    /** Asserts a 422 naming exactly {@code field}; returns the violation's message. */
    private String assertInvalid(Map<String, Object> body, String field) {
        return create(adminToken, body)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION.toString()))
                .body("violations.field", equalTo(List.of(field)))
                .extract().path("violations[0].message");
    }

    /** A credential of the organization, created through the credentials API. */
    private static UUID insertCredential(UUID organizationId, String provider) {
        String id = given().auth().oauth2(TestData.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("provider", provider, "name", provider + "-" + UUID.randomUUID(), "secret", "s3cret-token"))
                .post("/api/v1/identity/orgs/" + organizationId + "/credentials")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static Map<String, Object> withSchedule(String name, Map<String, Object> schedule) {
        Map<String, Object> body = gitBody(name, "/srv/git/" + name + ".git", null);
        body.put("schedule", schedule);
        return body;
    }

    private static Map<String, Object> body(String name, String provider, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("provider", provider);
        body.put("options", options);
        return body;
    }

    private static Map<String, Object> gitBody(String name, String repositoryPath, Integer scheduleIntervalSeconds) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("provider", "git");
        body.put("options", Map.of("repositoryPath", repositoryPath));
        body.put("scheduleIntervalSeconds", scheduleIntervalSeconds);
        return body;
    }
}
