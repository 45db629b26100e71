package io.devhealth.analytics.commit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.analytics.listing.Listing;
import io.quarkus.security.Authenticated;

@Path("/api/v1/analytics/orgs/{org}/commits")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Commits", description = "Commits synced from git, newest first.")
public class CommitResource {

    private final CommitService commits;

    CommitResource(CommitService commits) {
        this.commits = commits;
    }

    @GET
    @Operation(summary = "List commits", description = "Commits authored in the window (UTC days, author date), newest "
            + "first (author time, then repository and sha), keyset-paginated: pass nextCursor as cursor. Commits "
            + "no longer in the repository (force-pushed away) never appear. Any member (viewer and up) or a "
            + "superuser may read.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A malformed date or range, a limit outside 1–200 or a cursor "
            + "this listing did not issue; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public Listing<CommitItem> list(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd), included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this repository, by id or full name.", example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "Only commits by this author email (case-insensitive).", example = "ada@acme.io")
            @QueryParam("author") String author,
            @Parameter(description = "From a previous page's nextCursor.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Items per page, 1–200 (default 50).", example = "50")
            @QueryParam("limit") String limit) {
        return commits.list(org, from, to, repo, author, cursor, limit);
    }
}
