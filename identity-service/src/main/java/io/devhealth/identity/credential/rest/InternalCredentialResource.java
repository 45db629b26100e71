package io.devhealth.identity.credential.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.credential.service.CredentialSecretService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): sync-service reads a secret to run a sync. */
@Path("/internal/v1/orgs/{orgId}/credentials")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.CREDENTIAL_READER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "Not a service token")
public class InternalCredentialResource {

    private final CredentialSecretService secrets;
    private final JsonWebToken token;

    InternalCredentialResource(CredentialSecretService secrets, JsonWebToken token) {
        this.secrets = secrets;
        this.token = token;
    }

    @POST
    @Path("/{id}/secret")
    @Operation(summary = "Read a credential's secret",
            description = "Service tokens only. Answers the plaintext secret with the provider and metadata; every "
                    + "read is audited (reader = the token's subject, time, run id) and sets the credential's "
                    + "lastUsedAt. POST because it has those effects. The JSON body names the sync run; it may "
                    + "be empty (Content-Type: application/json all the same).")
    @APIResponse(responseCode = "200", description = "The credential and its secret (Cache-Control: no-store)",
            content = @Content(schema = @Schema(implementation = CredentialSecretResponse.class)))
    @APIResponse(responseCode = "404", description = "The organization has no such credential")
    @APIResponse(responseCode = "409", description = "credential-unreadable: the stored secret cannot be decrypted "
            + "(damaged row, or its master key is not configured); an admin must replace it")
    @APIResponse(responseCode = "422", description = "runId is not a sync run of the organization")
    public Uni<RestResponse<CredentialSecretResponse>> read(@PathParam("orgId") UUID orgId, @PathParam("id") UUID id,
            @Valid ReadSecretRequest body) {
        return secrets.read(orgId, id, token.getSubject(), body == null ? null : body.runId())
                .map(read -> RestResponse.ResponseBuilder.ok(CredentialSecretResponse.from(read))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }
}
