package io.devhealth.sync.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.query.GenericRecord;

import io.devhealth.sync.client.IdentityServiceTestResource;
import io.devhealth.sync.job.IdentityFixture;
import io.devhealth.sync.job.IdentityFixture.Org;
import io.devhealth.testengines.ClickHouseTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * identity-service's people and teams reach ClickHouse through its change feeds: created, changed, merged and
 * deleted people and teams, identities moved between people, a second refresh that writes nothing, and a feed
 * reset. Real identity-service (its own PostgreSQL) and real ClickHouse.
 */
@QuarkusTest
@WithTestResource(value = ClickHouseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = IdentityServiceTestResource.class, scope = TestResourceScope.GLOBAL)
class PeopleRefreshTests {

    final IdentityFixture identity = new IdentityFixture();

    @Inject
    PeopleRefresh refresh;

    @Inject
    FeedCursors cursors;

    @Inject
    Client clickhouse;

    String admin;
    Org org;

    @BeforeEach
    void organization() {
        admin = identity.adminToken();
        org = identity.createOrg(admin, "people");
    }

    @Test
    void peopleIdentitiesAndTeamsArriveWhole() {
        String ada = createPerson("Ada Lovelace", "ada@acme.io",
                identity("git", "Ada@Acme.io"), identity("github", "ada-l"), identity("jira", "5b10a2844c20165700ede21g"));
        String bob = createPerson("Bob", null, identity("gitlab", "bob"));
        String team = createTeam("core", List.of(ada, bob), List.of("acme/core-*"), List.of("CORE"));

        assertThat(refresh.refreshAll().failed()).isZero();

        assertThat(copiedPeople()).containsExactlyInAnyOrderEntriesOf(Map.of(ada, "Ada Lovelace", bob, "Bob"));
        assertThat(copiedIdentities()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "git/ada@acme.io", ada, "github/ada-l", ada, "jira/5b10a2844c20165700ede21g", ada,
                "gitlab/bob", bob));
        GenericRecord row = single("""
                SELECT team_key, name, members, repo_patterns, project_keys FROM teams FINAL
                WHERE org_id = {org:UUID} AND team_id = {team:String}""", Map.of("team", team));
        assertThat(row.getString("team_key")).isEqualTo("core");
        assertThat(row.getList("members")).containsExactlyInAnyOrder(ada, bob);
        assertThat(row.getList("repo_patterns")).containsExactly("acme/core-*");
        assertThat(row.getList("project_keys")).containsExactly("CORE");
        assertThat(cursorsOf(org.id())).containsEntry("people", 3L).containsEntry("teams", 3L);
    }

    @Test
    void changesMergesAndDeletionsReplaceWhatWasCopied() {
        String ada = createPerson("Ada", null, identity("git", "ada@acme.io"), identity("github", "ada"));
        String twin = createPerson("Ada (GitLab)", null, identity("gitlab", "ada"));
        String gone = createPerson("Gone", null, identity("pagerduty", "PXPGF42"));
        String team = createTeam("core", List.of(ada, gone), List.of(), List.of());
        refresh.refreshAll();

        String githubIdentity = identityId(ada, "github");
        identity.delete(peoplePath() + "/" + ada + "/identities/" + githubIdentity, admin).require(204);
        identity.patch(peoplePath() + "/" + ada, admin, Map.of("displayName", "Ada Lovelace")).require(200);
        identity.post(peoplePath() + "/" + ada + "/merge", admin, Map.of("personId", twin)).require(200);
        identity.delete(peoplePath() + "/" + gone, admin).require(204);
        identity.delete("/api/v1/identity/orgs/" + org.slug() + "/teams/" + team, admin).require(204);
        refresh.refreshAll();

        assertThat(copiedPeople()).containsExactlyInAnyOrderEntriesOf(Map.of(ada, "Ada Lovelace"));
        assertThat(copiedIdentities()).as("the removed identity and the deleted person's are gone; the merged one moved")
                .containsExactlyInAnyOrderEntriesOf(Map.of("git/ada@acme.io", ada, "gitlab/ada", ada));
        assertThat(count("SELECT count() FROM teams FINAL WHERE org_id = {org:UUID}")).isZero();
    }

    @Test
    void aSecondRefreshReadsNothingAndWritesNothing() {
        createPerson("Ada", null, identity("git", "ada@acme.io"));
        refresh.refreshAll();
        long rowsBefore = count("SELECT count() FROM person_identities WHERE org_id = {org:UUID}");

        PeopleRefresh.Summary again = refresh.refreshAll();

        assertThat(count("SELECT count() FROM person_identities WHERE org_id = {org:UUID}"))
                .as("no row written again, not even a duplicate merged away later").isEqualTo(rowsBefore);
        assertThat(cursorsOf(org.id())).containsEntry("people", 1L);
        assertThat(again.failed()).isZero();
    }

    @Test
    void aFeedThatWentBackIsCopiedAgainFromScratch() throws Exception {
        String ada = createPerson("Ada", null, identity("git", "ada@acme.io"));
        refresh.refreshAll();
        // As if identity's database were restored to an older backup: ClickHouse has seen version 90.
        cursors.save(org.id(), PeopleRefresh.PEOPLE_FEED, 90);
        insertStalePerson(UUID.randomUUID(), 90);

        refresh.refreshAll();

        assertThat(copiedPeople()).as("the stale row is gone, identity's state is copied again")
                .containsExactlyInAnyOrderEntriesOf(Map.of(ada, "Ada"));
        assertThat(cursorsOf(org.id())).containsEntry("people", 1L).containsEntry("teams", 1L);
    }

    @Test
    void aCorrectionMadeInIdentityRelinksTheIncidentAtTheNextRefreshAndItsWithdrawalUndoesIt() throws Exception {
        UUID repo = UUID.randomUUID();
        for (String[] deployment : List.of(new String[] { "d1", "2024-05-01 10:00:00" },
                new String[] { "d2", "2024-05-02 10:00:00" })) {
            clickhouse.execute("""
                    INSERT INTO deployment_facts (org_id, repo_id, provider, deployment_id, environment, is_production,
                        finished_at, version)
                    VALUES ({org:UUID}, {repo:UUID}, 'github', {id:String}, 'production', 1, {at:String}, 1)""",
                    Map.of("org", org.id().toString(), "repo", repo.toString(), "id", deployment[0],
                            "at", deployment[1])).get().close();
        }
        clickhouse.execute("""
                INSERT INTO incidents (org_id, provider, incident_id, repo_id, created_at, version)
                VALUES ({org:UUID}, 'pagerduty', 'PINC1', {repo:UUID}, '2024-05-02 12:00:00', 1)""",
                Map.of("org", org.id().toString(), "repo", repo.toString())).get().close();
        String path = "/api/v1/identity/orgs/" + org.slug() + "/incident-links/pagerduty/PINC1";

        identity.put(path, admin, Map.of("repoId", repo, "deploymentId", "d1", "note", "config push")).require(200);
        assertThat(refresh.refreshAll().failed()).isZero();
        assertThat(incidentLink()).isEqualTo("d1/manual");
        assertThat(failedDeployments()).containsExactly("d1");

        identity.delete(path, admin).require(204);
        assertThat(refresh.refreshAll().failed()).isZero();
        assertThat(incidentLink()).isEqualTo("d2/last-production-deployment");
        assertThat(failedDeployments()).containsExactly("d2");
        assertThat(cursorsOf(org.id())).containsEntry(PeopleRefresh.CORRECTIONS_FEED, 2L);
    }

    private String incidentLink() {
        GenericRecord link = single("""
                SELECT deployment_id, link_method FROM incident_links FINAL
                WHERE org_id = {org:UUID} AND incident_id = 'PINC1' AND is_deleted = 0""", Map.of());
        return link.getString("deployment_id") + "/" + link.getString("link_method");
    }

    private List<String> failedDeployments() {
        return query("""
                SELECT deployment_id FROM deployment_facts FINAL
                WHERE org_id = {org:UUID} AND is_deleted = 0 AND failure_cause = 'incident'""", Map.of())
                .stream().map(row -> row.getString("deployment_id")).toList();
    }

    private void insertStalePerson(UUID personId, long version) throws Exception {
        clickhouse.execute("""
                INSERT INTO people (org_id, person_id, person_key, display_name, primary_email, user_id, updated_at,
                    is_deleted, version)
                SELECT {org:UUID}, {person:UUID}, '', 'Stale', '', NULL, now64(3), 0, {version:UInt64}""",
                Map.of("org", org.id().toString(), "person", personId.toString(), "version", Long.toString(version)),
                new CommandSettings()).get(60, TimeUnit.SECONDS).close();
    }

    private static Map<String, Object> identity(String provider, String externalId) {
        return Map.of("provider", provider, "externalId", externalId);
    }

    @SafeVarargs
    private String createPerson(String displayName, String primaryEmail, Map<String, Object>... identities) {
        Map<String, Object> body = new HashMap<>(Map.of("displayName", displayName,
                "identities", List.of(identities)));
        if (primaryEmail != null) {
            body.put("primaryEmail", primaryEmail);
        }
        return (String) identity.post(peoplePath(), admin, body).require(201).get("id");
    }

    private String createTeam(String key, List<String> members, List<String> repositoryPatterns,
            List<String> jiraProjectKeys) {
        return (String) identity.post("/api/v1/identity/orgs/" + org.slug() + "/teams", admin, Map.of("key", key,
                "name", key, "members", members, "repositoryPatterns", repositoryPatterns,
                "jiraProjectKeys", jiraProjectKeys)).require(201).get("id");
    }

    @SuppressWarnings("unchecked")
    private String identityId(String person, String provider) {
        List<Map<String, Object>> identities = (List<Map<String, Object>>) identity.get(peoplePath() + "/" + person, admin)
                .require(200).get("identities");
        return identities.stream().filter(found -> provider.equals(found.get("provider")))
                .map(found -> (String) found.get("id")).findFirst().orElseThrow();
    }

    private String peoplePath() {
        return "/api/v1/identity/orgs/" + org.slug() + "/people";
    }

    /** Live people of the organization in ClickHouse: id → display name. */
    private Map<String, String> copiedPeople() {
        return query("SELECT person_id, display_name FROM people FINAL WHERE org_id = {org:UUID}", Map.of()).stream()
                .collect(Collectors.toMap(row -> row.getUUID("person_id").toString(),
                        row -> row.getString("display_name")));
    }

    /** Live identities of the organization in ClickHouse: provider/external id → person id. */
    private Map<String, String> copiedIdentities() {
        return query("SELECT provider, external_id, person_id FROM person_identities FINAL WHERE org_id = {org:UUID}",
                Map.of()).stream()
                .collect(Collectors.toMap(row -> row.getString("provider") + "/" + row.getString("external_id"),
                        row -> row.getUUID("person_id").toString()));
    }

    private Map<String, Long> cursorsOf(UUID orgId) {
        return cursors.all().getOrDefault(orgId, Map.of());
    }

    private long count(String sql) {
        return single(sql, Map.of()).getLong(1);
    }

    private GenericRecord single(String sql, Map<String, Object> parameters) {
        List<GenericRecord> rows = query(sql, parameters);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private List<GenericRecord> query(String sql, Map<String, Object> parameters) {
        Map<String, Object> withOrg = new HashMap<>(parameters);
        withOrg.put("org", org.id().toString());
        return clickhouse.queryAll(sql, withOrg);
    }
}
