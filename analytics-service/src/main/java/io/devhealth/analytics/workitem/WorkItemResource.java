package io.devhealth.analytics.workitem;

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

@Path("/api/v1/analytics/orgs/{org}/work-items")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Work items", description = "Issues synced from Jira, GitHub and GitLab.")
public class WorkItemResource {

    private final WorkItemService workItems;

    WorkItemResource(WorkItemService workItems) {
        this.workItems = workItems;
    }

    @GET
    @Operation(summary = "List work items", description = "Work items created in the window (UTC days of their "
            + "creation: an item's later updates do not move it between pages), newest first (creation time, then "
            + "provider and item id), keyset-paginated: pass nextCursor as cursor. Items deleted at the source (or "
            + "moved to another Jira project: listed under their new key) never appear. Any member (viewer and up) "
            + "or a superuser may read.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A malformed date or range (from after to, longer than "
            + "devhealth.analytics.max-range-days), a limit outside 1–200, a cursor this listing did not issue, an "
            + "unknown provider, type or status category, or a filter over 255 characters or with control "
            + "characters; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public Listing<WorkItem> list(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd) of creation, included; default: 29 days before 'to'.",
                    example = "2025-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd) of creation, included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this provider: jira, github or gitlab.", example = "jira")
            @QueryParam("provider") String provider,
            @Parameter(description = "Only this project (Jira project key; a repository's full name for GitHub and "
                    + "GitLab issues).", example = "PAY") @QueryParam("project") String project,
            @Parameter(description = "Only this type: story, bug, task, epic, incident or other.", example = "bug")
            @QueryParam("type") String type,
            @Parameter(description = "Only this status category: todo, in_progress or done.", example = "in_progress")
            @QueryParam("statusCategory") String statusCategory,
            @Parameter(description = "Only items assigned to this account (login or Jira accountId), account id or "
                    + "display name, case-insensitive.", example = "Ada Lovelace")
            @QueryParam("assignee") String assignee,
            @Parameter(description = "From a previous page's nextCursor.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Items per page, 1–200 (default 50).", example = "50")
            @QueryParam("limit") String limit) {
        return workItems.list(org, from, to, provider, project, type, statusCategory, assignee, cursor, limit);
    }
}
