package io.devhealth.identity.user.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.user.service.UserService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.smallrye.mutiny.Uni;

/** User administration: superusers only (the database's flag decides, not the token's groups). */
@Path("/api/v1/identity/users")
@Tag(name = "Users")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "No valid token, or the account was deactivated")
@APIResponse(responseCode = "403", description = "The caller is not a superuser")
public class UserResource {

    private final UserService users;

    UserResource(UserService users) {
        this.users = users;
    }

    @POST
    @Operation(summary = "Create a user")
    @APIResponse(responseCode = "201", description = "Created; Location names the user")
    @APIResponse(responseCode = "409", description = "The email is taken (compared case-insensitively)")
    @APIResponse(responseCode = "422", description = "Invalid email, name or password")
    public Uni<RestResponse<UserResponse>> create(@Valid @NotNull CreateUserRequest body) {
        return users.createAsSuperuser(body.email(), body.displayName(), body.password(),
                        Boolean.TRUE.equals(body.superuser()))
                .map(user -> RestResponse.ResponseBuilder
                        .<UserResponse>created(URI.create("/api/v1/identity/users/" + user.id))
                        .entity(UserResponse.from(user))
                        .build());
    }

    @GET
    @Operation(summary = "List users", description = "By email; paginated (limit at most 200).")
    @APIResponse(responseCode = "200", description = "A page of users")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<UserResponse>> list(
            @Parameter(description = "Only users whose email or display name contains this (any case)")
            @QueryParam("q") @Size(max = 320) String search,
            @BeanParam PageParameters page) {
        return users.list(search, page.toRequest()).map(found -> found.map(UserResponse::from));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a user")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<UserResponse> get(@PathParam("id") UUID id) {
        return users.get(id).map(UserResponse::from);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a user", description = "Display name, superuser flag, or a password reset (which ends "
            + "the user's sessions). Absent members stay as they are.")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "A superuser revoking its own superuser flag")
    @APIResponse(responseCode = "422", description = "Invalid name or password")
    public Uni<UserResponse> update(@PathParam("id") UUID id, @Valid @NotNull UpdateUserRequest body) {
        return users.update(id, body.displayName(), body.superuser(), body.password()).map(UserResponse::from);
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate a user", description = "The user can no longer sign in or refresh; its sessions "
            + "end at once. Idempotent.")
    @APIResponse(responseCode = "200", description = "The user, inactive")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "A superuser deactivating itself")
    public Uni<UserResponse> deactivate(@PathParam("id") UUID id) {
        return users.setActive(id, false).map(UserResponse::from);
    }

    @POST
    @Path("/{id}/reactivate")
    @Operation(summary = "Reactivate a user", description = "The user may sign in again. Idempotent.")
    @APIResponse(responseCode = "200", description = "The user, active")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<UserResponse> reactivate(@PathParam("id") UUID id) {
        return users.setActive(id, true).map(UserResponse::from);
    }
}
