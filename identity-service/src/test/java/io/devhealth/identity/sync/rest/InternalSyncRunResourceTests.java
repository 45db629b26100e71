package io.devhealth.identity.sync.rest;

import static io.devhealth.identity.sync.rest.SyncRunSteps.claim;
import static io.devhealth.identity.sync.rest.SyncRunSteps.complete;
import static io.devhealth.identity.sync.rest.SyncRunSteps.heartbeat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The internal API sync-service uses: configurations, and the claim/heartbeat/complete lease protocol. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class InternalSyncRunResourceTests {

    private String service;
    private String admin;
    private String org;
    private UUID orgId;

    @BeforeEach
    void organization() {
        service = TestData.serviceToken();
        admin = TestData.adminToken();
        org = TestData.unique("leases");
        orgId = TestData.createOrg(admin, org);
    }

    @Test
    void serviceReadsAConfigurationWithItsOrganizationAndCursor() {
        UUID configuration = TestData.createGitConfiguration(admin, org, "read", 600);

        given().auth().oauth2(service).get("/internal/v1/sync-configurations/" + configuration)
                .then().statusCode(200)
                .body("id", equalTo(configuration.toString()))
                .body("orgId", equalTo(orgId.toString()))
                .body("orgSlug", equalTo(org))
                .body("provider", equalTo("git"))
                .body("options.repositoryPath", equalTo("/srv/git/read.git"))
                .body("cursor", nullValue())
                .body("scheduleIntervalSeconds", equalTo(600))
                .body("schedule", nullValue())
                .body("enabled", equalTo(true))
                .body("orgSettings.timezone", equalTo("UTC"))
                .body("orgSettings.'repositories.local-roots'", equalTo(List.of(TestData.LOCAL_ROOT)));
        given().auth().oauth2(service).get("/internal/v1/sync-configurations/" + UUID.randomUUID())
                .then().statusCode(404).body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
    }

    @Test
    void internalEndpointsRejectUserTokensAndMissingTokens() {
        UUID configuration = TestData.createGitConfiguration(admin, org, "guarded", null);

        given().auth().oauth2(admin).get("/internal/v1/sync-configurations/" + configuration)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.FORBIDDEN.toString()));
        claim(admin, configuration, "user").statusCode(403);
        given().get("/internal/v1/sync-configurations/due")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.UNAUTHORIZED.toString()));
        claim("", configuration, "nobody").statusCode(401);
    }

    @Test
    void claimHeartbeatAndCompleteStoreProgressAndTheCursor() {
        UUID configuration = TestData.createGitConfiguration(admin, org, "lifecycle", null);
        Instant beforeClaim = Instant.now();

        ExtractableResponse<Response> claimed = claim(service, configuration, "pod-a").statusCode(201)
                .body("status", equalTo("running"))
                .body("trigger", equalTo("manual"))
                .body("phase", equalTo("starting"))
                .body("leaseHolder", equalTo("pod-a"))
                .body("orgId", equalTo(orgId.toString()))
                .body("finishedAt", nullValue())
                .extract();
        String run = claimed.path("id");
        assertThat(claimed.header("Location")).endsWith("/internal/v1/sync-runs/" + run);
        assertThat(Instant.parse(claimed.path("leaseExpiresAt"))).isAfter(beforeClaim.plusSeconds(59));

        claim(service, configuration, "pod-b")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.SYNC_RUN_ALREADY_RUNNING.toString()));

        heartbeat(service, run, Map.of("holder", "pod-a", "leaseSeconds", 300, "phase", "extracting",
                "itemsProcessed", 40, "itemsTotal", 100))
                .statusCode(200)
                .body("phase", equalTo("extracting"))
                .body("itemsProcessed", equalTo(40))
                .body("itemsTotal", equalTo(100));
        heartbeat(service, run, Map.of("holder", "pod-b", "leaseSeconds", 60))
                .statusCode(409)
                .body("type", equalTo(ProblemTypes.LEASE_LOST.toString()));
        complete(service, run, "pod-a", Map.of("status", "failed"))
                .statusCode(422)
                .body("violations.field", equalTo(List.of("error")));

        complete(service, run, "pod-a", Map.of("status", "succeeded", "itemsProcessed", 100,
                "counts", Map.of("commits", 100, "commit_stats", 250), "cursor", Map.of("refs/heads/main", "abc123")))
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("itemsProcessed", equalTo(100))
                .body("counts.commit_stats", equalTo(250))
                .body("finishedAt", notNullValue());

        assertCursor(configuration, Map.of("refs/heads/main", "abc123"));
        heartbeat(service, run, Map.of("holder", "pod-a", "leaseSeconds", 60))
                .statusCode(409)
                .body("type", equalTo(ProblemTypes.LEASE_LOST.toString()));
        complete(service, run, "pod-a", Map.of("status", "succeeded")).statusCode(409);
    }

    @Test
    void aFailedRunNeverMovesTheCursor() {
        UUID configuration = TestData.createGitConfiguration(admin, org, "cursor", null);
        String first = claim(service, configuration, "pod-a").statusCode(201).extract().path("id");
        complete(service, first, "pod-a", Map.of("status", "succeeded", "cursor", Map.of("main", "v1")))
                .statusCode(200);

        String second = claim(service, configuration, "pod-a").statusCode(201).extract().path("id");
        complete(service, second, "pod-a", Map.of("status", "failed",
                "error", "repository not found: /srv/git/cursor.git", "cursor", Map.of("main", "v2")))
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", equalTo("repository not found: /srv/git/cursor.git"));

        assertCursor(configuration, Map.of("main", "v1"));
    }

    @Test
    void concurrentClaimsOfOneConfigurationHaveExactlyOneWinner() throws Exception {
        UUID configuration = TestData.createGitConfiguration(admin, org, "race", null);
        int contenders = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
            for (int i = 0; i < contenders; i++) {
                String holder = "pod-" + i;
                claims.add(pool.submit(() -> {
                    start.await();
                    return claim(service, configuration, holder).extract();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> claim : claims) {
                ExtractableResponse<Response> response = claim.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertThat(response.<String>path("type"))
                            .isEqualTo(ProblemTypes.SYNC_RUN_ALREADY_RUNNING.toString());
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409, 409, 409);
        }
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsRunFailed() {
        UUID configuration = TestData.createGitConfiguration(admin, org, "takeover", null);
        String stale = claim(service, configuration, "pod-dead").statusCode(201).extract().path("id");
        String heartbeatAt = given().auth().oauth2(admin).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + stale)
                .then().extract().path("heartbeatAt");
        // The holder "stops heartbeating": its lease ends in the past, as if a minute had gone by.
        TestData.update("UPDATE sync_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(stale));

        String fresh = claim(service, configuration, "pod-new").statusCode(201)
                .body("leaseHolder", equalTo("pod-new"))
                .extract().path("id");

        given().auth().oauth2(admin).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + stale)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", equalTo("lease expired: holder pod-dead stopped heartbeating at " + heartbeatAt))
                .body("finishedAt", notNullValue());
        heartbeat(service, stale, Map.of("holder", "pod-dead", "leaseSeconds", 60))
                .statusCode(409)
                .body("type", equalTo(ProblemTypes.LEASE_LOST.toString()));
        heartbeat(service, fresh, Map.of("holder", "pod-new", "leaseSeconds", 60)).statusCode(200);
    }

    @Test
    void anOrphanedRunIsDueAndAScheduledClaimTakesItOver() {
        UUID onDemand = TestData.createGitConfiguration(admin, org, "orphan", null);
        String orphan = claim(service, onDemand, "pod-dead").statusCode(201).extract().path("id");
        assertThat(dueIds()).doesNotContain(onDemand.toString());

        // Its holder died: once the lease has expired, any replica's scheduler takes the run over.
        TestData.update("UPDATE sync_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?",
                UUID.fromString(orphan));
        assertThat(dueIds()).contains(onDemand.toString());
        claim(service, scheduled(onDemand, "pod-new")).statusCode(201)
                .body("trigger", equalTo("schedule"))
                .body("leaseHolder", equalTo("pod-new"));

        given().auth().oauth2(admin).get("/api/v1/identity/orgs/" + org + "/sync-runs/" + orphan)
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", startsWith("lease expired: holder pod-dead"));
        assertThat(dueIds()).doesNotContain(onDemand.toString());
    }

    @Test
    void aScheduledClaimOfAConfigurationNoLongerDueIsAConflict() {
        UUID interval = TestData.createGitConfiguration(admin, org, "interval", 3600);
        UUID cron = createCronConfiguration("cron-once", "0 0 1 1 *");
        TestData.update("UPDATE sync_configurations SET schedule_next_run_at = now() - interval '1 second' WHERE id = ?",
                cron);
        UUID onDemand = TestData.createGitConfiguration(admin, org, "manual-only", null);
        assertThat(dueIds()).contains(interval.toString(), cron.toString()).doesNotContain(onDemand.toString());

        for (UUID configuration : List.of(interval, cron)) {
            // Replica A runs the due time to its end; replica B listed the configuration as due before that.
            String first = claim(service, scheduled(configuration, "pod-a")).statusCode(201).extract().path("id");
            complete(service, first, "pod-a", Map.of("status", "succeeded")).statusCode(200);
            claim(service, scheduled(configuration, "pod-b")).statusCode(409)
                    .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                    .body("detail", containsString("is not due"));
            // A manual run is not bound to the schedule.
            String manual = claim(service, configuration, "pod-b").statusCode(201).extract().path("id");
            complete(service, manual, "pod-b", Map.of("status", "succeeded")).statusCode(200);
        }
        claim(service, scheduled(onDemand, "pod-a")).statusCode(409)
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()));
    }

    private static Map<String, Object> scheduled(UUID configuration, String holder) {
        return Map.of("syncConfigurationId", configuration.toString(), "trigger", "schedule", "holder", holder,
                "leaseSeconds", 60);
    }

    @Test
    void claimValidatesItsRequest() {
        UUID configuration = TestData.createGitConfiguration(admin, org, "strict", null);

        claim(service, UUID.randomUUID(), "pod-a").statusCode(404)
                .body("type", equalTo(ProblemTypes.NOT_FOUND.toString()));
        claim(service, Map.of("syncConfigurationId", configuration.toString(), "trigger", "whenever", "holder", "",
                "leaseSeconds", 0))
                .statusCode(422)
                .body("violations.field", equalTo(List.of("holder", "leaseSeconds", "trigger")));
        claim(service, Map.of("syncConfigurationId", configuration.toString(), "trigger", "manual", "holder", "pod-a",
                "leaseSeconds", 60, "requestedBy", UUID.randomUUID().toString()))
                .statusCode(422)
                .body("violations.field", equalTo(List.of("requestedBy")));
        claim(service, Map.of("syncConfigurationId", "not-a-uuid", "trigger", "manual", "holder", "pod-a",
                "leaseSeconds", 60))
                .statusCode(400)
                .body("type", equalTo(ProblemTypes.BAD_REQUEST.toString()));
    }

    @Test
    void dueListsScheduledConfigurationsWithoutALiveRun() {
        UUID scheduled = TestData.createGitConfiguration(admin, org, "scheduled", 60);
        UUID onDemand = TestData.createGitConfiguration(admin, org, "on-demand", null);
        UUID running = TestData.createGitConfiguration(admin, org, "running", 60);
        UUID recent = TestData.createGitConfiguration(admin, org, "recent", 3600);
        claim(service, running, "pod-a").statusCode(201);
        String recentRun = claim(service, recent, "pod-a").statusCode(201).extract().path("id");
        complete(service, recentRun, "pod-a", Map.of("status", "succeeded")).statusCode(200);

        List<String> due = given().auth().oauth2(service).get("/internal/v1/sync-configurations/due")
                .then().statusCode(200)
                .extract().jsonPath().getList("id");

        assertThat(due).contains(scheduled.toString())
                .doesNotContain(onDemand.toString(), running.toString(), recent.toString());
        given().auth().oauth2(service).get("/internal/v1/sync-configurations/due")
                .then().body("find { it.id == '" + scheduled + "' }.orgSlug", equalTo(org));

        // A run that started more than an interval ago no longer holds the schedule back.
        TestData.update("UPDATE sync_runs SET started_at = now() - interval '2 hours' WHERE id = ?",
                UUID.fromString(recentRun));
        assertThat(given().auth().oauth2(service).get("/internal/v1/sync-configurations/due")
                .then().extract().jsonPath().<String>getList("id")).contains(recent.toString());
    }

    @Test
    void cronSchedulesAreDueOnceTheirFireTimeHasComeAndAScheduledClaimMovesThemOn() {
        UUID cron = createCronConfiguration("cron", "0 0 1 1 *");
        assertThat(dueIds()).doesNotContain(cron.toString());

        TestData.update("UPDATE sync_configurations SET schedule_next_run_at = now() - interval '1 minute' WHERE id = ?",
                cron);
        assertThat(dueIds()).contains(cron.toString());
        given().auth().oauth2(service).get("/internal/v1/sync-configurations/due")
                .then().body("find { it.id == '" + cron + "' }.schedule.cron", equalTo("0 0 1 1 *"));

        // A manual run leaves the schedule alone; while it runs the configuration is not due.
        String manual = claim(service, cron, "pod-a").statusCode(201).extract().path("id");
        assertThat(dueIds()).doesNotContain(cron.toString());
        complete(service, manual, "pod-a", Map.of("status", "succeeded")).statusCode(200);
        assertThat(dueIds()).contains(cron.toString());

        // The scheduler's claim moves the next run to the next fire time.
        String scheduled = claim(service, Map.of("syncConfigurationId", cron.toString(), "trigger", "schedule",
                "holder", "pod-a", "leaseSeconds", 60)).statusCode(201).extract().path("id");
        complete(service, scheduled, "pod-a", Map.of("status", "succeeded")).statusCode(200);
        assertThat(dueIds()).doesNotContain(cron.toString());
        String next = given().auth().oauth2(admin).get("/api/v1/identity/orgs/" + org + "/sync-configurations/" + cron)
                .then().statusCode(200).extract().path("nextRunAt");
        assertThat(Instant.parse(next)).isAfter(Instant.now());
        assertThat(next).endsWith("-01-01T00:00:00Z");
    }

    @Test
    void aCronScheduleTakesPrecedenceOverAnInterval() {
        UUID both = createCronConfiguration("both", "0 0 1 1 *");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("scheduleIntervalSeconds", 60))
                .patch("/api/v1/identity/orgs/" + org + "/sync-configurations/" + both)
                .then().statusCode(200).body("scheduleIntervalSeconds", equalTo(60));
        // Never ran, so the interval alone would make it due; the cron schedule's next fire time is months away.
        assertThat(dueIds()).doesNotContain(both.toString());
        Map<String, Object> noCron = new HashMap<>();
        noCron.put("schedule", null);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(noCron)
                .patch("/api/v1/identity/orgs/" + org + "/sync-configurations/" + both)
                .then().statusCode(200);
        assertThat(dueIds()).contains(both.toString());
    }

    private UUID createCronConfiguration(String name, String cron) {
        TestData.allowLocalRoots(admin, org, List.of(TestData.LOCAL_ROOT));
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", name, "provider", "git",
                        "options", Map.of("repositoryPath", TestData.LOCAL_ROOT + "/" + name + ".git"),
                        "schedule", Map.of("cron", cron, "timeZone", "UTC")))
                .post("/api/v1/identity/orgs/" + org + "/sync-configurations")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private List<String> dueIds() {
        return given().auth().oauth2(service).get("/internal/v1/sync-configurations/due")
                .then().statusCode(200)
                .extract().jsonPath().getList("id");
    }

    private void assertCursor(UUID configuration, Map<String, Object> expected) {
        Map<String, Object> cursor = given().auth().oauth2(service)
                .get("/internal/v1/sync-configurations/" + configuration)
                .then().statusCode(200)
                .extract().path("cursor");
        assertThat(cursor).isEqualTo(expected);
    }
}
