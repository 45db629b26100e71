package io.devhealth.sync.provider.gitlab;

import static io.devhealth.sync.provider.http.FullRefreshTombstones.UPDATED_IN_WINDOW;
import static io.devhealth.sync.provider.http.FullRefreshTombstones.childrenOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.devhealth.sync.provider.http.CodeHostTables;
import io.devhealth.sync.sink.Table;

/**
 * The ClickHouse tables the GitLab provider writes (migrations/clickhouse V1, V4, V5, V6), with the column order
 * {@link GitLabRows} encodes. Columns not listed keep their defaults: GitLab's API gives no line counts for a merge
 * request ({@code additions}, {@code deletions} stay 0; the git history has them).
 */
final class GitLabTables {

    private GitLabTables() {
    }

    static final Table PULL_REQUESTS = new Table("pull_requests", List.of("org_id", "repo_id", "provider", "number",
            "provider_id", "title", "state", "is_draft", "author_login", "author_id", "base_branch", "head_branch",
            "head_sha", "base_sha", "merge_commit_sha", "squash_commit_sha", "labels", "changed_files",
            "commits_count", "comments_count", "review_comments_count", "created_at", "updated_at", "first_commit_at",
            "first_review_at", "merged_at", "merged_by_login", "merged_by_id", "closed_at", "url", "is_deleted",
            "version"));

    static final Table DEPLOYMENTS = new Table("deployments", List.of("org_id", "repo_id", "provider",
            "deployment_id", "environment", "environment_tier", "pipeline_id", "is_production", "status",
            "commit_sha", "ref", "creator_login", "creator_id", "task", "created_at", "finished_at", "updated_at",
            "url", "is_deleted", "version"));

    /**
     * What a full refresh re-reads of each table ({@code FullRefreshTombstones}): every list is read by update time
     * ({@code updated_after}); approvals, notes and commits through their merge request, jobs through their pipeline,
     * state history through its deployment.
     */
    static final Map<Table, String> FULL_REFRESH_WINDOWS = fullRefreshWindows();

    private static Map<Table, String> fullRefreshWindows() {
        String ofMergeRequest = childrenOf(PULL_REQUESTS, "number", "pr_number", UPDATED_IN_WINDOW);
        Map<Table, String> windows = new LinkedHashMap<>();
        windows.put(PULL_REQUESTS, UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.PULL_REQUEST_REVIEWS, ofMergeRequest);
        windows.put(CodeHostTables.PULL_REQUEST_REVIEW_COMMENTS, ofMergeRequest);
        windows.put(CodeHostTables.PULL_REQUEST_COMMITS, ofMergeRequest);
        windows.put(CodeHostTables.ISSUES, "provider = 'gitlab' AND " + UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.CI_PIPELINE_RUNS, UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.CI_PIPELINE_JOBS, childrenOf(CodeHostTables.CI_PIPELINE_RUNS, "run_id", "run_id", UPDATED_IN_WINDOW));
        windows.put(DEPLOYMENTS, UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.DEPLOYMENT_STATUSES, childrenOf(DEPLOYMENTS, "deployment_id", "deployment_id", UPDATED_IN_WINDOW));
        return Map.copyOf(windows);
    }
}
