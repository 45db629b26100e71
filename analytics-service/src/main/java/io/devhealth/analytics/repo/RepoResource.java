package io.devhealth.analytics.repo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.support.problem.Problem;
import io.quarkus.security.Authenticated;

@Path("/api/v1/analytics/orgs/{org}/repos")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Repositories", description = "Repositories synced into DevHealth, with commit totals.")
public class RepoResource {

    private final RepoService repos;

    RepoResource(RepoService repos) {
        this.repos = repos;
    }

    @GET
    @Operation(summary = "List the organization's repositories",
            description = "Every synced repository of the organization, sorted by full name, with its commit count"
                    + " and the author times (UTC) of its first and last commit. Source: ClickHouse tables repos and"
                    + " commits as of the latest sync. Any member (viewer and up) or a superuser may read.")
    @APIResponse(responseCode = "200", description = "The repositories; an empty list when nothing has been synced.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepoList.class)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RepoList list(@Parameter(description = "Organization slug or id.", example = "local")
                         @PathParam("org") String org) {
        return repos.list(org);
    }
}
