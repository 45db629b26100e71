package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.PeopleFeedService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): the people change feed sync-service polls. */
@Path("/internal/v1/orgs/{orgId}/people")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.PEOPLE_READER_GROUP)
public class InternalPeopleFeedResource {

    private final PeopleFeedService feed;

    InternalPeopleFeedResource(PeopleFeedService feed) {
        this.feed = feed;
    }

    @GET
    @Operation(summary = "People changed since a version (change feed)", description = ChangeFeedContract.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "One page of changes")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "422", description = "sinceVersion or limit out of range")
    public Uni<ChangeFeedResponse<PersonResponse>> changes(@PathParam("orgId") UUID orgId,
            @BeanParam FeedParameters parameters) {
        return feed.changes(orgId, parameters.position(), parameters.limit())
                .map(page -> ChangeFeedResponse.from(orgId, page, PersonResponse::from));
    }
}
