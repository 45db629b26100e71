package io.devhealth.identity.sync.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.sync.SyncRunStatus;
import io.devhealth.identity.sync.SyncTrigger;
import io.devhealth.identity.sync.service.SyncLeaseService;
import io.devhealth.support.auth.ServiceRole;
import io.smallrye.mutiny.Uni;

/** Internal (service tokens only, not routed by the gateway): sync-service claims, renews and ends runs. */
@Path("/internal/v1/sync-runs")
@Tag(name = "Internal")
@RolesAllowed(ServiceRole.SYNC_RUNNER_GROUP)
public class InternalSyncRunResource {

    private final SyncLeaseService leases;

    InternalSyncRunResource(SyncLeaseService leases) {
        this.leases = leases;
    }

    @POST
    @Operation(summary = "Claim a run", description = "Starts a run leased to the holder. A running run whose lease "
            + "expired is failed first (\"lease expired: holder … stopped heartbeating at …\").")
    @APIResponse(responseCode = "201", description = "The new running run")
    @APIResponse(responseCode = "404", description = "No such configuration")
    @APIResponse(responseCode = "409", description = "sync-run-already-running: another run holds a live lease; "
            + "conflict: a scheduled claim of a configuration that is not due (its run for this due time already "
            + "started) or disabled")
    public Uni<RestResponse<SyncRunResponse>> claim(@Valid @NotNull ClaimSyncRunRequest body) {
        return leases.claim(body.syncConfigurationId(), SyncTrigger.valueOf(body.trigger().toUpperCase(Locale.ROOT)),
                        body.requestedBy(), body.holder(), Duration.ofSeconds(body.leaseSeconds()))
                .map(SyncRunResponse::from)
                .map(run -> RestResponse.ResponseBuilder
                        .<SyncRunResponse>created(URI.create("/internal/v1/sync-runs/" + run.id()))
                        .entity(run)
                        .build());
    }

    @POST
    @Path("/{id}/heartbeat")
    @Operation(summary = "Renew a run's lease and report progress")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "409", description = "lease-lost: the run ended or another holder has it")
    public Uni<SyncRunResponse> heartbeat(@PathParam("id") UUID id, @Valid @NotNull HeartbeatRequest body) {
        return leases.heartbeat(id, body.holder(), Duration.ofSeconds(body.leaseSeconds()), body.phase(),
                body.itemsProcessed(), body.itemsTotal()).map(SyncRunResponse::from);
    }

    @POST
    @Path("/{id}/complete")
    @Operation(summary = "End a run", description = "On succeeded the cursor is stored on the configuration in "
            + "the same transaction; a failed run never moves it.")
    @APIResponse(responseCode = "200", description = "The ended run")
    @APIResponse(responseCode = "409", description = "lease-lost: the run ended or another holder has it")
    @APIResponse(responseCode = "422", description = "Invalid field; error missing for a failed run")
    public Uni<SyncRunResponse> complete(@PathParam("id") UUID id, @Valid @NotNull CompleteSyncRunRequest body) {
        return leases.complete(id, body.holder(), SyncRunStatus.valueOf(body.status().toUpperCase(Locale.ROOT)),
                body.itemsProcessed(), body.counts(), body.error(), body.cursor()).map(SyncRunResponse::from);
    }
}
