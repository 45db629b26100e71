package io.devhealth.sync.dora;

import java.util.List;
import java.util.Map;

/**
 * What one repository's DORA linkage reads from ClickHouse.
 *
 * @param deployments  its successful deployments (every environment), oldest first by finish time
 * @param incidents    its incidents (linked to a deployment explicitly or not)
 * @param pullRequests merged pull/merge requests by the commits they merged: a commit of the request, or the commit
 *                     its merge (or squash) created
 */
record LinkageInput(List<Deployment> deployments, List<Incident> incidents, Map<String, PullRequest> pullRequests) {

    /**
     * A deployment that reached success.
     *
     * @param production the provider's or the organization's production environment
     * @param finishedAt epoch ms it first reached a final state
     */
    record Deployment(String id, String provider, String environment, boolean production, String pipelineId,
            String sha, String ref, long finishedAt) {
    }

    /**
     * @param deploymentId the deployment the incident names ({@code ''}: none; the linkage then picks the last
     *                     production deployment before it)
     * @param createdAt    epoch ms it was triggered
     * @param resolvedAt   epoch ms it was resolved, or {@code null}
     */
    record Incident(String id, String deploymentId, long createdAt, Long resolvedAt) {
    }

    /** Epoch ms of a merged request's milestones. */
    record PullRequest(long number, long openedAt, Long firstReviewAt, long mergedAt) {
    }
}
