package io.devhealth.identity.persistence;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.devhealth.identity.org.Organization;
import io.devhealth.identity.org.repository.OrganizationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Test-only endpoint (part of the application under {@code @QuarkusTest} only): inserts an organization with no
 * translation of database failures, as a service that forgot one would, so the tests see what the mappers make of
 * PostgreSQL's own verdicts. Hidden from the (checked-in) OpenAPI document.
 */
@Path("/test/raw-organizations/{slug}")
public class RawOrganizationResource {

    private final OrganizationRepository organizations;

    RawOrganizationResource(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @POST
    @WithTransaction
    @Operation(hidden = true)
    public Uni<Void> insert(@PathParam("slug") String slug) {
        return organizations.persistAndFlush(Organization.of(slug, "inserted without translation")).replaceWithVoid();
    }
}
