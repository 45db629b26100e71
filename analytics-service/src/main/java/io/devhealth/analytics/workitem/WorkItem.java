package io.devhealth.analytics.workitem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A work item (Jira issue, GitHub or GitLab issue) as its provider last reported it. Times are UTC. */
public record WorkItem(
        @Schema(description = "jira, github or gitlab", examples = "jira") String provider,
        @Schema(description = "The issue key for Jira, the provider's issue id for GitHub and GitLab",
                examples = "PAY-123")
        String workItemId,
        @Schema(description = "Jira project key, or the repository's full name", examples = "PAY") String projectKey,
        @Schema(description = "The repository of a GitHub or GitLab issue; null for Jira",
                examples = "0b4e7c1a-5f0e-4d8a-9a57-1c2d3e4f5a6b") UUID repoId,
        @Schema(examples = "Refunds fail for partial captures") String title,
        @Schema(description = "story, bug, task, epic, incident or other", examples = "bug") String type,
        @Schema(description = "The type's name as the provider shows it", examples = "Bug") String typeName,
        @Schema(description = "The provider's status name", examples = "In Review") String status,
        @Schema(description = "todo, in_progress or done", examples = "in_progress") String statusCategory,
        @Schema(examples = "High") String priority,
        @Schema(description = "The assignee's provider account (login, Jira accountId); '' when unassigned",
                examples = "5b10ac8d82e05b22cc7d4ef5") String assignee,
        @Schema(examples = "Ada Lovelace") String assigneeName,
        @Schema(examples = "[\"refunds\"]") List<String> labels,
        @Schema(description = "The parent's id (key); '' when none", examples = "PAY-100") String parentId,
        @Schema(description = "The epic's key; '' when none", examples = "PAY-100") String epicKey,
        @Schema(description = "The current (or last) sprint's name; '' when never in one", examples = "Sprint 12")
        String sprint,
        @Schema(description = "null when not estimated", examples = "3") Double storyPoints,
        @Schema(examples = "2025-03-01T09:30:00Z") Instant createdAt,
        @Schema(description = "Last change at the provider", examples = "2025-03-04T16:00:00Z") Instant updatedAt,
        @Schema(description = "First entered an in-progress status; null when never", examples = "2025-03-02T10:00:00Z")
        Instant startedAt,
        @Schema(description = "Reached a done status; null while not done", examples = "2025-03-04T16:00:00Z")
        Instant completedAt,
        @Schema(examples = "https://acme.atlassian.net/browse/PAY-123") String url) {
}
