package io.devhealth.analytics.flow;

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

import io.quarkus.security.Authenticated;

@Path("/api/v1/analytics/orgs/{org}/work-items/flow")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Flow", description = "Flow metrics of work items (Kanban; Flow Framework, https://flowframework.org).")
public class FlowResource {

    private final FlowService flow;

    FlowResource(FlowService flow) {
        this.flow = flow;
    }

    @GET
    @Operation(summary = "Flow metrics over a window", description = """
            Over the UTC days from 'from' to 'to' (both included), for the work items matching the filters. An item is
            completed when its status category is done now and it reached done (completed_at) in the window; an item
            reopened after done and not done again is not completed. Throughput: items completed (per period in the
            series). WIP: items in an in-progress status category at the end of the last day (and of each period),
            from status transitions, else from started_at/completed_at for items without transitions. Cycle time:
            started (first move to in progress) → completed; lead time: created → completed; p50/p85/p95 in hours,
            exact over the completed items, with their sample sizes (Kanban definitions, Vacanti, Actionable Agile
            Metrics for Predictability). Time in status: for the completed items, hours per status category and per
            status from the transitions (a status visited twice sums both stays), total and median per item. Flow
            efficiency (Flow Framework): active time (in progress) ÷ (active + waiting time in other non-done
            statuses) between start and completion. A metric without a sample is null with a reason, never 0.
            Tombstoned items never count. Source: ClickHouse tables work_items and work_item_transitions. Any member
            (viewer and up) or a superuser may read.""")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer "
            + "than allowed (devhealth.analytics.max-range-days), a period other than day, week or month, an unknown "
            + "type, or a malformed provider or project; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public FlowReport report(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd), included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this provider's items.", example = "jira") @QueryParam("provider")
            String provider,
            @Parameter(description = "Only this project (Jira project key, or a repository's full name for issues).",
                    example = "PAY") @QueryParam("project") String project,
            @Parameter(description = "Only this type: story, bug, task, epic, incident, other.", example = "story")
            @QueryParam("type") String type,
            @Parameter(description = "Series buckets: day, week (default; ISO weeks, Monday first) or month.",
                    example = "week") @QueryParam("period") String period) {
        return flow.report(org, from, to, provider, project, type, period);
    }
}
