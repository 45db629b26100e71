package io.devhealth.identity.team.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import io.devhealth.identity.people.rest.MergePatch;
import io.devhealth.identity.team.service.TeamService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/teams")
@Tag(name = "Teams", description = "Teams: people, repository patterns and Jira projects. Members read, admins and "
        + "owners change.")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "400", description = "Malformed body or parameter")
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "Not a member, or the role is too weak (viewers cannot read "
        + "teams; changes need admin or owner)")
@APIResponse(responseCode = "404", description = "No such organization, or no such team in it")
public class TeamResource {

    private final TeamService teams;
    private final MergePatch patches;

    TeamResource(TeamService teams, MergePatch patches) {
        this.teams = teams;
        this.patches = patches;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Operation(summary = "Create a team")
    @APIResponse(responseCode = "201", description = "Created; Location names the team")
    @APIResponse(responseCode = "409", description = "The key is taken in this organization")
    @APIResponse(responseCode = "422", description = "Invalid field (a glob, a project key); a member that is not a "
            + "person of the organization", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TeamResponse>> create(@PathParam("org") String org, @Valid @NotNull CreateTeamRequest body) {
        return teams.create(org, body.toDraft()).map(TeamResponse::from)
                .map(created -> RestResponse.ResponseBuilder.<TeamResponse>created(
                        URI.create("/api/v1/identity/orgs/" + org + "/teams/" + created.id())).entity(created).build());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_READ")
    @GET
    @Operation(summary = "List teams", description = "Members and above; by key.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<TeamResponse>> list(@Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @BeanParam PageParameters page) {
        return teams.list(org, page.toRequest()).map(found -> found.map(TeamResponse::from));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_READ")
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a team", description = "Members and above.")
    @APIResponse(responseCode = "200", description = "The team")
    public Uni<TeamResponse> get(@PathParam("org") String org, @PathParam("id") UUID id) {
        return teams.get(org, id).map(TeamResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change a team", description = "A JSON merge patch: absent members stay, lists replace the "
            + "current ones. A patch that changes nothing leaves the version alone.")
    @RequestBody(content = @Content(schema = @Schema(implementation = UpdateTeamRequest.class)))
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "409", description = "The new key is taken")
    @APIResponse(responseCode = "422", description = "Invalid, unknown or null member")
    public Uni<TeamResponse> update(@PathParam("org") String org, @PathParam("id") UUID id, JsonNode body)
            throws JsonProcessingException {
        MergePatch.Patch<UpdateTeamRequest> patch = patches.read(body, UpdateTeamRequest.class);
        for (String member : patch.members()) {
            if (body.get(member).isNull()) {
                throw ProblemException.invalidField(member, "must not be null (send [] to empty a list)");
            }
        }
        return teams.update(org, id, patch.value().toChanges()).map(TeamResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a team", description = "Its people stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("org") String org, @PathParam("id") UUID id) {
        return teams.delete(org, id);
    }
}
