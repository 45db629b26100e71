package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.FeedPosition;
import io.devhealth.identity.people.service.PeopleFeedService;
import io.devhealth.support.auth.ServiceRole;
import io.devhealth.support.problem.Problem;
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
    @APIResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a service token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "sinceVersion or limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PeopleFeedResponse> changes(@PathParam("orgId") UUID orgId,
            @Parameter(description = "The last version applied; 0 for everything")
            @QueryParam("sinceVersion") @DefaultValue("0") @Min(0) long sinceVersion,
            @Parameter(description = "From a previous page's next: continue after this row of sinceVersion")
            @QueryParam("afterId") UUID afterId,
            @Parameter(description = "At most this many changes (people and deletions), 1–1000")
            @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(1000) int limit) {
        return feed.changes(orgId, FeedPosition.since(sinceVersion, afterId), limit)
                .map(page -> PeopleFeedResponse.from(orgId, page));
    }
}
