package io.devhealth.analytics.investment;

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

@Path("/api/v1/analytics/orgs/{org}/investment")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Investment", description = "Where completed work went: by work-item type and label, for a sunburst.")
public class InvestmentResource {

    private final InvestmentService investment;

    InvestmentResource(InvestmentService investment) {
        this.investment = investment;
    }

    @GET
    @Operation(summary = "Investment breakdown of completed work", description = """
            The work items completed in the window (UTC days; done now, reached done in the window, as for the flow
            metrics) by type and, with group=label, by label inside each type: a tree {name, value, storyPoints,
            share, children} for a sunburst, and the same leaves per period. value counts items; an item with n labels
            adds 1/n to each label, so the labels of a type add up to the type; items without labels sit under
            "(no label)", labels beyond a type's largest 20 under "(other labels)". storyPoints sums the items' points
            (split the same way) and is null when none of them has points. Tombstoned items never count. Source:
            ClickHouse table work_items. Any member (viewer and up) or a superuser may read.""")
    @APIResponse(responseCode = "200", description = "The breakdown")
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer "
            + "than allowed, a group other than type or label, a period other than day, week or month, or a malformed "
            + "provider or project; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public InvestmentReport report(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd), included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "type (default): one ring of types; label: types, then their labels.",
                    example = "label") @QueryParam("group") String group,
            @Parameter(description = "Series buckets: day, week (ISO) or month (default).", example = "month")
            @QueryParam("period") String period,
            @Parameter(description = "Only this provider's items.", example = "jira") @QueryParam("provider")
            String provider,
            @Parameter(description = "Only this project.", example = "PAY") @QueryParam("project") String project) {
        return investment.report(org, from, to, group, period, provider, project);
    }
}
