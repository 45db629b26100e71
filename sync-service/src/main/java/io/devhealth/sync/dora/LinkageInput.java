package io.devhealth.sync.dora;

import java.util.List;
import java.util.Map;

/**
 * What one repository's DORA linkage reads from ClickHouse.
 *
 * @param deployments  its successful deployments (every environment), oldest first by finish time
 * @param pullRequests merged pull/merge requests by the commits they merged: a commit of the request, or the commit
 *                     its merge (or squash) created
 * @param incidentEffects what the incidents currently linked to its deployments do to them
 */
record LinkageInput(List<Deployment> deployments, Map<String, PullRequest> pullRequests,
        List<DeploymentOutcome.IncidentEffect> incidentEffects) {

    /**
     * A deployment that reached success.
     *
     * @param production the provider's or the organization's production environment
     * @param finishedAt epoch ms it first reached a final state
     */
    record Deployment(String id, String provider, String environment, boolean production, String pipelineId,
            String sha, String ref, long finishedAt) {
    }

    /** Epoch ms of a merged request's milestones, and its labels. */
    record PullRequest(long number, long openedAt, Long firstReviewAt, long mergedAt, List<String> labels) {
    }
}
