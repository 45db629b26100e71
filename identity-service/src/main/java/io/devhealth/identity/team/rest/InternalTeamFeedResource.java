package io.devhealth.identity.team.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.rest.ChangeFeedContract;
import io.devhealth.identity.people.rest.FeedParameters;
import io.devhealth.identity.people.rest.ChangeFeedResponse;
import io.devhealth.identity.team.service.TeamService;
import io.devhealth.support.auth.ServiceRole;
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
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "422", description = "sinceVersion or limit out of range")
    public Uni<ChangeFeedResponse<TeamResponse>> changes(@PathParam("orgId") UUID orgId,
            @BeanParam FeedParameters parameters) {
        return teams.changes(orgId, parameters.position(), parameters.limit())
                .map(page -> ChangeFeedResponse.from(orgId, page, TeamResponse::from));
    }
}
