package io.devhealth.identity.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.auth.service.TokenService;

/** Internal: not routed by the gateway. */
@Path("/internal/v1/auth/service-token")
@Tag(name = "Internal")
@PermitAll
public class ServiceTokenResource {

    private final TokenService tokens;

    ServiceTokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Operation(summary = "Obtain a service token",
            description = "For DevHealth services (sync-service): exchanges the shared devhealth.service-secret for a "
                    + "token with groups [\"service\"].")
    @APIResponse(responseCode = "200", description = "The access token")
    @APIResponse(responseCode = "401", description = "Wrong secret")
    public TokenResponse token(@Valid @NotNull ServiceTokenRequest body) {
        return TokenResponse.from(tokens.issueForService(body.clientId(), body.clientSecret()));
    }
}
