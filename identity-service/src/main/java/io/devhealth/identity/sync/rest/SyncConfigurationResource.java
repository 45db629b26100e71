package io.devhealth.identity.sync.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.sync.service.SyncConfigurationService;
import io.devhealth.identity.sync.service.SyncRunService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/sync-configurations")
@Tag(name = "Sync configurations")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "The caller's role in the organization is too weak")
@APIResponse(responseCode = "404", description = "No such organization or configuration")
public class SyncConfigurationResource {

    private final SyncConfigurationService configurations;
    private final SyncRunService runs;

    SyncConfigurationResource(SyncConfigurationService configurations, SyncRunService runs) {
        this.configurations = configurations;
        this.runs = runs;
    }

    /** What create and change check, for their descriptions. */
    private static final String CHECKS = "Options are checked per provider (unknown ones refused). A git "
            + "repositoryPath must be a normalized absolute path (no '..') under one of the organization's "
            + "repositories.local-roots and under the operator's devhealth.sync.local-roots; sync-service checks "
            + "its real path again before each run. credentialId must name a credential of this organization for "
            + "the same provider. schedule is a Unix cron expression in an IANA time zone (default: the "
            + "organization's timezone setting) and takes precedence over scheduleIntervalSeconds; nextRunAt says "
            + "when it runs next.";

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_MANAGE")
    @POST
    @Operation(summary = "Create a sync configuration", description = "Org admins and owners. " + CHECKS)
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "409", description = "The name is taken in this organization")
    @APIResponse(responseCode = "422", description = "Invalid field: options, path outside the permitted roots, "
            + "credential, schedule, backfill window")
    public Uni<RestResponse<SyncConfigurationResponse>> create(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Valid @NotNull CreateSyncConfigurationRequest body) {
        return configurations.create(org, body.toNew())
                .map(SyncConfigurationResponse::from)
                .map(created -> RestResponse.ResponseBuilder.<SyncConfigurationResponse>created(
                                URI.create("/api/v1/identity/orgs/" + org + "/sync-configurations/" + created.id()))
                        .entity(created)
                        .build());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_READ")
    @GET
    @Operation(summary = "List the organization's sync configurations", description = "Members and above; by name.")
    public Uni<List<SyncConfigurationResponse>> list(@PathParam("org") String org) {
        return configurations.list(org).map(list -> list.stream().map(SyncConfigurationResponse::from).toList());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_READ")
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a sync configuration", description = "Members and above.")
    public Uni<SyncConfigurationResponse> get(@PathParam("org") String org, @PathParam("id") UUID id) {
        return configurations.get(org, id).map(SyncConfigurationResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_MANAGE")
    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a sync configuration", description = "Org admins and owners. Merge-patch: members "
            + "left out keep their value; null clears schedule, scheduleIntervalSeconds, credentialId and "
            + "backfillDays; options are replaced whole; the provider cannot change. Enabling a cron schedule again "
            + "skips the fire times missed while it was disabled. " + CHECKS)
    @APIResponse(responseCode = "200", description = "The changed configuration")
    @APIResponse(responseCode = "409", description = "The new name is taken in this organization")
    @APIResponse(responseCode = "422", description = "Invalid field (as on create), or provider given")
    public Uni<SyncConfigurationResponse> update(@PathParam("org") String org, @PathParam("id") UUID id,
            @Valid @NotNull UpdateSyncConfigurationRequest body) {
        return configurations.update(org, id, body.toChanges()).map(SyncConfigurationResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_MANAGE")
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a sync configuration", description = "Org admins and owners; its runs go with it. "
            + "Refused while a run holds a live lease. Data already synced stays in analytics.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "sync-run-already-running: a run of it is running")
    public Uni<Void> delete(@PathParam("org") String org, @PathParam("id") UUID id) {
        return configurations.delete(org, id);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_READ")
    @GET
    @Path("/{id}/runs")
    @Operation(summary = "List a configuration's runs", description = "Members and above; newest first.")
    public Uni<List<SyncRunResponse>> runs(@PathParam("org") String org, @PathParam("id") UUID id,
            @Parameter(description = "At most this many runs (1–500)") @QueryParam("limit") @DefaultValue("50")
            @Min(1) @Max(500) int limit) {
        return runs.listForConfiguration(org, id, limit).map(list -> list.stream().map(SyncRunResponse::from).toList());
    }
}
