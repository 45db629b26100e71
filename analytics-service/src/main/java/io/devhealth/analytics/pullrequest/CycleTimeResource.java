package io.devhealth.analytics.pullrequest;

import java.util.List;

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

@Path("/api/v1/analytics/orgs/{org}/pull-requests/cycle-time")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Pull requests")
public class CycleTimeResource {

    private final CycleTimeService cycleTimes;

    CycleTimeResource(CycleTimeService cycleTimes) {
        this.cycleTimes = cycleTimes;
    }

    @GET
    @Operation(summary = "Pull request cycle time", description = """
            For the pull/merge requests merged in the window (days of the merge in the organization's time zone,
            both included), four stages in hours: coding (first commit's author time → opened), pickup (opened →
            first review by someone other than the author, submitted by the merge), review (that first review → merged) and deploy (merged → the
            first successful production deployment that shipped the merge or squash commit, or a commit of the
            request, as sync-service's DORA linkage recorded it in change_facts). Each stage gives p50, p75 and p90:
            exact percentiles over the per-request durations (linear interpolation between closest ranks), with
            its sample size — a request counts in a stage only when both ends are known, so a request merged
            without review is in neither pickup nor review, one never deployed is not in deploy. A stage without
            samples is null with a reason, never 0. A negative duration (clock skew) counts as 0 hours. Given
            overall, per period (day, week from Monday, or month; every period overlapping the window, labelled by
            its first day), per repository, and per team when teams are given. Any member (viewer and up) or a
            superuser may read.""")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer "
            + "than allowed (devhealth.analytics.max-range-days), a period other than day, week or month, more than "
            + "20 teams, or a filter over 255 characters or with control characters; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository or team in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public CycleTimeReport report(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First day (yyyy-MM-dd, organization's zone) of the merge, included; default: "
                    + "29 days before 'to'.", example = "2025-03-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (yyyy-MM-dd) of the merge, included; default: today in the "
                    + "organization's zone.", example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this repository, by id or full name.", example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "Only requests authored by members of these teams (by key or id; repeat the "
                    + "parameter for several, at most 20); each gets its own entry in byTeam.", example = "payments")
            @QueryParam("team") List<String> team,
            @Parameter(description = "Series period: day, week (default; ISO weeks from Monday) or month.",
                    example = "week") @QueryParam("period") String period) {
        return cycleTimes.report(org, from, to, repo, team, period);
    }
}
