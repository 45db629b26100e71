package io.devhealth.analytics.incident;

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

@Path("/api/v1/analytics/orgs/{org}/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Incidents", description = "Incidents synced from PagerDuty and derived from issues, with the deployments "
        + "that caused them.")
public class IncidentResource {

    private final IncidentService incidents;

    IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @Operation(summary = "List incidents", description = """
            Incidents triggered in the window (UTC days of their creation), newest first (creation time, then
            provider and incident id), keyset-paginated: pass nextCursor as cursor. By default only the incidents
            the organization's incident rules count (setting incidents.rules; those DORA's change fail rate and
            recovery time use); all=true lists the others too (countsAsIncident tells them apart). Each carries the
            deployment sync-service linked it to (method, reason when unlinked, the remediating deployment), when
            service was restored (the earlier of the resolution and the remediating deployment's finish) and the
            recovery time in hours, from the incident's start and, when linked, from the failed deployment's finish
            (DORA's failed deployment recovery time). Incidents deleted at the source never appear. Any member
            (viewer and up) or a superuser may read.""")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "A malformed date or range (from after to, longer than "
            + "devhealth.analytics.max-range-days), a limit outside 1–200, a cursor this listing did not issue, an "
            + "unknown status, all other than true or false, or a filter over 255 characters or with control "
            + "characters; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public Listing<IncidentItem> list(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd) of creation, included; default: 29 days before 'to'.",
                    example = "2025-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd) of creation, included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only incidents of this repository (by id or full name): one their service or "
                    + "issue maps to, or the one of the deployment they are linked to.", example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "Only this status: triggered, acknowledged or resolved.", example = "resolved")
            @QueryParam("status") String status,
            @Parameter(description = "Only this urgency (PagerDuty: high or low; issues: their priority), "
                    + "case-insensitive.", example = "high") @QueryParam("urgency") String urgency,
            @Parameter(description = "true: also incidents the organization's rules do not count; default false.",
                    example = "false") @QueryParam("all") String all,
            @Parameter(description = "From a previous page's nextCursor.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Items per page, 1–200 (default 50).", example = "50")
            @QueryParam("limit") String limit) {
        return incidents.list(org, from, to, repo, status, urgency, all, cursor, limit);
    }
}
