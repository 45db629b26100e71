package io.devhealth.identity.user.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.devhealth.identity.user.service.UserService;
import io.devhealth.support.auth.OrgClaims;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/me")
@Tag(name = "Users")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "No valid token, or the account was deactivated")
public class MeResource {

    private final UserService users;

    MeResource(UserService users) {
        this.users = users;
    }

    @GET
    @Operation(summary = "The signed-in user and its memberships")
    @APIResponse(responseCode = "200", description = "The user")
    public Uni<MeResponse> me() {
        return users.currentProfile().map(MeResponse::from);
    }

    @PATCH
    @Operation(summary = "Change the signed-in user's display name")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "422", description = "Display name too long or not valid text")
    public Uni<MeResponse> update(@Valid @NotNull UpdateMeRequest body) {
        return users.updateProfile(body.displayName()).map(MeResponse::from);
    }

    @POST
    @Path("/password")
    @ResponseStatus(204)
    @Operation(summary = "Change the signed-in user's password",
            description = "Needs the current password. Ends every session (refresh token) of the user; access tokens "
                    + "already issued stay valid until they expire (15 minutes at most).")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "422", description = "Wrong current password, or a new one shorter than 10 characters")
    public Uni<Void> changePassword(@Valid @NotNull ChangePasswordRequest body) {
        return users.changePassword(body.currentPassword(), body.newPassword());
    }
}
