package io.devhealth.sync.dora;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.provider.ProductionEnvironments;
import io.devhealth.sync.provider.git.GitAncestry;
import io.devhealth.sync.provider.git.GitConfig;
import io.devhealth.sync.provider.git.GitFixture;
import io.devhealth.sync.sink.WriteFence;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DORA linkage on a real git history and the real ClickHouse engine: deployments, statuses, incidents and merged
 * requests are inserted as the providers store them, then the facts are read back. One history covers each rule of
 * {@link DeploymentLinker}: first deployment, ancestry, a superseded (inactive) deployment, a rollback, a redeploy of
 * shipped commits, an incident pinned by time and its hotfix, a non-production environment, an unknown commit and a
 * failed deployment.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentLinkageTests {

    @TempDir
    static Path tmp;
    static GitFixture git;
    /**
     * Commits a1…a5 on main, one per day from 2024-03-01 10:00 UTC; a6 on hotfix/login; a7 on revert-a5, reverting
     * a5 (2024-03-06).
     */
    static final List<String> SHA = new ArrayList<>();

    @Inject
    DeploymentLinkage linkage;
    @Inject
    IncidentLinkage incidentLinkage;
    @Inject
    GitConfig gitConfig;
    @Inject
    ClickHouseConfig clickhouse;

    @BeforeAll
    static void history() {
        git = GitFixture.init(tmp.resolve("repo"));
        for (int i = 1; i <= 5; i++) {
            String date = "2024-03-0" + i + "T10:00:00+00:00";
            SHA.add(git.author("Ada", "ada@example.com", date).committerDate(date)
                    .write("f.txt", "v" + i + "\n").commitAll("a" + i));
        }
        git.run("checkout", "-q", "-b", "hotfix/login");
        String date = "2024-03-05T13:30:00+00:00";
        SHA.add(git.author("Ada", "ada@example.com", date).committerDate(date).write("f.txt", "fix\n")
                .commitAll("a6"));
        git.run("checkout", "-q", "-b", "revert-a5", a(5));
        String revertDate = "2024-03-06T10:00:00+00:00";
        SHA.add(git.author("Bob", "bob@example.com", revertDate).committerDate(revertDate).write("f.txt", "v4\n")
                .commitAll("Revert \"a5\"\n\nThis reverts commit " + a(5) + "."));
    }

    static String a(int n) {
        return SHA.get(n - 1);
    }

    @Test
    void linksChangesRollbacksIncidentsAndHotfixesAsDoraDefinesThem() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deployment(org, repo, "d1", "production", "success", a(1), "main", "2024-03-01 12:00:00");
        deployment(org, repo, "d2", "production", "inactive", a(3), "main", "2024-03-03 12:00:00");
        status(org, repo, "d2", "success", "2024-03-03 12:00:00");
        deployment(org, repo, "d3", "production", "success", a(4), "main", "2024-03-04 12:00:00");
        deployment(org, repo, "d4", "production", "success", a(3), "main", "2024-03-04 13:00:00");
        deployment(org, repo, "d5", "production", "success", a(5), "main", "2024-03-05 12:00:00");
        deployment(org, repo, "d6", "production", "success", a(6), "hotfix/login", "2024-03-05 14:00:00");
        deployment(org, repo, "failed", "production", "failure", a(5), "main", "2024-03-05 11:00:00");
        deployment(org, repo, "fork", "production", "success", "f".repeat(40), "main", "2024-03-02 12:00:00");
        deployment(org, repo, "s1", "staging", "success", a(5), "main", "2024-03-05 11:00:00");
        incident(org, repo, "i1", "", "2024-03-05 13:00:00", "2024-03-05 15:00:00");
        pullRequest(org, repo, 7, "2024-03-01 11:00:00", "2024-03-03 09:00:00", "", List.of(a(2), a(3)));
        pullRequest(org, repo, 8, "2024-03-04 15:00:00", "2024-03-05 10:30:00", a(5), List.of());

        DeploymentLinkage.Outcome outcome = link(org, repo);
        IncidentLinkage.Outcome incidents = incidentLinkage.relink(org, WriteFence.NONE);

        assertThat(outcome.unknownCommits()).isEqualTo(1);
        assertThat(outcome.deploymentFacts()).isEqualTo(8); // the failed deployment is not one
        assertThat(incidents).isEqualTo(new IncidentLinkage.Outcome(1, 1, 1));
        assertThat(incidentLinks(org)).containsExactly(
                "i1\td5\tlast-production-deployment\t\td6\t2024-03-05 14:00:00.000");
        assertThat(deploymentFacts(org)).containsExactly(
                "d1\tproduction\t1\t\t\\N\t0",
                "d2\tproduction\t2\t\t\\N\t0",
                "d3\tproduction\t1\trollback\t2024-03-04 13:00:00.000\t0",
                "d4\tproduction\t0\t\t\\N\t1",
                "d5\tproduction\t1\tincident\t2024-03-05 14:00:00.000\t0",
                "d6\tproduction\t1\t\t\\N\t1",
                "fork\tproduction\t0\t\t\\N\t0",
                "s1\tstaging\t1\t\t\\N\t0");
        assertThat(changeFacts(org)).containsExactlyInAnyOrder(
                a(1) + "\tproduction\td1\tdeployed-commit\t\\N",
                a(2) + "\tproduction\td2\tancestry\t7",
                a(3) + "\tproduction\td2\tancestry\t7",
                a(4) + "\tproduction\td3\tancestry\t\\N",
                a(5) + "\tproduction\td5\tancestry\t8",
                a(5) + "\tstaging\ts1\tdeployed-commit\t8",
                a(6) + "\tproduction\td6\tancestry\t\\N");
        assertThat(query(org, "SELECT toString(authored_at), toString(deployed_at), toString(pr_opened_at),"
                + " toString(pr_merged_at) FROM change_facts FINAL WHERE org_id = {org:UUID} AND sha = '" + a(2)
                + "'")).containsExactly(
                        "2024-03-02 10:00:00.000\t2024-03-03 12:00:00.000\t2024-03-01 11:00:00.000\t"
                                + "2024-03-03 09:00:00.000");
    }

    @Test
    void aGitLinkageKeepsTheIncidentLinksAndACorrectionMovesThem() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deployment(org, repo, "d1", "production", "success", a(1), "main", "2024-03-01 12:00:00");
        deployment(org, repo, "d2", "production", "success", a(3), "main", "2024-03-03 12:00:00");
        deployment(org, repo, "d3", "production", "success", a(5), "main", "2024-03-05 12:00:00");
        incident(org, repo, "i1", "", "2024-03-03 18:00:00", "2024-03-03 20:00:00");
        link(org, repo);
        incidentLinkage.relink(org, WriteFence.NONE);
        link(org, repo); // a later git linkage (no incident relink) keeps what the incident link says
        assertThat(deploymentFacts(org)).containsExactly(
                "d1\tproduction\t1\t\t\\N\t0",
                "d2\tproduction\t2\tincident\t2024-03-03 20:00:00.000\t0",
                "d3\tproduction\t2\t\t\\N\t0");

        // identity's correction (as the people refresh copies it): d1 caused it
        execute("INSERT INTO incident_link_corrections (org_id, correction_id, provider, incident_id, repo_id,"
                + " deployment_id, version) VALUES ('" + org + "', generateUUIDv4(), 'pagerduty', 'i1', '" + repo
                + "', 'd1', 1)");
        assertThat(incidentLinkage.relink(org, WriteFence.NONE).deploymentsRewritten()).isEqualTo(2);
        assertThat(incidentLinks(org)).containsExactly("i1\td1\tmanual\t\t\t2024-03-03 20:00:00.000");
        assertThat(deploymentFacts(org)).containsExactly(
                "d1\tproduction\t1\tincident\t2024-03-03 20:00:00.000\t0",
                "d2\tproduction\t2\t\t\\N\t0",
                "d3\tproduction\t2\t\t\\N\t0");
        assertThat(incidentLinkage.relink(org, WriteFence.NONE).deploymentsRewritten()).isZero();
    }

    @Test
    void aRevertFailsTheDeploymentThatShippedTheRevertedCommit() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deployment(org, repo, "d1", "production", "success", a(4), "main", "2024-03-04 12:00:00");
        deployment(org, repo, "d2", "production", "success", a(5), "main", "2024-03-05 12:00:00");
        deployment(org, repo, "d3", "production", "success", a(7), "revert-a5", "2024-03-06 12:00:00");
        link(org, repo);
        assertThat(deploymentFacts(org)).containsExactly(
                "d1\tproduction\t1\t\t\\N\t0",
                "d2\tproduction\t1\trevert\t2024-03-06 12:00:00.000\t0",
                "d3\tproduction\t1\t\t\\N\t1");
    }

    @Test
    void aChangeWhoseRequestCarriesAHotfixLabelMakesItsDeploymentAHotfix() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deployment(org, repo, "d1", "production", "success", a(3), "main", "2024-03-03 12:00:00");
        deployment(org, repo, "d2", "production", "success", a(4), "main", "2024-03-04 12:00:00");
        deployment(org, repo, "d3", "production", "success", a(5), "main", "2024-03-05 12:00:00");
        pullRequest(org, repo, 9, "2024-03-04 11:00:00", "2024-03-04 11:30:00", "", List.of(a(4)));
        execute("INSERT INTO pull_requests (org_id, repo_id, provider, number, state, labels, created_at, updated_at,"
                + " merged_at, version) VALUES ('" + org + "', '" + repo + "', 'github', 9, 'merged', ['Urgent',"
                + " 'HotFix'], '2024-03-04 11:00:00', '2024-03-04 11:30:00', '2024-03-04 11:30:00', 2)");
        linkage.link(org, repo, GitAncestry.open(gitConfig, git.dir()), Map.of(), WriteFence.NONE);
        assertThat(deploymentFacts(org)).containsExactly(
                "d1\tproduction\t1\thotfix\t2024-03-04 12:00:00.000\t0",
                "d2\tproduction\t1\t\t\\N\t1",
                "d3\tproduction\t1\t\t\\N\t0");

        // an organization whose hotfixes carry another label: this one is planned work
        UUID other = UUID.randomUUID();
        deployment(other, repo, "d1", "production", "success", a(3), "main", "2024-03-03 12:00:00");
        deployment(other, repo, "d2", "production", "success", a(4), "hotfix/login", "2024-03-04 12:00:00");
        linkage.link(other, repo, GitAncestry.open(gitConfig, git.dir()),
                Map.of(HotfixRules.SETTING, Map.of("refPatterns", List.of("emergency/*"),
                        "pullRequestLabels", List.of("sev1"))), WriteFence.NONE);
        assertThat(deploymentFacts(other)).containsExactly(
                "d1\tproduction\t1\t\t\\N\t0",
                "d2\tproduction\t1\t\t\\N\t0");
    }

    @Test
    void aRelinkReflectsADeletedDeploymentAndTombstonesItsFacts() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deployment(org, repo, "d1", "production", "success", a(1), "main", "2024-03-01 12:00:00");
        deployment(org, repo, "d2", "production", "success", a(3), "main", "2024-03-03 12:00:00");
        deployment(org, repo, "d3", "production", "success", a(5), "main", "2024-03-05 12:00:00");
        link(org, repo);
        assertThat(changeFacts(org)).contains(a(2) + "\tproduction\td2\tancestry\t\\N");

        execute("INSERT INTO deployments (org_id, repo_id, provider, deployment_id, environment, status, created_at,"
                + " is_deleted, version) VALUES ('" + org + "', '" + repo + "', 'github', 'd2', 'production',"
                + " 'success', '2024-03-03 12:00:00', 1, 2)");
        link(org, repo);

        assertThat(deploymentFacts(org)).containsExactly(
                "d1\tproduction\t1\t\t\\N\t0",
                "d3\tproduction\t4\t\t\\N\t0");
        assertThat(changeFacts(org)).containsExactlyInAnyOrder(
                a(1) + "\tproduction\td1\tdeployed-commit\t\\N",
                a(2) + "\tproduction\td3\tancestry\t\\N",
                a(3) + "\tproduction\td3\tancestry\t\\N",
                a(4) + "\tproduction\td3\tancestry\t\\N",
                a(5) + "\tproduction\td3\tancestry\t\\N");
    }

    @Test
    void theOrganizationsProductionEnvironmentsCountAsProduction() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deployment(org, repo, "d1", "live-eu", "success", a(1), "main", "2024-03-01 12:00:00");
        linkage.link(org, repo, GitAncestry.open(gitConfig, git.dir()),
                Map.of(ProductionEnvironments.SETTING, List.of("Live-*")), WriteFence.NONE);
        assertThat(query(org, "SELECT is_production FROM deployment_facts FINAL WHERE org_id = {org:UUID}"))
                .containsExactly("1");
        assertThat(query(org, "SELECT is_production FROM change_facts FINAL WHERE org_id = {org:UUID}"))
                .containsExactly("1");
    }

    @Test
    void aProviderSuppliedShaNeverReachesGitAsAnOption() throws Exception {
        GitAncestry ancestry = GitAncestry.open(gitConfig, git.dir());
        assertThat(ancestry.hasCommit("--output=/tmp/x")).isFalse();
        assertThat(ancestry.hasCommit(a(1).toUpperCase())).isFalse();
        assertThat(ancestry.hasCommit(a(1))).isTrue();
        assertThat(ancestry.isAncestor(a(1), a(3))).isTrue();
        assertThat(ancestry.isAncestor(a(3), a(1))).isFalse();
    }

    private DeploymentLinkage.Outcome link(UUID org, UUID repo) throws Exception {
        return linkage.link(org, repo, GitAncestry.open(gitConfig, git.dir()), Map.of(), WriteFence.NONE);
    }

    private List<String> deploymentFacts(UUID org) {
        return query(org, "SELECT deployment_id, environment, changes, failure_cause, toString(recovered_at),"
                + " is_rework FROM deployment_facts FINAL WHERE org_id = {org:UUID} AND is_deleted = 0"
                + " ORDER BY deployment_id");
    }

    private List<String> incidentLinks(UUID org) {
        return query(org, "SELECT incident_id, deployment_id, link_method, reason, remediation_deployment_id,"
                + " toString(recovered_at) FROM incident_links FINAL WHERE org_id = {org:UUID} AND is_deleted = 0"
                + " ORDER BY incident_id");
    }

    private List<String> changeFacts(UUID org) {
        return query(org, "SELECT sha, environment, deployment_id, link_method, pr_number FROM change_facts FINAL"
                + " WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY sha, environment");
    }

    private void deployment(UUID org, UUID repo, String id, String environment, String status, String sha,
            String ref, String finished) {
        execute("INSERT INTO deployments (org_id, repo_id, provider, deployment_id, environment, is_production,"
                + " status, commit_sha, ref, created_at, finished_at, version) VALUES ('" + org + "', '" + repo
                + "', 'github', '" + id + "', '" + environment + "', " + (environment.equals("production") ? 1 : 0)
                + ", '" + status + "', '" + sha + "', '" + ref + "', '" + finished + "', '" + finished + "', 1)");
    }

    private void status(UUID org, UUID repo, String deployment, String state, String at) {
        execute("INSERT INTO deployment_statuses (org_id, repo_id, provider, deployment_id, status_id, state,"
                + " environment, created_at, version) VALUES ('" + org + "', '" + repo + "', 'github', '"
                + deployment + "', '" + deployment + "-" + state + "', '" + state + "', 'production', '" + at
                + "', 1)");
    }

    private void incident(UUID org, UUID repo, String id, String deployment, String created,
            String resolved) {
        execute("INSERT INTO incidents (org_id, provider, incident_id, status, repo_id, deployment_id, created_at,"
                + " resolved_at, version) VALUES ('" + org + "', 'pagerduty', '" + id + "', 'resolved', '" + repo
                + "', '" + deployment + "', '" + created + "', '" + resolved + "', 1)");
    }

    private void pullRequest(UUID org, UUID repo, long number, String opened, String merged,
            String mergeCommit, List<String> commits) {
        execute("INSERT INTO pull_requests (org_id, repo_id, provider, number, state, merge_commit_sha, created_at,"
                + " updated_at, merged_at, version) VALUES ('" + org + "', '" + repo + "', 'github', " + number
                + ", 'merged', '" + mergeCommit + "', '" + opened + "', '" + merged + "', '" + merged + "', 1)");
        for (String sha : commits) {
            execute("INSERT INTO pull_request_commits (org_id, repo_id, provider, pr_number, sha, authored_at,"
                    + " committed_at, version) VALUES ('" + org + "', '" + repo + "', 'github', " + number + ", '"
                    + sha + "', '" + opened + "', '" + opened + "', 1)");
        }
    }

    private void execute(String sql) {
        Engines.clickhouse().execute(clickhouse.database(), sql);
    }

    private List<String> query(UUID org, String sql) {
        String out = Engines.clickhouse().queryWithParams(clickhouse.database(), sql, Map.of("org", org.toString()))
                .strip();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
