package io.devhealth.identity.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.auth.service.TokenService;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/auth/token")
@Tag(name = "Authentication")
@PermitAll
public class TokenResource {

    private final TokenService tokens;

    TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    @POST
    @Operation(summary = "Sign in", description = "Exchanges email and password for an RS256 access token carrying the "
            + "user's groups and organization memberships (claim orgs).")
    @APIResponse(responseCode = "200", description = "The access token")
    @APIResponse(responseCode = "401",
            description = "Unknown email, wrong password or deactivated account (indistinguishable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Missing email or password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenResponse> token(@Valid @NotNull TokenRequest body) {
        return tokens.issueForUser(body.email(), body.password()).map(TokenResponse::from);
    }
}
