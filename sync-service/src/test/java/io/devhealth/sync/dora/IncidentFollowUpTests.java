package io.devhealth.sync.dora;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devhealth.sync.clickhouse.ClickHouseConfig;
import io.devhealth.sync.provider.ProgressListener;
import io.devhealth.sync.provider.SyncContext;
import io.devhealth.sync.sink.WriteFence;
import io.devhealth.testengines.ClickHouseTestResource;
import io.devhealth.testengines.Engines;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What follows a GitHub or Jira run, on the real ClickHouse engine: issues matching the organization's incident rules
 * become incidents (and stop being incidents when they no longer match), and every incident is linked to the
 * production deployment before it, which then counts as failed.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
class IncidentFollowUpTests {

    @Inject
    IncidentFollowUp followUp;
    @Inject
    ClickHouseConfig clickhouse;

    @Test
    void labelledIssuesBecomeIncidentsLinkedToTheDeploymentBeforeThem() throws Exception {
        UUID org = UUID.randomUUID();
        UUID repo = UUID.randomUUID();
        deploymentFact(org, repo, "d1", "2024-05-01 10:00:00");
        deploymentFact(org, repo, "d2", "2024-05-02 10:00:00");
        workItem(org, "github", repo, "101", "['Incident', 'sev2']", "Story", "2024-05-01 12:00:00",
                "'2024-05-01 14:00:00'");
        workItem(org, "github", repo, "102", "['bug']", "Story", "2024-05-01 13:00:00", "NULL");
        workItem(org, "jira", null, "OPS-7", "[]", "Incident", "2024-05-02 11:00:00", "NULL");

        followUp.afterSync("github", context(org, Map.of()));

        assertThat(query(org, "SELECT provider, incident_id, status, toString(resolved_at) FROM incidents FINAL"
                + " WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY incident_id"))
                .containsExactly("github\t101\tresolved\t2024-05-01 14:00:00.000");
        assertThat(query(org, "SELECT incident_id, deployment_id, link_method FROM incident_links FINAL"
                + " WHERE org_id = {org:UUID} AND is_deleted = 0"))
                .containsExactly("101\td1\tlast-production-deployment");
        assertThat(query(org, "SELECT deployment_id, failure_cause, toString(recovered_at) FROM deployment_facts"
                + " FINAL WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY deployment_id")).containsExactly(
                        "d1\tincident\t2024-05-01 14:00:00.000",
                        "d2\t\t\\N");

        // Jira's incident type counts; the Jira issue names no repository, so it stays unlinked with the reason.
        followUp.afterSync("jira", context(org, Map.of()));
        assertThat(query(org, "SELECT incident_id, deployment_id, link_method, reason FROM incident_links FINAL"
                + " WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY incident_id")).containsExactly(
                        "101\td1\tlast-production-deployment\t",
                        "OPS-7\t\tnone\tno-repository");

        // The organization's rules change: the 'sev2' label marks incidents no longer, 'bug' does.
        followUp.afterSync("github", context(org, Map.of(WorkItemIncidents.RULES_SETTING,
                Map.of("issueLabels", List.of("BUG")))));
        assertThat(query(org, "SELECT incident_id FROM incidents FINAL WHERE org_id = {org:UUID}"
                + " AND provider = 'github' AND is_deleted = 0")).containsExactly("102");
        assertThat(query(org, "SELECT deployment_id, if(failure_cause = '', '-', failure_cause) FROM"
                + " deployment_facts FINAL WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY deployment_id"))
                .containsExactly("d1\tincident", "d2\t-");
        assertThat(query(org, "SELECT incident_id FROM incident_links FINAL WHERE org_id = {org:UUID}"
                + " AND is_deleted = 0 ORDER BY incident_id")).containsExactly("102", "OPS-7");
    }

    @Test
    void aPagerDutyIncidentIsLinkedThroughItsServicesRepositoriesOrTheCommitItsDescriptionNames() throws Exception {
        UUID org = UUID.randomUUID();
        UUID api = UUID.randomUUID();
        UUID web = UUID.randomUUID();
        deploymentFact(org, api, "a1", "2024-05-01 10:00:00");
        deploymentFact(org, web, "w1", "2024-05-01 11:00:00");
        execute("ALTER TABLE deployment_facts UPDATE commit_sha = '3f786850e387550fdab836ed7e6dc881de23001b'"
                + " WHERE org_id = '" + org + "' AND deployment_id = 'w1' SETTINGS mutations_sync = 1");
        pagerDutyIncident(org, "PAPI", "['" + api + "']", "Latency", "", 1, "2024-05-01 12:00:00");
        pagerDutyIncident(org, "PREF", "[]", "Errors", "Started with 3f786850e38 on web", 1,
                "2024-05-01 12:00:00");
        pagerDutyIncident(org, "PLOW", "['" + api + "']", "Low-priority service", "", 0,
                "2024-05-01 12:00:00");

        followUp.afterSync("pagerduty", context(org, Map.of()));

        assertThat(query(org, "SELECT incident_id, deployment_id, link_method FROM incident_links FINAL"
                + " WHERE org_id = {org:UUID} AND is_deleted = 0 ORDER BY incident_id")).containsExactly(
                        "PAPI\ta1\tlast-production-deployment",
                        "PREF\tw1\texplicit-commit");
    }

    @Test
    void aRunOfAProviderWithoutIncidentsOrDeploymentsLinksNothing() throws Exception {
        UUID org = UUID.randomUUID();
        workItem(org, "github", UUID.randomUUID(), "1", "['incident']", "", "2024-05-01 12:00:00", "NULL");
        followUp.afterSync("git", context(org, Map.of()));
        assertThat(query(org, "SELECT count() FROM incidents WHERE org_id = {org:UUID}")).containsExactly("0");
    }

    private static SyncContext context(UUID org, Map<String, Object> settings) {
        return new SyncContext(org, UUID.randomUUID(), "test", Map.of(), settings, null, System.currentTimeMillis(),
                ProgressListener.NONE, WriteFence.NONE, null, null, null);
    }

    private void deploymentFact(UUID org, UUID repo, String id, String finished) {
        execute("INSERT INTO deployment_facts (org_id, repo_id, provider, deployment_id, environment, is_production,"
                + " commit_sha, finished_at, changes, version) VALUES ('" + org + "', '" + repo + "', 'github', '" + id
                + "', 'production', 1, '" + "a".repeat(40) + "', '" + finished + "', 1, 1)");
    }

    private void pagerDutyIncident(UUID org, String id, String repos, String title,
            String description, int counts, String created) {
        execute("INSERT INTO incidents (org_id, provider, incident_id, title, description, repo_ids, counts_as_incident,"
                + " created_at, version) VALUES ('" + org + "', 'pagerduty', '" + id + "', '" + title + "', '"
                + description + "', " + repos + ", " + counts + ", '" + created + "', 1)");
    }

    private void workItem(UUID org, String provider, UUID repo, String id, String labels, String type,
            String created, String completed) {
        execute("INSERT INTO work_items (org_id, provider, work_item_id, project_key, repo_id, title, type, type_name,"
                + " labels, created_at, updated_at, completed_at, version) VALUES ('" + org + "', '" + provider + "', '"
                + id + "', 'acme/api', " + (repo == null ? "NULL" : "'" + repo + "'") + ", 'Checkout down', 'other', '"
                + type + "', " + labels + ", '" + created + "', '" + created + "', " + completed + ", 1)");
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
