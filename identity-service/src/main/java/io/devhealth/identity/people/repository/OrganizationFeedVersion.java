package io.devhealth.identity.people.repository;

import java.util.UUID;

/**
 * An organization's change-feed counter.
 *
 * @param organizationId the organization
 * @param version        its last committed people/teams version; 0 before the first change
 */
public record OrganizationFeedVersion(UUID organizationId, long version) {
}
