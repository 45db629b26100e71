package io.devhealth.identity.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.devhealth.identity.auth.service.SessionService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/identity/auth")
@Tag(name = "Authentication")
@PermitAll
public class TokenResource {

    private final SessionService sessions;

    TokenResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path("/token")
    @Operation(summary = "Sign in", description = "Exchanges email and password for an RS256 access token (15 minutes; "
            + "the user's groups and organization memberships in claim orgs) and a refresh token. Failed sign-ins are "
            + "throttled per account and per client address: 429 with Retry-After.")
    @APIResponse(responseCode = "200", description = "The tokens")
    @APIResponse(responseCode = "401", description = "Unknown email, wrong password or deactivated account "
            + "(indistinguishable)")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins for this account or client; "
            + "Retry-After gives the seconds to wait")
    public Uni<TokenResponse> token(@Valid @NotNull TokenRequest body, @Context HttpServerRequest request) {
        return sessions.signIn(body.email(), body.password(), ClientAddress.of(request)).map(TokenResponse::from);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Refresh a session", description = "Rotates the refresh token: answers a new access token "
            + "with the user's current memberships and a new refresh token; the presented one is spent. Presenting a "
            + "spent refresh token again revokes the whole session (it has leaked).")
    @APIResponse(responseCode = "200", description = "The next tokens")
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or reused refresh token, or a "
            + "deactivated user")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshRequest body) {
        return sessions.refresh(body.refreshToken()).map(TokenResponse::from);
    }

    @POST
    @Path("/logout")
    @ResponseStatus(204)
    @Operation(summary = "Sign out", description = "Revokes the session the refresh token belongs to. Answers 204 "
            + "whether or not the token was valid. Access tokens already issued stay valid until they expire "
            + "(15 minutes at most).")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Uni<Void> logout(@Valid @NotNull RefreshRequest body) {
        return sessions.signOut(body.refreshToken());
    }
}
