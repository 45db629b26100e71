package io.devhealth.identity.org.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.org.service.OrganizationService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs")
@Tag(name = "Organizations")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrganizationResource {

    private final OrganizationService organizations;

    OrganizationResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @POST
    @Operation(summary = "Create an organization", description = "The caller becomes its owner.")
    @APIResponse(responseCode = "201", description = "Created; Location names the organization")
    @APIResponse(responseCode = "409", description = "The slug is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid slug or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OrganizationResponse>> create(@Valid @NotNull CreateOrganizationRequest body) {
        return organizations.create(body.slug(), body.name())
                .map(OrganizationResponse::from)
                .map(created -> RestResponse.ResponseBuilder
                        .<OrganizationResponse>created(URI.create("/api/v1/identity/orgs/" + created.slug()))
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(summary = "List the caller's organizations",
            description = "Every organization for a superuser; by slug.")
    public Uni<List<OrganizationResponse>> list() {
        return organizations.listVisible().map(list -> list.stream().map(OrganizationResponse::from).toList());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ORG_READ")
    @GET
    @Path("/{org}")
    @Operation(summary = "Get an organization")
    @APIResponse(responseCode = "200", description = "The organization")
    @APIResponse(responseCode = "403", description = "It exists but the caller is not a member",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<OrganizationResponse> get(@Parameter(description = "Slug or id") @PathParam("org") String org) {
        return organizations.get(org).map(OrganizationResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ORG_UPDATE")
    @PATCH
    @Path("/{org}")
    @Operation(summary = "Rename an organization", description = "Admins and owners. The slug never changes.")
    @APIResponse(responseCode = "200", description = "The organization")
    @APIResponse(responseCode = "403", description = "Not a member, or below admin")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "422", description = "Blank, too long or invalid name")
    public Uni<OrganizationResponse> rename(@Parameter(description = "Slug or id") @PathParam("org") String org,
            @Valid @NotNull UpdateOrganizationRequest body) {
        return organizations.rename(org, body.name()).map(OrganizationResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ORG_DELETE")
    @DELETE
    @Path("/{org}")
    @ResponseStatus(204)
    @Operation(summary = "Delete an organization", description = "Owners only. Soft delete: it disappears from every "
            + "API at once; its data is kept until an operator purges it. Its slug stays taken.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an owner")
    @APIResponse(responseCode = "404", description = "No such organization")
    public Uni<Void> delete(@Parameter(description = "Slug or id") @PathParam("org") String org) {
        return organizations.delete(org);
    }
}
