package io.devhealth.identity.incident.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.incident.service.IncidentLinkCorrectionService;
import io.devhealth.identity.people.rest.ChangeFeedContract;
import io.devhealth.identity.people.rest.ChangeFeedResponse;
import io.devhealth.identity.people.rest.FeedParameters;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): the incident link correction feed sync-service polls. */
@Path("/internal/v1/orgs/{orgId}/incident-link-corrections")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.PEOPLE_READER_GROUP)
public class InternalIncidentLinkCorrectionFeedResource {

    private final IncidentLinkCorrectionService corrections;

    InternalIncidentLinkCorrectionFeedResource(IncidentLinkCorrectionService corrections) {
        this.corrections = corrections;
    }

    @GET
    @Operation(summary = "Incident link corrections changed since a version (change feed)",
            description = ChangeFeedContract.DESCRIPTION + "\n\nThe corrections share the organization's version "
                    + "with people and teams; a withdrawn correction is a deletion.")
    @APIResponse(responseCode = "200", description = "One page of changes")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "422", description = "sinceVersion or limit out of range")
    public Uni<ChangeFeedResponse<IncidentLinkCorrectionResponse>> changes(@PathParam("orgId") UUID orgId,
            @BeanParam FeedParameters parameters) {
        return corrections.changes(orgId, parameters.position(), parameters.limit())
                .map(page -> ChangeFeedResponse.from(orgId, page, IncidentLinkCorrectionResponse::from));
    }
}
