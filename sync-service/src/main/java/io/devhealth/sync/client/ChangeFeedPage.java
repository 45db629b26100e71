package io.devhealth.sync.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of identity-service's people or teams change feed ({@code GET /internal/v1/orgs/{orgId}/people|teams});
 * the polling contract is identity's {@code ChangeFeedContract}.
 *
 * @param version the organization's committed version when the page was read: once {@code hasMore} is false, the
 *                {@code sinceVersion} of the next poll
 * @param changed whole rows changed after the position asked for, in (version, id) order
 * @param deleted rows deleted after it
 * @param next    the next page's position; null when {@code hasMore} is false
 * @param <T>     {@link Person} or {@link Team}
 */
public record ChangeFeedPage<T>(UUID orgId, long version, List<T> changed, List<Deletion> deleted, boolean hasMore,
        Cursor next) {

    public ChangeFeedPage {
        changed = changed == null ? List.of() : changed;
        deleted = deleted == null ? List.of() : deleted;
    }

    /** A deleted person (also one merged into another) or team, with the version that deleted it. */
    public record Deletion(UUID id, long version) {
    }

    /** Where the next page starts. */
    public record Cursor(long sinceVersion, UUID afterId) {
    }

    /** A canonical person with all its provider identities. */
    public record Person(UUID id, String key, String displayName, String primaryEmail, UUID userId,
            List<Identity> identities, long version, Instant updatedAt) {

        public Person {
            identities = identities == null ? List.of() : identities;
        }
    }

    /** A provider identity: {@code provider} is git, github, gitlab, jira or pagerduty. */
    public record Identity(String provider, String externalId, String name, String email) {
    }

    /** A team: members are person ids. */
    public record Team(UUID id, String key, String name, List<UUID> members, List<String> repositoryPatterns,
            List<String> jiraProjectKeys, long version, Instant updatedAt) {

        public Team {
            members = members == null ? List.of() : members;
            repositoryPatterns = repositoryPatterns == null ? List.of() : repositoryPatterns;
            jiraProjectKeys = jiraProjectKeys == null ? List.of() : jiraProjectKeys;
        }
    }

    /** An organization's feed version ({@code GET /internal/v1/change-feeds}). */
    public record OrgVersion(UUID orgId, long version) {
    }

    /**
     * An organization's correction of an incident's link ({@code GET /internal/v1/orgs/{orgId}/incident-link-
     * corrections}); {@code repoId} and {@code deploymentId} null: no deployment caused the incident.
     */
    public record Correction(UUID id, String provider, String incidentId, UUID repoId, String deploymentId,
            long version) {
    }
}
