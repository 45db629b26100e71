package io.devhealth.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.Engines;

/**
 * The analytics tables of the test database (the repository's ClickHouse migrations, applied here because
 * sync-service owns them), and rows written into them the way sync-service writes them. Test classes isolate
 * themselves by using org ids of their own.
 */
public final class AnalyticsTables {

    private final ClickHouseEngine clickhouse = Engines.clickhouse();
    private final String database;

    private AnalyticsTables(String database) {
        this.database = database;
    }

    /**
     * The application's database, migrated if it is not yet. Merges stay stopped, so re-inserted rows and
     * tombstones remain visible to any read without FINAL, as on a busy server between merges.
     */
    public static AnalyticsTables migrated() {
        AnalyticsTables tables = new AnalyticsTables(
                ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class));
        String existing = tables.clickhouse.queryWithParams("default",
                "SELECT count() FROM system.tables WHERE database = {db:String} AND name = 'repos'",
                Map.of("db", tables.database));
        if (existing.strip().equals("0")) {
            tables.clickhouse.migrate(tables.database);
            for (String table : new String[] { "repos", "commits", "repo_metrics_daily", "deployment_facts",
                    "change_facts", "deployments" }) {
                tables.clickhouse.execute(tables.database, "SYSTEM STOP MERGES " + table);
            }
        }
        return tables;
    }

    public void repo(UUID org, UUID repo, String fullName, long version) {
        repo(org, repo, fullName, version, false);
    }

    /** A repository tombstone: what a sync writes when the repository is gone. */
    public void deletedRepo(UUID org, UUID repo, String fullName, long version) {
        repo(org, repo, fullName, version, true);
    }

    public void commit(UUID org, UUID repo, String sha, Instant authoredAt, Instant committedAt, long version) {
        commit(org, repo, sha, "ada@example.test", authoredAt, committedAt, false, version);
    }

    /** A commit by {@code authorEmail}; {@code deleted}: its tombstone (what a sync writes after a force-push). */
    public void commit(UUID org, UUID repo, String sha, String authorEmail, Instant authoredAt, Instant committedAt,
            boolean deleted, long version) {
        insert("""
                INSERT INTO commits (org_id, repo_id, sha, parents, is_merge, author_name, author_email, authored_at,
                    author_tz_offset_minutes, committer_name, committer_email, committed_at,
                    committer_tz_offset_minutes, subject, additions, deletions, files_changed, is_deleted, version)
                VALUES ('%s', '%s', '%s', [], 0, 'Ada', '%s', '%s', 60, 'Bob', 'bob@example.test', '%s',
                    0, 'change', 3, 1, 1, %d, %d)""".formatted(org, repo, sha, authorEmail, utc(authoredAt),
                utc(committedAt), deleted ? 1 : 0, version));
    }

    /** One row of repo_metrics_daily; {@code n} fills every measure with a value derived from it. */
    public void day(UUID org, UUID repo, LocalDate day, int n, long version) {
        insert("""
                INSERT INTO repo_metrics_daily (org_id, repo_id, day, commits, merge_commits, additions, deletions,
                    files_changed, authors, prs_opened, prs_merged, pr_cycle_time_p50_hours, computed_at, version)
                VALUES ('%s', '%s', '%s', %d, %d, %d, %d, %d, %d, 0, 0, NULL, now64(3), %d)"""
                .formatted(org, repo, day, n, n / 2, n * 10, n * 3, n * 2, Math.max(1, n / 3), version));
    }

    /**
     * One successful deployment in {@code deployment_facts}.
     *
     * @param failureCause '' when it did not fail, else incident, rollback or hotfix
     * @param recoveredAt  null when not recovered (or not failed)
     */
    public void deploymentFact(UUID org, UUID repo, String deploymentId, String environment, boolean production,
            String pipelineId, Instant finishedAt, String failureCause, Instant recoveredAt, boolean rework,
            boolean deleted, long version) {
        insert("""
                INSERT INTO deployment_facts (org_id, repo_id, provider, deployment_id, environment, is_production,
                    pipeline_id, commit_sha, finished_at, changes, failure_cause, recovered_at, is_rework, is_deleted,
                    version)
                VALUES ('%s', '%s', 'github', '%s', '%s', %d, '%s', 'abc', '%s', 1, '%s', %s, %d, %d, %d)"""
                .formatted(org, repo, deploymentId, environment, production ? 1 : 0, pipelineId, utc(finishedAt),
                        failureCause, recoveredAt == null ? "NULL" : "'" + utc(recoveredAt) + "'", rework ? 1 : 0,
                        deleted ? 1 : 0, version));
    }

    /** One row of {@code deployments} as a provider sync writes it; {@code deleted}: its tombstone. */
    public void deployment(UUID org, UUID repo, String deploymentId, String environment, boolean production,
            String status, Instant createdAt, boolean deleted, long version) {
        insert("""
                INSERT INTO deployments (org_id, repo_id, provider, deployment_id, environment, is_production, status,
                    commit_sha, ref, created_at, finished_at, url, is_deleted, version)
                VALUES ('%s', '%s', 'github', '%s', '%s', %d, '%s', 'abc', 'main', '%s', '%s', '', %d, %d)"""
                .formatted(org, repo, deploymentId, environment, production ? 1 : 0, status, utc(createdAt),
                        utc(createdAt.plusSeconds(60)), deleted ? 1 : 0, version));
    }

    /** One change (commit) a deployment shipped to an environment, in {@code change_facts}. */
    public void changeFact(UUID org, UUID repo, String sha, String environment, boolean production, Instant authoredAt,
            String deploymentId, Instant deployedAt) {
        insert("""
                INSERT INTO change_facts (org_id, repo_id, environment, is_production, sha, authored_at, committed_at,
                    pr_number, pr_opened_at, pr_first_review_at, pr_merged_at, deployment_id, deployed_at,
                    link_method, is_deleted, version)
                VALUES ('%s', '%s', '%s', %d, '%s', '%s', '%s', NULL, NULL, NULL, NULL, '%s', '%s', 'ancestry', 0, 1)"""
                .formatted(org, repo, environment, production ? 1 : 0, sha, utc(authoredAt), utc(authoredAt),
                        deploymentId, utc(deployedAt)));
    }

    /** The time zone the organization's daily tables were computed in (sync-service records it). */
    public void timeZone(UUID org, String zone) {
        insert("INSERT INTO metrics_time_zones VALUES ('%s', '%s', now64(3), 1)".formatted(org, zone));
    }

    /** A team of no members owning the repositories whose full names match {@code repoPatterns} ('*', '?' globs). */
    public void team(UUID org, String teamKey, String... repoPatterns) {
        insert("""
                INSERT INTO teams (org_id, team_id, team_key, name, members, repo_patterns, project_keys, updated_at,
                    is_deleted, version)
                VALUES ('%s', '%s', '%s', '%s', [], [%s], [], '2025-03-01 12:00:00.000', 0, 1)"""
                .formatted(org, UUID.randomUUID(), teamKey, teamKey, java.util.Arrays.stream(repoPatterns)
                        .map(pattern -> "'" + pattern + "'").collect(java.util.stream.Collectors.joining(", "))));
    }

    private void repo(UUID org, UUID repo, String fullName, long version, boolean deleted) {
        insert("""
                INSERT INTO repos (org_id, repo_id, provider, full_name, url, default_branch, sync_configuration_id,
                    synced_at, is_deleted, version)
                VALUES ('%s', '%s', 'git', '%s', '/srv/git/%s', 'main', NULL, '2025-03-01 12:00:00.000', %d, %d)"""
                .formatted(org, repo, fullName, fullName, deleted ? 1 : 0, version));
    }

    private void insert(String sql) {
        clickhouse.execute(database, sql);
    }

    private static String utc(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }
}
