package io.devhealth.identity.user.rest;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.user.service.UserService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/auth/register")
@Tag(name = "Authentication")
@PermitAll
public class RegistrationResource {

    private final UserService users;

    RegistrationResource(UserService users) {
        this.users = users;
    }

    @POST
    @Operation(summary = "Create an account (self-registration)",
            description = "Only when devhealth.auth.self-registration is on (off by default). The new user belongs to "
                    + "no organization; superuser is ignored.")
    @APIResponse(responseCode = "201", description = "Created; sign in with POST /auth/token")
    @APIResponse(responseCode = "403", description = "Self-registration is disabled")
    @APIResponse(responseCode = "409", description = "The email is taken")
    @APIResponse(responseCode = "422", description = "Invalid email, name or password")
    public Uni<RestResponse<UserResponse>> register(@Valid @NotNull CreateUserRequest body) {
        return users.register(body.email(), body.displayName(), body.password())
                .map(user -> RestResponse.ResponseBuilder
                        .<UserResponse>created(URI.create("/api/v1/identity/me"))
                        .entity(UserResponse.from(user))
                        .build());
    }
}
