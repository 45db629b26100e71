package io.devhealth.identity.credential.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.credential.service.CredentialRotationService;
import io.devhealth.support.auth.OrgClaims;
import io.smallrye.mutiny.Uni;

/** Operations on every organization's credentials at once: superusers only. */
@Path("/api/v1/identity/admin/credentials")
@Tag(name = "Credentials")
@RolesAllowed(OrgClaims.USER_GROUP)
public class CredentialAdminResource {

    private final CredentialRotationService rotation;

    CredentialAdminResource(CredentialRotationService rotation) {
        this.rotation = rotation;
    }

    @POST
    @Path("/rewrap")
    @Operation(summary = "Re-wrap every credential under the primary master key",
            description = "Superusers only. After devhealth.credentials.primary-key-id names a new key (the old one "
                    + "still listed in devhealth.credentials.master-keys), moves every row's data key under the new "
                    + "key; secrets are not re-encrypted. Idempotent: run it until failed is 0 and rewrapped is 0, "
                    + "then remove the old key. Rows that cannot be decrypted are counted as failed and left as "
                    + "they are.")
    @APIResponse(responseCode = "200", description = "What was done",
            content = @Content(schema = @Schema(implementation = RewrapResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
    @APIResponse(responseCode = "403", description = "The caller is not a superuser")
    public Uni<RewrapResponse> rewrap() {
        return rotation.rewrapAll().map(RewrapResponse::from);
    }
}
