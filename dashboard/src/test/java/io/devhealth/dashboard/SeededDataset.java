package io.devhealth.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.devhealth.testengines.ClickHouseEngine;

/**
 * The dataset the browser tests read, written into ClickHouse as sync-service would leave it: two repositories of
 * one organization, their daily git activity, production deployments (one of them failed and recovered, one a
 * rework) with the changes they shipped, each merged by a pull request (with a first commit, a review and a
 * deployment, so all four cycle-time stages have samples), a staging deployment that DORA must ignore, and a team
 * owning one repository, work items with their status transitions, and each reviewer's reviews per day. Every day
 * lies in the window {@link #FROM}..{@link #TO} (UTC, the organization's default zone).
 */
final class SeededDataset {

    static final LocalDate FROM = LocalDate.parse("2026-10-05");
    static final LocalDate TO = LocalDate.parse("2026-11-01");
    static final String API_REPO = "acme/api";
    static final String WEB_REPO = "acme/web";
    static final String WEB_TEAM = "web";

    private final ClickHouseEngine clickhouse;
    private final String database;
    private final UUID org;
    private final UUID api = UUID.randomUUID();
    private final UUID web = UUID.randomUUID();
    private long pullRequests;

    private static final String[] AUTHORS = { "ada@acme.test", "ada@acme.test", "bob@acme.test", "cy@acme.test" };

    private SeededDataset(ClickHouseEngine clickhouse, String database, UUID org) {
        this.clickhouse = clickhouse;
        this.database = database;
        this.org = org;
    }

    /** Writes the dataset for organization {@code org} (its id from identity). */
    static void seed(ClickHouseEngine clickhouse, String database, UUID org) {
        new SeededDataset(clickhouse, database, org).write();
    }

