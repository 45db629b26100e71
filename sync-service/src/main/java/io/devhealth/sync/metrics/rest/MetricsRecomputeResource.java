package io.devhealth.sync.metrics.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.sync.metrics.service.MetricsRecomputeService;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * Recomputes an organization's daily metric tables for a range of days, and shows the progress. Maps HTTP to
 * {@link MetricsRecomputeService}; errors are problem+json.
 */
@Path("/api/v1/sync/orgs/{org}/metrics/recompute")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Metrics recomputation", description = "Recompute the daily metric tables for a range of days")
public class MetricsRecomputeResource {

    private final MetricsRecomputeService recomputes;
    private final JsonWebToken caller;

    MetricsRecomputeResource(MetricsRecomputeService recomputes, JsonWebToken caller) {
        this.recomputes = recomputes;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RunOnVirtualThread
    @Operation(summary = "Recompute daily metrics for a range of days",
            description = """
                    Recomputes repo_metrics_daily, user_metrics_daily, team_metrics_daily, work_item_metrics_daily \
                    and dora_metrics_daily (and the work-item facts they derive from) for the days from..to of the \
                    organization's time zone (setting timezone), in the background; answers 202 at once. Follow it \
                    with GET …/metrics/recompute/{id} (Location header). Idempotent: rows are keyed by \
                    (organization, key, day) and replaced, so recomputing twice yields the same rows; a request for a \
                    range already being recomputed answers that recomputation. If the organization's zone changed \
                    since its tables were computed, every day of every table is recomputed (days of two zones are \
                    never mixed). Requires role admin or owner (permission METRICS_RECOMPUTE), or a superuser.""",
            extensions = @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "METRICS_RECOMPUTE"))
    @APIResponse(responseCode = "202", description = "Recomputation started (state queued), or the one already "
            + "recomputing this range",
            headers = @Header(name = "Location", description = "URL of the recomputation",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MetricsRecomputeResponse.class)))
    @APIResponse(responseCode = "400", description = "No body, malformed JSON, a missing or malformed date, a day "
            + "before 1970-01-01 or after today, from after to, or more than devhealth.metrics.recompute.max-days "
            + "days; the violations name the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin or owner of the organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "identity-service or ClickHouse is unavailable; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(
            @Parameter(description = "Organization slug or id", example = "acme") @PathParam("org") String org,
            MetricsRecomputeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {\"from\": \"yyyy-MM-dd\", \"to\": \"yyyy-MM-dd\"} is required.");
        }
        MetricsRecomputeResponse started = MetricsRecomputeResponse.of(
                recomputes.start(caller, org, request.from(), request.to()));
        URI location = UriBuilder.fromPath("/api/v1/sync/orgs/{org}/metrics/recompute/{id}").build(org, started.id());
        return Response.accepted(started).location(location).build();
    }

    @GET
    @Path("/{id}")
    @RunOnVirtualThread
    @Operation(summary = "Get a metrics recomputation and its progress",
            description = """
                    State and progress (daysDone of daysTotal, advancing every devhealth.metrics.recompute.chunk-days \
                    days) of a recomputation; failureReason when it failed. Kept in ClickHouse: every sync-service \
                    replica answers, across restarts. Requires membership (role member or above, permission \
                    SYNC_READ), or a superuser.""",
            extensions = @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SYNC_READ"))
    @APIResponse(responseCode = "200", description = "The recomputation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MetricsRecomputeResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not a member of the organization",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404",
            description = "No such organization, or no such recomputation in it (an id that is not a UUID included)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "identity-service or ClickHouse is unavailable; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MetricsRecomputeResponse get(
            @Parameter(description = "Organization slug or id", example = "acme") @PathParam("org") String org,
            @Parameter(description = "Recomputation id") @PathParam("id") UUID id) {
        return MetricsRecomputeResponse.of(recomputes.find(caller, org, id));
    }
}
