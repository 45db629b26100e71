package io.devhealth.sync.job.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.support.problem.ProblemTypes;
import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.job.GitFixture;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.sync.job.Polling;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * The sync API end to end on real engines: a real identity-service (its jar, on the test JVM's PostgreSQL),
 * the ClickHouse engine, real git repositories made with the git CLI. Every test works in organizations of its
 * own, so tests and classes do not see each other's data.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
public class SyncRunResourceTests {

    /** Generous: the machine is shared; a run of the fixture repository takes about a second. */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
    private static final String RUNS = "/api/v1/sync/orgs/{org}/configurations/{configurationId}/runs";
    private static final String RUN = "/api/v1/sync/orgs/{org}/runs/{runId}";

    final IdentityFixture identity = new IdentityFixture();
    String admin;

    @TempDir
    Path tmp;

    @BeforeEach
    void logIn() {
        admin = identity.adminToken();
    }

    @Test
    void manualRunSyncsEveryCommitThenSecondRunIsANoOpAndThirdIsIncremental() {
        Org org = identity.createOrg(admin, "sync");
        Path repo = GitFixture.repository(tmp.resolve("repo"), 12);
        long commits = GitFixture.revListCount(repo);
        assertThat(commits).as("fixture: 12 main + 3 feature + readme + merge + side").isEqualTo(18);
        UUID configurationId = identity.createGitConfiguration(admin, org, repo.toString());

        var started = given().auth().oauth2(admin)
                .when().post(RUNS, org.slug(), configurationId)
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("running"))
                .body("trigger", equalTo("manual"))
                .body("syncConfigurationId", equalTo(configurationId.toString()))
                .body("orgId", equalTo(org.id().toString()))
                // Every field of the contract is present, null or not.
                .body("$", hasKey("itemsTotal"))
                .body("$", hasKey("error"))
                .body("$", hasKey("finishedAt"))
                .extract();
        String runId = started.jsonPath().getString("id");
        assertThat(started.header("Location")).endsWith("/api/v1/sync/orgs/" + org.slug() + "/runs/" + runId);

        JsonPath first = awaitEnd(admin, org, runId);
        assertThat(first.getString("status")).as("run %s: %s", runId, first.prettify()).isEqualTo("succeeded");
        assertThat(first.getString("error")).isNull();
        assertThat(first.getString("finishedAt")).isNotNull();
        assertThat(first.getLong("counts.commits")).isEqualTo(commits);
        assertThat(first.getLong("counts.repos")).isEqualTo(1);
        assertThat(first.getLong("counts.commit_stats")).as("one row per file of each non-merge commit").isPositive();

        // ClickHouse holds exactly git's commits for this org.
        assertThat(clickHouseShas(org)).isEqualTo(gitShas(repo));

        JsonPath second = awaitEnd(admin, org, startRun(admin, org, configurationId));
        assertThat(second.getString("status")).isEqualTo("succeeded");
        assertThat(second.getLong("counts.commits")).as("nothing new: nothing written").isZero();
        assertThat(second.getLong("counts.commit_stats")).isZero();

        GitFixture.addCommit(repo, "one more");
        JsonPath third = awaitEnd(admin, org, startRun(admin, org, configurationId));
        assertThat(third.getString("status")).isEqualTo("succeeded");
        assertThat(third.getLong("counts.commits")).as("only the new commit").isEqualTo(1);
        assertThat(clickHouseShas(org)).hasSize((int) commits + 1).isEqualTo(gitShas(repo));
    }

    @Test
    void nonExistentPathFailsTheRunWithoutSayingItIsMissing() {
        Org org = identity.createOrg(admin, "missing");
        String path = tmp.resolve("no-such-repository").toString();
        UUID configurationId = identity.createGitConfiguration(admin, org, path);

        JsonPath run = awaitEnd(admin, org, startRun(admin, org, configurationId));

        assertThat(run.getString("status")).isEqualTo("failed");
        // Refused like a path outside the roots: a run never tells whether a path exists.
        assertThat(run.getString("error")).startsWith("repository path is not permitted: " + path + " (");
        assertThat(run.getMap("counts")).isEmpty();
        assertThat(countRows("commits", org)).isZero();
    }

    @Test
    void directoryThatIsNotARepositoryFailsTheRunWithItsReason() throws Exception {
        Org org = identity.createOrg(admin, "notrepo");
        Path dir = Files.createDirectories(tmp.resolve("plain-directory"));
        Files.writeString(dir.resolve("file.txt"), "not git\n");
        UUID configurationId = identity.createGitConfiguration(admin, org, dir.toString());

        JsonPath run = awaitEnd(admin, org, startRun(admin, org, configurationId));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("not a git repository");
        assertThat(countRows("commits", org)).isZero();
    }

    @Test
    void secondRunWhileOneIsRunningIsAConflict() {
        Org org = identity.createOrg(admin, "conflict");
        UUID configurationId = identity.createGitConfiguration(admin, org, tmp.toString());
        // Another sync-service instance holds a run of this configuration.
        UUID held = UUID.fromString((String) identity.claim(configurationId, "other-instance", 300).require(201).get("id"));
        try {
            given().auth().oauth2(admin)
                    .when().post(RUNS, org.slug(), configurationId)
                    .then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo(ProblemTypes.SYNC_RUN_ALREADY_RUNNING.toString()))
                    .body("status", equalTo(409))
                    .body("detail", containsString(configurationId.toString()));
        } finally {
            identity.complete(held, "other-instance", "failed", "test finished").require(200);
        }
        // Once it ended, a run may start again.
        assertThat(awaitEnd(admin, org, startRun(admin, org, configurationId)).getString("status")).isEqualTo("failed");
    }

    @Test
    void disabledConfigurationIsNotRun() {
        Org org = identity.createOrg(admin, "disabled");
        UUID configurationId = identity.createConfiguration(admin, org, "git", Map.of("repositoryPath", tmp.toString()),
                null, false);

        given().auth().oauth2(admin)
                .when().post(RUNS, org.slug(), configurationId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.CONFLICT.toString()))
                .body("detail", containsString("disabled"));
    }

    @Test
    void unknownConfigurationOrOneOfAnotherOrgIsNotFound() {
        Org org = identity.createOrg(admin, "notfound");
        Org other = identity.createOrg(admin, "other");
        UUID othersConfiguration = identity.createGitConfiguration(admin, other, tmp.toString());

        for (UUID configurationId : List.of(UUID.randomUUID(), othersConfiguration)) {
            problem(given().auth().oauth2(admin).when().post(RUNS, org.slug(), configurationId), 404, ProblemTypes.NOT_FOUND)
                    .body("detail", containsString(configurationId.toString()));
        }
        problem(given().auth().oauth2(admin).when().post(RUNS, "no-such-org-" + UUID.randomUUID().toString().substring(0, 8),
                othersConfiguration), 404, ProblemTypes.NOT_FOUND);
        problem(given().auth().oauth2(admin).when().post(RUNS, org.slug(), "not-a-uuid"), 404, ProblemTypes.NOT_FOUND);
    }

    @Test
    void runsAreVisibleOnlyInTheirOrg() {
        Org org = identity.createOrg(admin, "visible");
        Org other = identity.createOrg(admin, "elsewhere");
        UUID configurationId = identity.createGitConfiguration(admin, org, tmp.resolve("absent").toString());
        String runId = startRun(admin, org, configurationId);
        awaitEnd(admin, org, runId);

        problem(given().auth().oauth2(admin).when().get(RUN, other.slug(), runId), 404, ProblemTypes.NOT_FOUND);
        problem(given().auth().oauth2(admin).when().get(RUN, org.slug(), UUID.randomUUID()), 404, ProblemTypes.NOT_FOUND);
        problem(given().auth().oauth2(admin).when().get(RUN, org.slug(), "not-a-uuid"), 404, ProblemTypes.NOT_FOUND);
        // By id as well as by slug.
        given().auth().oauth2(admin).when().get(RUN, org.id(), runId).then().statusCode(200).body("id", equalTo(runId));
    }

    @Test
    void membersMayFollowRunsButOnlyAdminsMayStartThem() {
        Org org = identity.createOrg(admin, "roles");
        UUID configurationId = identity.createGitConfiguration(admin, org, tmp.resolve("absent").toString());
        String runId = startRun(admin, org, configurationId);
        awaitEnd(admin, org, runId);

        String orgAdmin = identity.createUserToken(org, "admin");
        String member = identity.createUserToken(org, "member");
        String viewer = identity.createUserToken(org, "viewer");
        String outsider = identity.createUserToken(org, null);

        problem(given().auth().oauth2(member).when().post(RUNS, org.slug(), configurationId), 403, ProblemTypes.FORBIDDEN)
                .body("detail", containsString("requires role admin"));
        problem(given().auth().oauth2(viewer).when().post(RUNS, org.slug(), configurationId), 403, ProblemTypes.FORBIDDEN);
        problem(given().auth().oauth2(outsider).when().post(RUNS, org.slug(), configurationId), 403, ProblemTypes.FORBIDDEN)
                .body("detail", containsString("not a member"));
        // An outsider learns nothing more about an organization that does not exist than that it does not.
        problem(given().auth().oauth2(outsider).when().post(RUNS, "absent-" + UUID.randomUUID().toString().substring(0, 8),
                configurationId), 404, ProblemTypes.NOT_FOUND);

        given().auth().oauth2(member).when().get(RUN, org.slug(), runId).then().statusCode(200).body("id", equalTo(runId));
        problem(given().auth().oauth2(viewer).when().get(RUN, org.slug(), runId), 403, ProblemTypes.FORBIDDEN);
        problem(given().auth().oauth2(outsider).when().get(RUN, org.slug(), runId), 403, ProblemTypes.FORBIDDEN);

        // An org admin (not a superuser) may start runs.
        JsonPath run = awaitEnd(orgAdmin, org, startRun(orgAdmin, org, configurationId));
        assertThat(run.getString("status")).isEqualTo("failed");
    }

    @Test
    void missingMalformedOrForeignSignedTokenIsUnauthorized() throws Exception {
        Org org = identity.createOrg(admin, "tokens");
        UUID configurationId = identity.createGitConfiguration(admin, org, tmp.toString());

        problem(given().when().post(RUNS, org.slug(), configurationId), 401, ProblemTypes.UNAUTHORIZED)
                .header("WWW-Authenticate", startsWith("Bearer"));
        problem(given().when().get(RUN, org.slug(), UUID.randomUUID()), 401, ProblemTypes.UNAUTHORIZED);
        problem(given().auth().oauth2("not-a-jwt").when().post(RUNS, org.slug(), configurationId), 401,
                ProblemTypes.UNAUTHORIZED);
        problem(given().auth().oauth2(foreignSignedToken(org)).when().post(RUNS, org.slug(), configurationId), 401,
                ProblemTypes.UNAUTHORIZED);
        // Service tokens carry their own audience (devhealth-services), which the public APIs refuse.
        problem(given().auth().oauth2(identity.serviceToken()).when().post(RUNS, org.slug(), configurationId), 401,
                ProblemTypes.UNAUTHORIZED);
    }

    @Test
    void openApiDocumentsTheSyncApiAndItsProgress() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/v1/sync/orgs/{org}/configurations/{configurationId}/runs"))
                .body(containsString("/api/v1/sync/orgs/{org}/runs/{runId}"))
                .body(containsString("extracting"))
                .body(containsString("application/problem+json"));
    }

    // ---- helpers ----

    /** POSTs a run and returns its id. */
    public static String startRun(String token, Org org, UUID configurationId) {
        return given().auth().oauth2(token)
                .when().post(RUNS, org.slug(), configurationId)
                .then().statusCode(202)
                .extract().jsonPath().getString("id");
    }

    /**
     * Polls the run until it is no longer running (bounded by {@link #RUN_DEADLINE}), checking on the way that
     * every view is consistent: progress never exceeds its total and the lease is held by this instance.
     */
    public static JsonPath awaitEnd(String token, Org org, String runId) {
        Instant deadline = Instant.now().plus(RUN_DEADLINE);
        Set<String> phases = new LinkedHashSet<>();
        JsonPath run = null;
        while (Instant.now().isBefore(deadline)) {
            run = given().auth().oauth2(token)
                    .when().get(RUN, org.slug(), runId)
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .body("id", equalTo(runId))
                    .extract().jsonPath();
            phases.add(run.getString("phase"));
            Long total = run.getObject("itemsTotal", Long.class);
            if (total != null) {
                assertThat(run.getLong("itemsProcessed")).as("progress of %s", run.prettify()).isLessThanOrEqualTo(total);
            }
            if (!"running".equals(run.getString("status"))) {
                assertThat(run.getString("finishedAt")).isNotNull();
                return run;
            }
            Polling.pause();
        }
        return fail("run %s still running after %s (phases seen: %s): %s", runId, RUN_DEADLINE, phases,
                run == null ? null : run.prettify());
    }

    private static ValidatableResponse problem(Response response, int status,
            URI type) {
        return response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type.toString()))
                .body("status", is(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("Exception")));
    }

    private static Set<String> gitShas(Path repo) {
        try {
            Process git = new ProcessBuilder("git", "-C", repo.toString(), "rev-list", "--branches", "--remotes", "--tags")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes());
            assertThat(git.waitFor()).isZero();
            return new TreeSet<>(Arrays.asList(out.strip().split("\n")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> clickHouseShas(Org org) {
        String out = Engines.clickhouse().queryWithParams(clickHouseDatabase(),
                "SELECT sha FROM commits FINAL WHERE org_id = {org:UUID} ORDER BY sha", Map.of("org", org.id().toString()));
        return out.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(out.strip().split("\n")));
    }

    private static long countRows(String table, Org org) {
        return Long.parseLong(Engines.clickhouse().queryWithParams(clickHouseDatabase(),
                "SELECT count() FROM " + table + " FINAL WHERE org_id = {org:UUID}", Map.of("org", org.id().toString()))
                .strip());
    }

    private static String clickHouseDatabase() {
        return ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class);
    }

    /** A token with every right claim, signed by a key identity never had. */
    private static String foreignSignedToken(Org org) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("devhealth-identity");
        claims.setAudience("devhealth");
        claims.setSubject(UUID.randomUUID().toString());
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();
        claims.setStringListClaim("groups", "user", "superuser");
        claims.setClaim("orgs", List.of(Map.of("id", org.id().toString(), "slug", org.slug(), "role", "owner")));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue("foreign");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
