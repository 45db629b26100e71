package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.ObservedIdentityService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): sync-service reports the identities it has seen. */
@Path("/internal/v1/orgs/{orgId}/observed-identities")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.PEOPLE_READER_GROUP)
public class InternalObservedIdentityResource {

    private final ObservedIdentityService observed;

    InternalObservedIdentityResource(ObservedIdentityService observed) {
        this.observed = observed;
    }

    @POST
    @Operation(summary = "Report observed identities", description = "Service tokens only. Upserts the provider "
            + "identities seen in the organization's data (commit authors, PR authors, issue assignees…), mapped or "
            + "not: the input of mapping suggestions. Idempotent; a null name or email keeps the recorded one.")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "400", description = "Malformed body")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "422", description = "Invalid identity (named by index); more than 1000")
    public Uni<ObservedIdentitiesResponse> observe(@PathParam("orgId") UUID orgId,
            @Valid @NotNull ObservedIdentitiesRequest body) {
        return observed.observe(orgId, body.identities().stream().map(IdentityRequest::toDraft).toList())
                .map(ObservedIdentitiesResponse::new);
    }
}
