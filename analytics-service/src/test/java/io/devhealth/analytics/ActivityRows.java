package io.devhealth.analytics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.Engines;

/**
 * Rows of the activity tables (pull requests, reviews, change facts, incidents and their links, work items, people and
 * teams) written into the test database the way sync-service writes them: each row starts from the values a sync
 * gives a typical entity and the test sets what it is about. Merges of these tables are stopped, so a re-synced row
 * and its tombstone stay side by side, as on a busy server between merges.
 */
public final class ActivityRows {

    private static final List<String> TABLES = List.of("pull_requests", "pull_request_reviews", "change_facts",
            "incidents", "incident_links", "deployment_facts", "work_items", "teams", "people", "person_identities");

    private final ClickHouseEngine clickhouse = Engines.clickhouse();
    private final String database = ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class);

    private ActivityRows() {
    }

    /** The application's database, migrated (see {@link AnalyticsTables#migrated()}), merges of these tables stopped. */
    public static ActivityRows migrated() {
        AnalyticsTables.migrated();
        ActivityRows rows = new ActivityRows();
        for (String table : TABLES) {
            rows.clickhouse.execute(rows.database, "SYSTEM STOP MERGES " + table);
        }
        return rows;
    }

    /** A pull request opened at {@code createdAt}, open, by {@code ada}, never reviewed or merged. */
    public Row pullRequest(UUID org, UUID repo, long number, Instant createdAt) {
        return new Row("pull_requests").set("org_id", org).set("repo_id", repo).set("provider", "github")
                .set("number", number).set("provider_id", "p" + number).set("title", "PR " + number)
                .set("state", "open").set("is_draft", 0).set("author_login", "ada").set("base_branch", "main")
                .set("head_branch", "topic-" + number).set("merge_commit_sha", "").set("labels", List.of())
                .set("additions", 10).set("deletions", 2).set("changed_files", 1).set("commits_count", 1)
                .set("comments_count", 0).set("created_at", createdAt).set("updated_at", createdAt)
                .set("first_commit_at", null).set("first_review_at", null).set("merged_at", null)
                .set("closed_at", null).set("url", "https://github.test/pr/" + number).set("is_deleted", 0)
                .set("version", 1);
    }

    /** A review submitted at {@code at}. */
    public Row review(UUID org, UUID repo, long number, String reviewId, String reviewer, Instant at) {
        return new Row("pull_request_reviews").set("org_id", org).set("repo_id", repo).set("pr_number", number)
                .set("review_id", reviewId).set("reviewer_login", reviewer).set("state", "APPROVED")
                .set("submitted_at", at).set("is_deleted", 0).set("version", 1);
    }

    /** A change (commit {@code sha}) a successful production deployment shipped, not attributed to a request. */
    public Row changeFact(UUID org, UUID repo, String sha, String deploymentId, Instant deployedAt) {
        return new Row("change_facts").set("org_id", org).set("repo_id", repo).set("environment", "production")
                .set("is_production", 1).set("sha", sha).set("authored_at", deployedAt.minusSeconds(86_400))
                .set("committed_at", deployedAt.minusSeconds(86_400)).set("pr_number", null)
                .set("pr_opened_at", null).set("pr_first_review_at", null).set("pr_merged_at", null)
                .set("deployment_id", deploymentId).set("deployed_at", deployedAt).set("link_method", "ancestry")
                .set("is_deleted", 0).set("version", 1);
    }

    /** A successful production deployment's fact, not failed. */
    public Row deploymentFact(UUID org, UUID repo, String deploymentId, Instant finishedAt) {
        return new Row("deployment_facts").set("org_id", org).set("repo_id", repo).set("provider", "github")
                .set("deployment_id", deploymentId).set("environment", "production").set("is_production", 1)
                .set("pipeline_id", "").set("commit_sha", "abc").set("finished_at", finishedAt).set("changes", 1)
                .set("failure_cause", "").set("recovered_at", null).set("is_rework", 0).set("is_deleted", 0)
                .set("version", 1);
    }

    /** A PagerDuty incident triggered at {@code createdAt}, high urgency, counted, no repository. */
    public Row incident(UUID org, String incidentId, Instant createdAt) {
        return new Row("incidents").set("org_id", org).set("provider", "pagerduty").set("incident_id", incidentId)
                .set("title", "Incident " + incidentId).set("status", "triggered").set("urgency", "high")
                .set("service", "checkout").set("repo_id", null).set("repo_ids", List.of()).set("team_keys", List.of())
                .set("counts_as_incident", 1).set("deployment_id", "").set("created_at", createdAt)
                .set("acknowledged_at", null).set("resolved_at", null)
                .set("url", "https://pagerduty.test/incidents/" + incidentId).set("is_deleted", 0).set("version", 1);
    }

    /** The link of a PagerDuty incident to the deployment that caused it. */
    public Row incidentLink(UUID org, String incidentId, Instant createdAt, UUID repo, String deploymentId,
            String method) {
        return new Row("incident_links").set("org_id", org).set("provider", "pagerduty").set("incident_id", incidentId)
                .set("incident_created_at", createdAt).set("repo_id", repo).set("deployment_id", deploymentId)
                .set("link_method", method).set("reason", "").set("remediation_deployment_id", "")
                .set("recovered_at", null).set("linked_at", createdAt).set("is_deleted", 0).set("version", 1);
    }

    /** A Jira story created (and last updated) at {@code createdAt}, to do, unassigned. */
    public Row workItem(UUID org, String workItemId, Instant createdAt) {
        return new Row("work_items").set("org_id", org).set("provider", "jira").set("work_item_id", workItemId)
                .set("project_key", workItemId.substring(0, Math.max(0, workItemId.indexOf('-'))))
                .set("repo_id", null).set("title", "Item " + workItemId).set("type", "story").set("type_name", "Story")
                .set("status", "To Do").set("status_category", "todo").set("priority", "Medium").set("assignee", "")
                .set("assignee_id", "").set("assignee_name", "").set("reporter", "").set("labels", List.of())
                .set("parent_id", "").set("story_points", null).set("created_at", createdAt).set("updated_at", createdAt)
                .set("started_at", null).set("completed_at", null)
                .set("url", "https://jira.test/browse/" + workItemId).set("is_deleted", 0).set("version", 1);
    }

    /** A team with these members (person ids). */
    public void team(UUID org, String teamId, String key, String name, UUID... members) {
        new Row("teams").set("org_id", org).set("team_id", teamId).set("team_key", key).set("name", name)
                .set("members", List.of(members).stream().map(UUID::toString).toList()).set("repo_patterns", List.of())
                .set("project_keys", List.of()).set("updated_at", Instant.parse("2025-01-01T00:00:00Z"))
                .set("is_deleted", 0).set("version", 1).insert();
    }

    /** A provider identity ({@code externalId} as given; sync-service lower-cases it) of a person. */
    public void identity(UUID org, String provider, String externalId, UUID person) {
        new Row("person_identities").set("org_id", org).set("provider", provider).set("external_id", externalId)
                .set("person_id", person).set("name", externalId).set("email", "").set("is_deleted", 0)
                .set("version", 1).insert();
    }

    /** One row to insert: column values in insertion order, rendered as ClickHouse literals. */
    public final class Row {

        private final String table;
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Row(String table) {
            this.table = table;
        }

        public Row set(String column, Object value) {
            values.put(column, value);
            return this;
        }

        /** The tombstone of the same row, one version later. */
        public Row deleted() {
            return set("is_deleted", 1).set("version", ((Number) values.get("version")).longValue() + 1);
        }

        public void insert() {
            clickhouse.execute(database, "INSERT INTO " + table + " (" + String.join(", ", values.keySet())
                    + ") VALUES (" + values.values().stream().map(ActivityRows::literal).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    private static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Number number -> number.toString();
            case Boolean flag -> flag ? "1" : "0";
            case Instant instant -> "'" + instant.toString().replace('T', ' ').replace("Z", "") + "'";
            case List<?> list -> list.stream().map(ActivityRows::literal).collect(Collectors.joining(", ", "[", "]"));
            default -> "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        };
    }
}
