package io.devhealth.sync.provider.gitlab;

import java.util.List;
import java.util.Locale;

import io.devhealth.sync.provider.http.IssueTypes;

/**
 * GitLab's states in the vocabularies the tables share with GitHub (column comments of
 * {@code migrations/clickhouse/V1__init.sql} and {@code V4__github.sql}). Unknown states (newer GitLab versions)
 * read as not finished, so nothing is counted as done that may not be.
 */
final class GitLabStates {

    private GitLabStates() {
    }

    /** {@code pull_requests.state}: open, closed, merged ({@code locked} is a merge in progress: open). */
    static String mergeRequest(String state) {
        return switch (state) {
            case "merged" -> "merged";
            case "closed" -> "closed";
            default -> "open";
        };
    }

    /** {@code ci_pipeline_runs.status} / {@code ci_pipeline_jobs.status} of a pipeline or job status. */
    static String ci(String status) {
        return switch (status) {
            case "success" -> "success";
            case "failed" -> "failure";
            case "canceled", "canceling" -> "canceled";
            case "skipped" -> "skipped";
            case "running" -> "running";
            default -> "queued"; // created, waiting_for_resource, preparing, pending, scheduled, manual
        };
    }

    /** A pipeline or job that will not change on its own any more. */
    static boolean ciFinished(String status) {
        return List.of("success", "failed", "canceled", "skipped").contains(status);
    }

    /**
     * {@code deployments.status}: success, failure, error, inactive, in_progress, queued. GitLab's {@code canceled}
     * ended the attempt without deploying ({@code error}); {@code skipped} never ran ({@code inactive});
     * {@code blocked} waits for an approval or a manual job ({@code queued}). The raw state stays in
     * {@code deployment_statuses.state}.
     */
    static String deployment(String status) {
        return switch (status) {
            case "success" -> "success";
            case "failed" -> "failure";
            case "canceled" -> "error";
            case "skipped" -> "inactive";
            case "running" -> "in_progress";
            default -> "queued"; // created, blocked
        };
    }

    /** A deployment state that ends the attempt. */
    static boolean deploymentFinished(String status) {
        return List.of("success", "failed", "canceled", "skipped").contains(status);
    }

    /** {@code work_items.type}: GitLab's issue type where it says one, else {@code bug} by label, else other. */
    static String issueType(String issueType, List<String> labels) {
        switch (issueType.toLowerCase(Locale.ROOT)) {
            case "incident":
                return "incident";
            case "task":
                return "task";
            case "epic":
                return "epic";
            default:
                break;
        }
        return IssueTypes.fromLabels(labels);
    }

    /** {@code work_items.status_category}: closed → done, else todo. */
    static String issueCategory(String state) {
        return "closed".equals(state) ? "done" : "todo";
    }
}
