package io.devhealth.analytics.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.support.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/analytics/orgs/{org}/metrics/repos")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Repository metrics", description = "Daily git activity per repository.")
public class RepoMetricsResource {

    private final RepoMetricsService metrics;

    RepoMetricsResource(RepoMetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("/daily")
    @Operation(summary = "Daily metrics per repository",
            description = "A dense series: one item per repository per day from 'from' to 'to' (both included),"
                    + " zeros on days without commits, sorted by full name then day. Commits count on their author's"
                    + " day in the organization's time zone (setting timezone; the response names it); line and file"
                    + " counts are git's (git log --numstat, merges excluded). Source:"
                    + " ClickHouse table repo_metrics_daily, recomputed by sync-service for the days each sync touches."
                    + " Any member (viewer and up) or a superuser may read.")
    @APIResponse(responseCode = "200", description = "The series.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepoMetricsSeries.class)))
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, or a range"
            + " longer than allowed (devhealth.analytics.max-range-days, default 366 days); the problem's"
            + " violations name the query parameter (field).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository in it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<byte[]> daily(
            @Parameter(description = "Organization slug or id.", example = "local")
            @PathParam("org") String org,
            @Parameter(description = "Only this repository, by id or full name; all repositories when absent.",
                    example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "First day, ISO-8601 (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01")
            @QueryParam("from") String from,
            @Parameter(description = "Last day, ISO-8601 (yyyy-MM-dd), included; default: today in the organization's time zone.",
                    example = "2025-01-30")
            @QueryParam("to") String to) {
        return metrics.dailyJson(org, repo, from, to);
    }
}
