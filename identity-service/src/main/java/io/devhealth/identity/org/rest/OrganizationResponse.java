package io.devhealth.identity.org.rest;

import java.time.Instant;
import java.util.UUID;

import io.devhealth.identity.org.Organization;

/** An organization as the API shows it. */
public record OrganizationResponse(UUID id, String slug, String name, Instant createdAt) {

    static OrganizationResponse from(Organization organization) {
        return new OrganizationResponse(organization.id, organization.slug, organization.name, organization.createdAt);
    }
}
