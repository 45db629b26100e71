package io.devhealth.sync.provider.github;

import static io.devhealth.sync.provider.http.FullRefreshTombstones.CREATED_IN_WINDOW;
import static io.devhealth.sync.provider.http.FullRefreshTombstones.UPDATED_IN_WINDOW;
import static io.devhealth.sync.provider.http.FullRefreshTombstones.childrenOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.devhealth.sync.provider.http.CodeHostTables;
import io.devhealth.sync.sink.Table;

/**
 * The ClickHouse tables the GitHub provider writes (migrations/clickhouse V1, V4 and V5), with the column order
 * {@link GitHubRows} encodes. Columns not listed keep their defaults.
 */
final class GitHubTables {

    private GitHubTables() {
    }

    static final Table PULL_REQUESTS = new Table("pull_requests", List.of("org_id", "repo_id", "provider", "number",
            "provider_id", "title", "state", "is_draft", "author_login", "author_id", "base_branch", "head_branch",
            "head_sha", "base_sha", "merge_commit_sha", "labels", "additions", "deletions", "changed_files",
            "commits_count", "comments_count", "review_comments_count", "created_at", "updated_at", "first_commit_at",
            "first_review_at",
            "merged_at", "merged_by_login", "merged_by_id", "closed_at", "url", "is_deleted", "version"));

    static final Table DEPLOYMENTS = new Table("deployments", List.of("org_id", "repo_id", "provider",
            "deployment_id", "environment", "is_production", "status", "commit_sha", "ref", "creator_login",
            "creator_id", "task", "created_at", "finished_at", "updated_at", "url", "is_deleted", "version"));

    static final Table RELEASES = new Table("releases", List.of("org_id", "repo_id", "provider", "release_id",
            "tag_name", "name", "target_commitish", "is_draft", "is_prerelease", "author_login", "author_id",
            "created_at", "published_at", "url", "is_deleted", "version"));

    /**
     * What a full refresh re-reads of each table, as {@code FullRefreshTombstones} takes it: the window bounds each
     * stream the way {@link GitHubStreams} reads it (pull requests, issues and review comments by update time,
     * workflow runs and deployments by creation time, their children through them, releases whole).
     */
    static final Map<Table, String> FULL_REFRESH_WINDOWS = fullRefreshWindows();

    private static Map<Table, String> fullRefreshWindows() {
        String ofPullRequest = childrenOf(PULL_REQUESTS, "number", "pr_number", UPDATED_IN_WINDOW);
        Map<Table, String> windows = new LinkedHashMap<>();
        windows.put(PULL_REQUESTS, UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.PULL_REQUEST_REVIEWS, ofPullRequest);
        windows.put(CodeHostTables.PULL_REQUEST_COMMITS, ofPullRequest);
        windows.put(CodeHostTables.PULL_REQUEST_REVIEW_COMMENTS, UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.ISSUES, "provider = 'github' AND " + UPDATED_IN_WINDOW);
        windows.put(CodeHostTables.CI_PIPELINE_RUNS, CREATED_IN_WINDOW);
        windows.put(CodeHostTables.CI_PIPELINE_JOBS, childrenOf(CodeHostTables.CI_PIPELINE_RUNS, "run_id", "run_id", CREATED_IN_WINDOW));
        windows.put(DEPLOYMENTS, CREATED_IN_WINDOW);
        windows.put(CodeHostTables.DEPLOYMENT_STATUSES, childrenOf(DEPLOYMENTS, "deployment_id", "deployment_id", CREATED_IN_WINDOW));
        windows.put(RELEASES, "1");
        return Map.copyOf(windows);
    }
}
