package io.devhealth.identity.people.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.FeedVersionService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/**
 * Internal (service tokens only, not routed by the gateway): where each organization's people/teams change feed
 * stands, so sync-service reads only the feeds that moved.
 */
@Path("/internal/v1/change-feeds")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.PEOPLE_READER_GROUP)
public class InternalFeedVersionResource {

    private final FeedVersionService versions;

    InternalFeedVersionResource(FeedVersionService versions) {
        this.versions = versions;
    }

    /**
     * One organization's feed position.
     *
     * @param orgId   the organization
     * @param version its last committed change version (people, identities and teams share it); 0 before any
     */
    public record FeedVersion(
            @Schema(examples = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f") UUID orgId,
            @Schema(description = "The last committed change version; 0 before any change", examples = "42")
            long version) {
    }

    @GET
    @Operation(summary = "Every organization's change-feed version",
            description = "Live (not deleted) organizations by id. A reader whose applied version of an "
                    + "organization is below this one has changes to read from that organization's people and "
                    + "teams feeds; one above it means the feed was reset (read again from 0).")
    @APIResponse(responseCode = "200", description = "One entry per live organization")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a service token allowed to read people")
    public Uni<List<FeedVersion>> versions() {
        return versions.versions().map(all -> all.stream()
                .map(version -> new FeedVersion(version.organizationId(), version.version())).toList());
    }
}
