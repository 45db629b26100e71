package io.devhealth.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import io.devhealth.testengines.ClickHouseEngine;
import io.devhealth.testengines.Engines;

/**
 * Rows of work items, their transitions, per-file commit statistics and people mappings, written into the migrated
 * test database (see {@link AnalyticsTables#migrated()}) the way sync-service writes them. Merges of these tables are
 * stopped, so re-inserted rows and tombstones stay visible to any read without FINAL.
 */
public final class WorkAndCodeRows {

    private static final String[] TABLES = { "work_items", "work_item_transitions", "commit_stats", "people",
            "person_identities" };

    private final ClickHouseEngine clickhouse = Engines.clickhouse();
    private final String database = ConfigProvider.getConfig().getValue("devhealth.clickhouse.database", String.class);

    private WorkAndCodeRows() {
    }

    /** The test database, migrated, with merges of these tables stopped. */
    public static WorkAndCodeRows migrated() {
        AnalyticsTables.migrated();
        WorkAndCodeRows rows = new WorkAndCodeRows();
        for (String table : TABLES) {
            rows.clickhouse.execute(rows.database, "SYSTEM STOP MERGES " + table);
        }
        return rows;
    }

    /** A work item; null times and points are NULL; {@code deleted}: its tombstone. */
    public void workItem(UUID org, String provider, String id, String project, String type, String statusCategory,
            List<String> labels, Double storyPoints, Instant createdAt, Instant startedAt, Instant completedAt,
            boolean deleted, long version) {
        insert("""
                INSERT INTO work_items (org_id, provider, work_item_id, project_key, repo_id, title, type, status,
                    status_category, priority, assignee, reporter, labels, parent_id, story_points, created_at,
                    updated_at, started_at, completed_at, url, is_deleted, version)
                VALUES ('%s', '%s', '%s', '%s', NULL, 'title', '%s', '%s', '%s', '', '', '', [%s], '', %s, '%s', '%s',
                    %s, %s, '', %d, %d)""".formatted(org, provider, id, project, type, statusCategory, statusCategory,
                labels.stream().map(label -> "'" + label + "'").collect(Collectors.joining(", ")),
                storyPoints == null ? "NULL" : storyPoints.toString(), utc(createdAt), utc(createdAt),
                nullableUtc(startedAt), nullableUtc(completedAt), deleted ? 1 : 0, version));
    }

    /** A status change of a work item (categories: todo, in_progress, done). */
    public void transition(UUID org, String provider, String id, Instant at, String fromStatus, String fromCategory,
            String toStatus, String toCategory) {
        transition(org, provider, id, at, fromStatus, fromCategory, toStatus, toCategory, false, 1);
    }

    /** A status change; {@code deleted}: its tombstone (the change vanished from the item's history). */
    public void transition(UUID org, String provider, String id, Instant at, String fromStatus, String fromCategory,
            String toStatus, String toCategory, boolean deleted, long version) {
        insert("""
                INSERT INTO work_item_transitions (org_id, provider, work_item_id, transitioned_at, from_status,
                    to_status, from_category, to_category, actor, is_deleted, version)
                VALUES ('%s', '%s', '%s', '%s', '%s', '%s', '%s', '%s', 'someone', %d, %d)""".formatted(org, provider,
                id, utc(at), fromStatus, toStatus, fromCategory, toCategory, deleted ? 1 : 0, version));
    }

    /** A non-merge commit by {@code authorName <authorEmail>}; {@code deleted}: its tombstone (after a force-push). */
    public void commit(UUID org, UUID repo, String sha, String authorName, String authorEmail, Instant authoredAt,
            boolean deleted, long version) {
        insert("""
                INSERT INTO commits (org_id, repo_id, sha, parents, is_merge, author_name, author_email, authored_at,
                    author_tz_offset_minutes, committer_name, committer_email, committed_at,
                    committer_tz_offset_minutes, subject, additions, deletions, files_changed, is_deleted, version)
                VALUES ('%s', '%s', '%s', [], 0, '%s', '%s', '%s', 0, '%s', '%s', '%s', 0, 'change', 0, 0, 0, %d, %d)"""
                .formatted(org, repo, sha, authorName, authorEmail, utc(authoredAt), authorName, authorEmail,
                        utc(authoredAt), deleted ? 1 : 0, version));
    }

    /** One file of a non-merge commit, as git log --numstat reports it (binary files: 0/0). */
    public void commitStat(UUID org, UUID repo, String sha, String path, int additions, int deletions, boolean binary,
            Instant authoredAt) {
        insert("""
                INSERT INTO commit_stats (org_id, repo_id, sha, path, change_type, additions, deletions, is_binary,
                    authored_at, committed_at, is_deleted, version)
                VALUES ('%s', '%s', '%s', '%s', 'M', %d, %d, %d, '%s', '%s', 0, 1)""".formatted(org, repo, sha, path,
                additions, deletions, binary ? 1 : 0, utc(authoredAt), utc(authoredAt)));
    }

    /** A canonical person and the git identity (an email, matched case-insensitively) that resolves to them. */
    public void person(UUID org, UUID person, String displayName, String... gitEmails) {
        insert("""
                INSERT INTO people (org_id, person_id, person_key, display_name, primary_email, user_id, updated_at,
                    is_deleted, version)
                VALUES ('%s', '%s', '', '%s', '', NULL, '2025-01-01 00:00:00.000', 0, 1)""".formatted(org, person,
                displayName));
        for (String email : gitEmails) {
            insert("""
                    INSERT INTO person_identities (org_id, provider, external_id, person_id, name, email, is_deleted,
                        version)
                    VALUES ('%s', 'git', '%s', '%s', '%s', '%s', 0, 1)""".formatted(org, email.toLowerCase(), person,
                    displayName, email));
        }
    }

    private void insert(String sql) {
        clickhouse.execute(database, sql);
    }

    private static String nullableUtc(Instant instant) {
        return instant == null ? "NULL" : "'" + utc(instant) + "'";
    }

    private static String utc(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }
}
