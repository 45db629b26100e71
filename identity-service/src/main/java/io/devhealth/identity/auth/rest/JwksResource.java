package io.devhealth.identity.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;

import io.devhealth.identity.auth.service.KeyRing;

@Path("/api/v1/identity/.well-known/jwks.json")
@Tag(name = "Authentication")
@PermitAll
public class JwksResource {

    private final KeyRing keys;

    JwksResource(KeyRing keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(maxAge = 300)
    @Operation(summary = "Token signing keys (JWK Set)",
            description = "The public RS256 keys of every live access token, by kid: the current signing key and any "
                    + "rotated-out key until the last token it signed has expired. Cacheable for 5 minutes.")
    @APIResponse(responseCode = "200", description = "The JWK Set")
    public String jwks() {
        return keys.jwks();
    }
}
