package io.devhealth.identity.sync.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.sync.service.SyncConfigurationService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): what sync-service reads to run syncs. */
@Path("/internal/v1/sync-configurations")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.SYNC_RUNNER_GROUP)
public class InternalSyncConfigurationResource {

    private final SyncConfigurationService configurations;

    InternalSyncConfigurationResource(SyncConfigurationService configurations) {
        this.configurations = configurations;
    }

    @GET
    @Path("/due")
    @Operation(summary = "Configurations due for a scheduled run",
            description = "Enabled, with no running run holding a live lease, and either a cron schedule whose next "
                    + "fire time has come (a scheduled claim moves it on) or, without one, an interval whose last run "
                    + "started at least one interval ago (or never); or, scheduled or not, a run still running with an "
                    + "expired lease (its holder died): claiming it takes that run over. Each carries its organization's "
                    + "settings.")
    public Uni<List<SyncConfigurationDetails>> due() {
        return configurations.listDue().map(list -> list.stream().map(SyncConfigurationDetails::from).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a sync configuration with its cursor, organization slug and organization settings")
    @APIResponse(responseCode = "200", description = "The configuration")
    @APIResponse(responseCode = "404", description = "No such configuration")
    public Uni<SyncConfigurationDetails> get(@PathParam("id") UUID id) {
        return configurations.getForService(id).map(SyncConfigurationDetails::from);
    }
}
