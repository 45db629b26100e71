package io.devhealth.sync.job;

import static io.devhealth.sync.job.rest.SyncRunResourceTests.awaitEnd;
import static io.devhealth.sync.job.rest.SyncRunResourceTests.startRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Local repository paths are a privilege, checked again when a run starts on the repository's real path: symbolic
 * links and {@code ..} that lead out of the organization's or the operator's roots fail the run, with one reason
 * whether the target exists or not, before any git process reads anything. Real directories, real symbolic links.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class LocalRepositoryPrivilegeTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    final IdentityFixture identity = new IdentityFixture();
    String admin;

    /** Inside the operator's root (where this module's {@code @TempDir}s live). */
    @TempDir
    Path tmp;
    /** Outside the operator's root: the module's build directory. */
    Path outsideOperatorRoot;

    @BeforeEach
    void logIn() throws IOException {
        admin = identity.adminToken();
        outsideOperatorRoot = Files.createDirectories(Path.of("target", "privilege-" + UUID.randomUUID())
                .toAbsolutePath());
        assertThat(outsideOperatorRoot.startsWith(Path.of(IdentityServiceTestResource.LOCAL_ROOT).toRealPath()))
                .as("the build directory must lie outside the temporary directory for this test").isFalse();
    }

    @AfterEach
    void removeOutsideDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(outsideOperatorRoot)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aRepositoryUnderBothRootsSyncs() {
        Org org = identity.createOrg(admin, "inside");
        Path root = tmp.resolve("org-root");
        identity.allowLocalRoots(admin, org, List.of(root.toString()));
        Path repo = GitFixture.repository(root.resolve("team/app"), 3);

        JsonPath run = run(org, identity.createGitConfiguration(admin, org, repo.toString()));

        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
        assertThat(run.getLong("counts.commits")).isEqualTo(GitFixture.revListCount(repo));
    }

    @Test
    void aSymbolicLinkOutOfTheOrganizationsRootFailsTheRun() throws IOException {
        Org org = identity.createOrg(admin, "symlink");
        Path root = Files.createDirectories(tmp.resolve("org-root"));
        identity.allowLocalRoots(admin, org, List.of(root.toString()));
        // Another organization's repository, inside the operator's root but not this organization's.
        Path elsewhere = GitFixture.repository(tmp.resolve("other-org/app"), 3);
        Path link = Files.createSymbolicLink(root.resolve("app"), elsewhere);
        Path dangling = Files.createSymbolicLink(root.resolve("gone"), tmp.resolve("other-org/gone"));

        JsonPath escaped = run(org, identity.createGitConfiguration(admin, org, link.toString()));
        JsonPath missing = run(org, identity.createGitConfiguration(admin, org, dangling.toString()));

        assertNotPermitted(escaped, link);
        assertNotPermitted(missing, dangling);
        assertThat(reason(escaped, link)).as("an existing and a missing target read the same")
                .isEqualTo(reason(missing, dangling));
        assertThat(countCommits(org)).isZero();
    }

    @Test
    void aSymbolicLinkOutOfTheOperatorsRootFailsTheRunEvenWhenTheOrganizationListsTheTarget() throws IOException {
        Org org = identity.createOrg(admin, "operator");
        Path root = Files.createDirectories(tmp.resolve("org-root"));
        identity.allowLocalRoots(admin, org, List.of(root.toString(), outsideOperatorRoot.toString()));
        Path outside = GitFixture.repository(outsideOperatorRoot.resolve("app"), 3);
        Path link = Files.createSymbolicLink(root.resolve("app"), outside);

        JsonPath run = run(org, identity.createGitConfiguration(admin, org, link.toString()));

        assertNotPermitted(run, link);
        assertThat(countCommits(org)).isZero();
    }

    @Test
    void dotDotSegmentsAreResolvedBeforeTheCheck() throws IOException {
        Org org = identity.createOrg(admin, "dotdot");
        Path root = Files.createDirectories(tmp.resolve("org-root"));
        identity.allowLocalRoots(admin, org, List.of(root.toString()));
        GitFixture.repository(tmp.resolve("outside/app"), 3);
        Path inside = GitFixture.repository(root.resolve("app"), 3);
        // identity refuses '..' when a configuration is written; one written straight to its database still fails.
        String escaping = root + "/../outside/app";
        String missing = root + "/../outside/none";
        String staysInside = root + "/app/../app";

        JsonPath escaped = run(org, insertGitConfiguration(org, escaping));
        JsonPath absent = run(org, insertGitConfiguration(org, missing));
        JsonPath within = run(org, insertGitConfiguration(org, staysInside));

        assertNotPermitted(escaped, Path.of(escaping));
        assertNotPermitted(absent, Path.of(missing));
        assertThat(reason(escaped, Path.of(escaping))).isEqualTo(reason(absent, Path.of(missing)));
        assertThat(within.getString("status")).as(within.prettify()).isEqualTo("succeeded");
        assertThat(within.getLong("counts.commits")).isEqualTo(GitFixture.revListCount(inside));
    }

    @Test
    void pathsOutsideEveryRootFailAlikeWhetherTheyExistOrNot() {
        Org org = identity.createOrg(admin, "outside");
        String existing = "/etc";
        String missing = "/nonexistent-" + UUID.randomUUID();

        JsonPath exists = run(org, insertGitConfiguration(org, existing));
        JsonPath absent = run(org, insertGitConfiguration(org, missing));

        assertNotPermitted(exists, Path.of(existing));
        assertNotPermitted(absent, Path.of(missing));
        assertThat(reason(exists, Path.of(existing))).isEqualTo(reason(absent, Path.of(missing)));
    }

    @Test
    void theOrganizationsCurrentRootsApplyWhenTheRunStarts() {
        Org org = identity.createOrg(admin, "revoked");
        Path repo = GitFixture.repository(tmp.resolve("app"), 3);
        UUID configuration = identity.createGitConfiguration(admin, org, repo.toString());
        identity.allowLocalRoots(admin, org, List.of());

        assertNotPermitted(run(org, configuration), repo);
    }

    private JsonPath run(Org org, UUID configurationId) {
        return awaitEnd(admin, org, startRun(admin, org, configurationId));
    }

    private UUID insertGitConfiguration(Org org, String repositoryPath) {
        try {
            return identity.insertConfiguration(org, "git", JSON.writeValueAsString(Map.of("repositoryPath",
                    repositoryPath)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNotPermitted(JsonPath run, Path path) {
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("failed");
        assertThat(run.getString("error")).startsWith("repository path is not permitted: " + path + " (");
        assertThat(run.getMap("counts")).as("nothing was read").isEmpty();
    }

    /** The failure reason without the path it names. */
    private static String reason(JsonPath run, Path path) {
        return run.getString("error").replace(path.toString(), "<path>");
    }

    private static long countCommits(Org org) {
        String database = ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class);
        return Long.parseLong(Engines.clickhouse().queryWithParams(database,
                "SELECT count() FROM commits FINAL WHERE org_id = {org:UUID}", Map.of("org", org.id().toString()))
                .strip());
    }
}
