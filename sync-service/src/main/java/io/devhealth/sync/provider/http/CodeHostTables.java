package io.devhealth.sync.provider.http;

import java.util.List;

import io.devhealth.sync.sink.Table;

/**
 * The ClickHouse tables every code host (GitHub, GitLab) writes with the same columns (migrations/clickhouse V1, V4,
 * V5), in the column order the providers encode; tables whose columns differ per provider stay with the provider.
 */
public final class CodeHostTables {

    private CodeHostTables() {
    }

    /** Reviews of a pull/merge request (GitLab: approvals and notes). */
    public static final Table PULL_REQUEST_REVIEWS = new Table("pull_request_reviews", List.of("org_id", "repo_id", "pr_number",
            "review_id", "reviewer_login", "reviewer_id", "state", "commit_sha", "submitted_at", "is_deleted",
            "version"));

    /** Commits of a pull/merge request as the provider lists them. */
    public static final Table PULL_REQUEST_COMMITS = new Table("pull_request_commits", List.of("org_id", "repo_id",
            "provider", "pr_number", "sha", "author_name", "author_email", "author_login", "author_id", "authored_at",
            "committed_at", "is_deleted", "version"));

    /** Comments on a pull/merge request's diff. */
    public static final Table PULL_REQUEST_REVIEW_COMMENTS = new Table("pull_request_review_comments", List.of("org_id", "repo_id",
            "pr_number", "comment_id", "review_id", "in_reply_to_id", "author_login", "author_id", "path",
            "commit_sha", "created_at", "updated_at", "url", "is_deleted", "version"));

    /** A code host's issues ({@code work_items} with the repository). */
    public static final Table ISSUES = new Table("work_items", List.of("org_id", "provider", "work_item_id", "project_key",
            "repo_id", "title", "type", "status", "status_category", "assignee", "assignee_id", "reporter",
            "reporter_id", "labels", "created_at", "updated_at", "completed_at", "url", "is_deleted", "version"));

    /** CI runs (GitHub Actions workflow runs, GitLab pipelines). */
    public static final Table CI_PIPELINE_RUNS = new Table("ci_pipeline_runs", List.of("org_id", "repo_id", "provider",
            "run_id", "pipeline_name", "pipeline_id", "run_attempt", "status", "commit_sha", "branch", "event",
            "actor_login", "actor_id", "commit_author_name", "commit_author_email", "created_at", "started_at",
            "finished_at", "updated_at", "url", "is_deleted", "version"));

    /** Jobs of a CI run. */
    public static final Table CI_PIPELINE_JOBS = new Table("ci_pipeline_jobs", List.of("org_id", "repo_id", "provider",
            "run_id", "job_id", "name", "status", "run_attempt", "runner_name", "commit_sha", "started_at",
            "finished_at", "url", "is_deleted", "version"));

    /** Every state a deployment went through. */
    public static final Table DEPLOYMENT_STATUSES = new Table("deployment_statuses", List.of("org_id", "repo_id",
            "provider", "deployment_id", "status_id", "state", "environment", "creator_login", "creator_id",
            "description", "created_at", "url", "is_deleted", "version"));
}