    private void write() {
        repo(api, API_REPO);
        repo(web, WEB_REPO);
        insert("""
                INSERT INTO teams (org_id, team_id, team_key, name, members, repo_patterns, project_keys, updated_at,
                    is_deleted, version)
                VALUES ('%s', '%s', '%s', 'Web', [], ['%s'], [], '2026-10-01 00:00:00.000', 0, 1)"""
                .formatted(org, UUID.randomUUID(), WEB_TEAM, WEB_REPO));
        // Daily git activity: a working-day rhythm of differing sizes per repository.
        for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
            int weekday = day.getDayOfWeek().getValue();
            if (weekday <= 5) {
                day(api, day, 2 + (day.getDayOfMonth() % 5));
                day(web, day, 1 + (day.getDayOfMonth() % 3));
            }
        }
        // Production deployments: api twice a week, web weekly; d-api-1b failed (incident) and recovered after
        // 4 h, d-api-2a is a rework.
        int week = 0;
        for (LocalDate weekStart = FROM.plusDays(1); weekStart.isBefore(TO); weekStart = weekStart.plusWeeks(1), week++) {
            boolean failed = week == 1;
            deployment(api, "d-api-" + week + "a", "production", weekStart.atStartOfDay().plusHours(10), "", null, week == 2, 30);
            deployment(api, "d-api-" + week + "b", "production", weekStart.plusDays(2).atStartOfDay().plusHours(15),
                    failed ? "incident" : "", failed ? 4 : null, false, 6);
            deployment(web, "d-web-" + week, "production", weekStart.plusDays(3).atStartOfDay().plusHours(11), "", null, false, 50);
        }
        // Work items: 12 completed (stories, bugs, a task; some labelled) with cycle times of 1–12 days, 2 in progress.
        for (int i = 1; i <= 14; i++) {
            workItem(i);
        }
        deployment(api, "d-staging-1", "staging", FROM.plusDays(8).atStartOfDay().plusHours(9), "", null, false, 2);
        // Reviews per day, as user_metrics_daily holds them: three reviewers with different loads, one of them a
        // person (a display name), the others unmapped identities.
        for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                reviews("github:ada", day, 2 + day.getDayOfMonth() % 2);
                reviews("github:bob", day, 1);
                reviews("github:cy", day, day.getDayOfMonth() % 3 == 0 ? 1 : 0);
            }
        }
    }

    private void reviews(String identityKey, LocalDate day, int reviews) {
        insert("""
                INSERT INTO user_metrics_daily (org_id, identity_key, day, commits, additions, deletions, files_changed,
                    repos_touched, prs_opened, prs_merged, reviews_given, work_items_completed, incidents_resolved,
                    computed_at, version)
                VALUES ('%s', '%s', '%s', 0, 0, 0, 0, 0, 0, 0, %d, 0, 0, now64(3), 1)"""
                .formatted(org, identityKey, day, reviews));
    }

    private void repo(UUID repo, String fullName) {
        insert("""
                INSERT INTO repos (org_id, repo_id, provider, full_name, url, default_branch, sync_configuration_id,
                    synced_at, is_deleted, version)
                VALUES ('%s', '%s', 'git', '%s', '/srv/git/%s', 'main', NULL, '2026-11-02 06:00:00.000', 0, 1)"""
                .formatted(org, repo, fullName, fullName));
    }

    private void day(UUID repo, LocalDate day, int commits) {
        insert("""
                INSERT INTO repo_metrics_daily (org_id, repo_id, day, commits, merge_commits, additions, deletions,
                    files_changed, authors, prs_opened, prs_merged, pr_cycle_time_p50_hours, computed_at, version)
                VALUES ('%s', '%s', '%s', %d, %d, %d, %d, %d, %d, 0, 0, NULL, now64(3), 1)"""
                .formatted(org, repo, day, commits, commits / 3, commits * 40, commits * 12, commits * 3, 1 + commits / 3));
    }

    /**
     * One successful deployment (in {@code deployments} and {@code deployment_facts}) shipping one change authored
     * {@code leadHours} before it finished.
     *
     * @param recoveryHours hours from finish to recovery when it failed; null otherwise
     */
    private void deployment(UUID repo, String id, String environment, java.time.LocalDateTime finished, String failureCause,
            Integer recoveryHours, boolean rework, int leadHours) {
        boolean production = environment.equals("production");
        Instant finishedAt = finished.toInstant(java.time.ZoneOffset.UTC);
        String recovered = failureCause.isEmpty() ? "NULL" : "'" + utc(finishedAt.plusSeconds(3600L * recoveryHours)) + "'";
        insert("""
                INSERT INTO deployments (org_id, repo_id, provider, deployment_id, environment, is_production, status,
                    commit_sha, ref, created_at, finished_at, url, is_deleted, version)
                VALUES ('%s', '%s', 'github', '%s', '%s', %d, 'success', 'sha-%s', 'main', '%s', '%s', '', 0, 1)"""
                .formatted(org, repo, id, environment, production ? 1 : 0, id, utc(finishedAt.minusSeconds(300)), utc(finishedAt)));
        insert("""
                INSERT INTO deployment_facts (org_id, repo_id, provider, deployment_id, environment, is_production,
                    pipeline_id, commit_sha, finished_at, changes, failure_cause, recovered_at, is_rework,
                    sequence_failure_cause, sequence_recovered_at, sequence_rework, is_deleted, version)
                VALUES ('%s', '%s', 'github', '%s', '%s', %d, '', 'sha-%s', '%s', 1, '%s', %s, %d, '%s', %s, %d, 0, 1)"""
                .formatted(org, repo, id, environment, production ? 1 : 0, id, utc(finishedAt), failureCause, recovered,
                        rework ? 1 : 0, failureCause, recovered, rework ? 1 : 0));
        Instant authored = finishedAt.minusSeconds(3600L * leadHours);
        insert("""
                INSERT INTO change_facts (org_id, repo_id, environment, is_production, sha, authored_at, committed_at,
                    pr_number, pr_opened_at, pr_first_review_at, pr_merged_at, deployment_id, deployed_at,
                    link_method, is_deleted, version)
                VALUES ('%s', '%s', '%s', %d, 'sha-%s', '%s', '%s', NULL, NULL, NULL, NULL, '%s', '%s', 'ancestry', 0, 1)"""
                .formatted(org, repo, environment, production ? 1 : 0, id, utc(authored), utc(authored), id, utc(finishedAt)));
        if (production) {
            pullRequest(repo, ++pullRequests, "sha-" + id, authored);
            commit(repo, "sha-" + id, AUTHORS[(int) (pullRequests % AUTHORS.length)], authored);
        }
    }

    private void workItem(int n) {
        Instant created = FROM.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(n * 36_000L);
        Instant started = created.plusSeconds(3600L * (2 + n));
        boolean done = n <= 12;
        Instant completed = started.plusSeconds(86_400L * (1 + (n % 12)));
        String type = n % 3 == 0 ? "bug" : n == 7 ? "task" : "story";
        String labels = n % 2 == 0 ? "['frontend']" : n % 5 == 0 ? "['backend', 'frontend']" : "[]";
        insert("""
                INSERT INTO work_items (org_id, provider, work_item_id, project_key, title, type, status, status_category,
                    priority, assignee, reporter, labels, parent_id, story_points, created_at, updated_at, started_at,
                    completed_at, url, is_deleted, version)
                VALUES ('%s', 'jira', 'PAY-%d', 'PAY', 'item %d', '%s', '%s', '%s', 'Medium', 'ada', 'bob', %s, '', %d,
                    '%s', '%s', '%s', %s, '', 0, 1)"""
                .formatted(org, n, n, type, done ? "Done" : "In Progress", done ? "done" : "in_progress", labels, 1 + n % 5,
                        utc(created), utc(done ? completed : started), utc(started), done ? "'" + utc(completed) + "'" : "NULL"));
        // Its changelog: To Do → In Progress when started, → In Review a third of the way (done items), → Done.
        transition(n, started, "To Do", "todo", "In Progress", "in_progress");
        if (done) {
            Instant review = started.plus(java.time.Duration.between(started, completed).multipliedBy(2).dividedBy(3));
            transition(n, review, "In Progress", "in_progress", "In Review", "in_progress");
            transition(n, completed, "In Review", "in_progress", "Done", "done");
        }
    }

    private void transition(int n, Instant at, String from, String fromCategory, String to, String toCategory) {
        insert("""
                INSERT INTO work_item_transitions (org_id, provider, work_item_id, transitioned_at, from_status, to_status,
                    from_category, to_category, actor, actor_name, is_deleted, version)
                VALUES ('%s', 'jira', 'PAY-%d', '%s', '%s', '%s', '%s', '%s', 'ada', 'Ada', 0, 1)"""
                .formatted(org, n, utc(at), from, to, fromCategory, toCategory));
    }

    /** The change as a commit with its per-file stats: two paths, one of them the repository's hot file. */
    private void commit(UUID repo, String sha, String authorEmail, Instant authored) {
        String[] paths = { "src/main/App.java", "src/main/Module" + (pullRequests % 4) + ".java" };
        insert("""
                INSERT INTO commits (org_id, repo_id, sha, parents, is_merge, author_name, author_email, authored_at,
                    author_tz_offset_minutes, committer_name, committer_email, committed_at, committer_tz_offset_minutes,
                    subject, additions, deletions, files_changed, is_deleted, version)
                VALUES ('%s', '%s', '%s', [], 0, '%s', '%s', '%s', 0, 'CI', 'ci@acme.test', '%s', 0, 'change', %d, %d, 2,
                    0, 1)""".formatted(org, repo, sha, authorEmail.substring(0, authorEmail.indexOf('@')), authorEmail,
                utc(authored), utc(authored), 30 + pullRequests, 10));
        for (int i = 0; i < paths.length; i++) {
            insert("""
                    INSERT INTO commit_stats (org_id, repo_id, sha, path, change_type, additions, deletions, is_binary,
                        authored_at, committed_at, is_deleted, version)
                    VALUES ('%s', '%s', '%s', '%s', 'M', %d, %d, 0, '%s', '%s', 0, 1)"""
                    .formatted(org, repo, sha, paths[i], i == 0 ? 20 + pullRequests : 10, i == 0 ? 5 : 5,
                            utc(authored), utc(authored)));
        }
    }

    /**
     * The pull request that merged change {@code sha} (its merge commit): first commit 20 h, opened 6 h and first
     * review 4 h before the change's author time, merged 1 h after it.
     */
    private void pullRequest(UUID repo, long number, String sha, Instant authored) {
        insert("""
                INSERT INTO pull_requests (org_id, repo_id, provider, number, provider_id, title, state, author_login,
                    base_branch, head_branch, merge_commit_sha, created_at, updated_at, first_commit_at,
                    first_review_at, merged_at, url, is_deleted, version)
                VALUES ('%s', '%s', 'github', %d, '%d', 'change %s', 'merged', 'ada', 'main', 'topic-%d', '%s',
                    '%s', '%s', '%s', '%s', '%s', '', 0, 1)"""
                .formatted(org, repo, number, number, sha, number, sha, utc(authored.minusSeconds(6 * 3600)),
                        utc(authored.plusSeconds(3600)), utc(authored.minusSeconds(20 * 3600)),
                        utc(authored.minusSeconds(4 * 3600)), utc(authored.plusSeconds(3600))));
    }

    private void insert(String sql) {
        clickhouse.execute(database, sql);
    }

    private static String utc(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }
}
