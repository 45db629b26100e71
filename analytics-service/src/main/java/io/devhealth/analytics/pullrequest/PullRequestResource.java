package io.devhealth.analytics.pullrequest;

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

@Path("/api/v1/analytics/orgs/{org}/pull-requests")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Pull requests",
        description = "Pull and merge requests synced from GitHub and GitLab, and their cycle time.")
public class PullRequestResource {

    private final PullRequestService pullRequests;

    PullRequestResource(PullRequestService pullRequests) {
        this.pullRequests = pullRequests;
    }

    @GET
    @Operation(summary = "List pull requests", description = "Pull (GitHub) and merge (GitLab) requests opened in the "
            + "window (UTC days of their creation), newest first (creation time, then repository and number), "
            + "keyset-paginated: pass nextCursor as cursor. Requests deleted at the source, and those of deleted "
            + "repositories, never appear. Any member (viewer and up) or a superuser may read.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A malformed date or range (from after to, longer than "
            + "devhealth.analytics.max-range-days), a limit outside 1–200, a cursor this listing did not issue, an "
            + "unknown state, or a filter over 255 characters or with control characters; violations name the "
            + "parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository or team in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public Listing<PullRequestItem> list(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd) of creation, included; default: 29 days before 'to'.",
                    example = "2025-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd) of creation, included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this repository, by id or full name.", example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "Only this state: open, closed (without merging) or merged.", example = "merged")
            @QueryParam("state") String state,
            @Parameter(description = "Only requests by this login (GitLab: username), case-insensitive.",
                    example = "ada") @QueryParam("author") String author,
            @Parameter(description = "Only requests authored by members of this team, by key (or id): their provider "
                    + "identities as identity-service maps them.", example = "payments")
            @QueryParam("team") String team,
            @Parameter(description = "From a previous page's nextCursor.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Items per page, 1–200 (default 50).", example = "50")
            @QueryParam("limit") String limit) {
        return pullRequests.list(org, from, to, repo, state, author, team, cursor, limit);
    }
}
