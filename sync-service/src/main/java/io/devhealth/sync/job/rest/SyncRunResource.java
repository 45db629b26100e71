package io.devhealth.sync.job.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.support.problem.Problem;
import io.devhealth.sync.client.SyncRun;
import io.devhealth.sync.job.service.SyncRunService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * Starts sync runs on demand and shows their progress. Runs and their progress live in identity-service
 * (which also holds the configurations); this resource only maps HTTP to {@link SyncRunService}. Errors are
 * problem+json (see {@link io.devhealth.support.problem.ProblemMappers}).
 */
@Path("/api/v1/sync/orgs/{org}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Sync runs", description = "Start syncs on demand and follow their progress")
public class SyncRunResource {

    private final SyncRunService runs;
    private final JsonWebToken caller;

    @Inject
    public SyncRunResource(SyncRunService runs, JsonWebToken caller) {
        this.runs = runs;
        this.caller = caller;
    }

    @POST
    @Path("/configurations/{configurationId}/runs")
    @RunOnVirtualThread
    @Operation(summary = "Start a sync run",
            description = """
                    Starts a run of the sync configuration now and returns at once (202): the run executes in the \
                    background. Follow it with GET …/runs/{runId} (Location header) until status is succeeded or \
                    failed. Requires role admin or owner in the organization (or a superuser). At most one run \
                    per configuration runs at a time, across all sync-service instances.""")
    @APIResponse(responseCode = "202", description = "Run started (status running)",
            headers = @Header(name = "Location", description = "URL of the run", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRunResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin or owner of the organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or no such sync configuration in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = """
            A run of this configuration is already running (type …/sync-run-already-running), or the \
            configuration is disabled (type …/conflict)""",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "identity-service is unavailable; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Parameter(description = "Sync configuration id") @PathParam("configurationId") UUID configurationId) {
        SyncRun run = runs.start(caller, org, configurationId);
        URI location = UriBuilder.fromPath("/api/v1/sync/orgs/{org}/runs/{runId}").build(org, run.id());
        return Response.accepted(SyncRunResponse.of(run)).location(location).build();
    }

    @GET
    @Path("/runs/{runId}")
    @RunOnVirtualThread
    @Operation(summary = "Get a sync run and its progress",
            description = """
                    The run's state; while it runs, phase and itemsProcessed/itemsTotal show its progress (for git: \
                    commits while listing and extracting; updated at most once a second). Requires membership \
                    (role member or above) in the organization, or a superuser.""")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncRunResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a member of the organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or no such run in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "identity-service is unavailable; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SyncRunResponse get(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Parameter(description = "Run id") @PathParam("runId") UUID runId) {
        return SyncRunResponse.of(runs.find(caller, org, runId));
    }
}
