package io.devhealth.identity.user.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.user.service.UserService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/me")
@Tag(name = "Users")
@RolesAllowed(OrgClaims.USER_GROUP)
public class MeResource {

    private final UserService users;

    MeResource(UserService users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "The signed-in user and its memberships")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "401", description = "No valid token, or the account was deactivated",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MeResponse> me() {
        return users.currentProfile().map(MeResponse::from);
    }
}
