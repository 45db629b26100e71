package io.devhealth.identity.sync.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.sync.service.SyncRunService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/sync-runs")
@Tag(name = "Sync configurations")
@RolesAllowed(OrgClaims.USER_GROUP)
public class SyncRunResource {

    private final SyncRunService runs;

    SyncRunResource(SyncRunService runs) {
        this.runs = runs;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_READ")
    @GET
    @Path("/{runId}")
    @Operation(summary = "Get a sync run", description = "Members and above; phase and items show live progress.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "403", description = "The caller is not a member")
    @APIResponse(responseCode = "404", description = "No such organization or run")
    public Uni<SyncRunResponse> get(@PathParam("org") String org, @PathParam("runId") UUID runId) {
        return runs.get(org, runId).map(SyncRunResponse::from);
    }
}
