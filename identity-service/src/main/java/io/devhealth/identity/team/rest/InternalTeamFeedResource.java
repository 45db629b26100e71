package io.devhealth.identity.team.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.rest.ChangeFeedContract;
import io.devhealth.identity.people.service.FeedPosition;
import io.devhealth.identity.team.service.TeamService;
import io.devhealth.support.auth.ServiceRole;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): the team change feed sync-service polls. */
@Path("/internal/v1/orgs/{orgId}/teams")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.PEOPLE_READER_GROUP)
public class InternalTeamFeedResource {

    private final TeamService teams;

    InternalTeamFeedResource(TeamService teams) {
        this.teams = teams;
    }

    @GET
    @Operation(summary = "Teams changed since a version (change feed)", description = ChangeFeedContract.DESCRIPTION
            + "\n\nA team's members are person ids of the people feed; a team changes when its members do (also "
            + "when a member person is deleted or merged).")
    @APIResponse(responseCode = "200", description = "One page of changes")
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a service token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "sinceVersion or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TeamFeedResponse> changes(@PathParam("orgId") UUID orgId,
            @Parameter(description = "The last version applied; 0 for everything")
            @QueryParam("sinceVersion") @DefaultValue("0") @Min(0) long sinceVersion,
            @Parameter(description = "From a previous page's next: continue after this row of sinceVersion")
            @QueryParam("afterId") UUID afterId,
            @Parameter(description = "At most this many changes (teams and deletions), 1–1000")
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return teams.changes(orgId, FeedPosition.since(sinceVersion, afterId), limit)
                .map(page -> TeamFeedResponse.from(orgId, page));
    }
}
