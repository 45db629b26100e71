package io.devhealth.identity.people.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.BeanParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.identity.people.service.PeopleService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/people")
@Tag(name = "People", description = "Canonical people and their provider identities (git, GitHub, GitLab, Jira, "
        + "PagerDuty). Members read, admins and owners change.")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "400", description = "Malformed body or parameter")
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "Not a member, or the role is too weak (viewers cannot read "
        + "people; changes need admin or owner)")
@APIResponse(responseCode = "404", description = "No such organization, or no such person in it")
public class PeopleResource {

    private final PeopleService people;
    private final MergePatch patches;

    PeopleResource(PeopleService people, MergePatch patches) {
        this.people = people;
        this.patches = patches;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Operation(summary = "Create a person", description = "With its provider identities, none of which may be "
            + "mapped to another person of the organization.")
    @APIResponse(responseCode = "201", description = "Created; Location names the person")
    @APIResponse(responseCode = "409", description = "An identity is already mapped (the detail names its person), "
            + "or the key, primary email or user belongs to another person")
    @APIResponse(responseCode = "422", description = "Invalid field; the user is not a member; the same identity "
            + "twice")
    public Uni<RestResponse<PersonResponse>> create(@PathParam("org") String org,
            @Valid @NotNull CreatePersonRequest body) {
        return people.create(org, body.toDraft()).map(PersonResponse::from)
                .map(created -> RestResponse.ResponseBuilder.<PersonResponse>created(location(org, created.id()))
                        .entity(created).build());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_READ")
    @GET
    @Operation(summary = "List people", description = "Members and above; by display name, then id.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<PersonResponse>> list(@Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Parameter(description = "Keeps people whose name, key, primary email or an identity's external id "
                    + "contains this, case-insensitively") @QueryParam("q") @Size(max = 200) String search,
            @BeanParam PageParameters page) {
        return people.list(org, search == null ? null : search.strip(), page.toRequest())
                .map(found -> found.map(PersonResponse::from));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_READ")
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a person", description = "Members and above.")
    @APIResponse(responseCode = "200", description = "The person")
    public Uni<PersonResponse> get(@PathParam("org") String org, @PathParam("id") UUID id) {
        return people.get(org, id).map(PersonResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change a person", description = "A JSON merge patch of key, displayName, primaryEmail and "
            + "userId: absent members stay, null clears. A patch that changes nothing leaves the version alone.")
    @RequestBody(content = @Content(schema = @Schema(implementation = UpdatePersonRequest.class)))
    @APIResponse(responseCode = "200", description = "The person")
    @APIResponse(responseCode = "409", description = "The key, primary email or user belongs to another person")
    @APIResponse(responseCode = "422", description = "Invalid or unknown member; displayName null; the user is not "
            + "a member")
    public Uni<PersonResponse> update(@PathParam("org") String org, @PathParam("id") UUID id, JsonNode body)
            throws JsonProcessingException {
        return people.update(org, id, UpdatePersonRequest.changes(patches.read(body, UpdatePersonRequest.class)))
                .map(PersonResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a person", description = "With its identities and team memberships.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("org") String org, @PathParam("id") UUID id) {
        return people.delete(org, id);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Path("/{id}/identities")
    @Operation(summary = "Map an identity to a person", description = "At most 200 identities per person.")
    @APIResponse(responseCode = "201", description = "Mapped; the body is the person, Location names it")
    @APIResponse(responseCode = "409", description = "The identity is already mapped (the detail names its person)")
    @APIResponse(responseCode = "422", description = "Invalid field; the person has 200 identities")
    public Uni<RestResponse<PersonResponse>> addIdentity(@PathParam("org") String org, @PathParam("id") UUID id,
            @Valid @NotNull IdentityRequest body) {
        return people.addIdentity(org, id, body.toDraft()).map(PersonResponse::from)
                .map(person -> RestResponse.ResponseBuilder.<PersonResponse>created(location(org, person.id()))
                        .entity(person).build());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @DELETE
    @Path("/{id}/identities/{identityId}")
    @Operation(summary = "Unmap an identity from a person")
    @APIResponse(responseCode = "204", description = "Unmapped")
    public Uni<Void> removeIdentity(@PathParam("org") String org, @PathParam("id") UUID id,
            @PathParam("identityId") UUID identityId) {
        return people.removeIdentity(org, id, identityId);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Path("/{id}/merge")
    @Operation(summary = "Merge another person into this one", description = "The other person's identities and "
            + "team memberships move here; key, primary email and user are taken from it where this person has "
            + "none; the other person is deleted (the change feed reports the deletion).")
    @APIResponse(responseCode = "200", description = "The merged person")
    @APIResponse(responseCode = "422", description = "The same person twice; more than 200 identities together")
    public Uni<PersonResponse> merge(@PathParam("org") String org, @PathParam("id") UUID id,
            @Valid @NotNull MergePeopleRequest body) {
        return people.merge(org, id, body.personId()).map(PersonResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Path("/{id}/split")
    @Operation(summary = "Split identities off into a new person", description = "The listed identities move to a "
            + "new person; team memberships stay with this one.")
    @APIResponse(responseCode = "201", description = "The new person; Location names it")
    @APIResponse(responseCode = "409", description = "The key, primary email or user belongs to another person")
    @APIResponse(responseCode = "422", description = "An id is not an identity of this person; invalid field")
    public Uni<RestResponse<PersonResponse>> split(@PathParam("org") String org, @PathParam("id") UUID id,
            @Valid @NotNull SplitPersonRequest body) {
        return people.split(org, id, body.identityIds(), body.toDraft()).map(PersonResponse::from)
                .map(created -> RestResponse.ResponseBuilder.<PersonResponse>created(location(org, created.id()))
                        .entity(created).build());
    }

    private static URI location(String org, UUID personId) {
        return URI.create("/api/v1/identity/orgs/" + org + "/people/" + personId);
    }
}
