package io.devhealth.analytics.dora;

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

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.Text;
import io.quarkus.security.Authenticated;

@Path("/api/v1/analytics/orgs/{org}/dora")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "DORA", description = "The five DORA software delivery metrics (https://dora.dev/guides/dora-metrics/).")
public class DoraResource {

    /** Longest environment name or team key accepted (both are short). */
    static final int MAX_NAME_LENGTH = 255;

    private final DoraService dora;

    DoraResource(DoraService dora) {
        this.dora = dora;
    }

    @GET
    @Operation(summary = "DORA metrics over a window", description = """
            Over the days from 'from' to 'to' (both included) in the organization's time zone (its setting timezone,
            named in timeZone; UTC by default), as dora.dev defines them:
            deployment frequency (successful production deployments; deployments of one pipeline run count once;
            also days with a deployment per week), change lead time (for each change deployed in the window:
            deployment finish − the change's commit time, median and p90 hours; commit to production, not merge to
            production), change fail rate (deployments that required immediate intervention — a linked incident,
            a rollback or a hotfix — ÷ deployments), failed deployment recovery time (median hours from a failed
            deployment's finish to the incident's resolution or the remediating deployment) and deployment rework
            rate (DORA 2024: unplanned deployments made because of a production incident ÷ deployments). Each
            comes with its sample size and its level in the named table (levels=2024 or 2023), and the answer of
            the DORA Quick Check (https://dora.dev/quickcheck/) it corresponds to; a metric without data is null
            with a reason, never 0. A daily series and an ISO-weekly one (days with a deployment per week, DORA's
            survey form; exact weekly medians) come with it. 'team' narrows to the repositories matching the
            team's repo patterns. Percentiles are exact over the window's facts (linear
            interpolation between closest ranks). Source: ClickHouse tables deployment_facts and change_facts.
            Any member (viewer and up) or a superuser may read.""")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", description = "Both repo and team, a malformed or out-of-range date, from after "
            + "to, a range longer "
            + "than allowed (devhealth.analytics.max-range-days), an unknown levels table, or an environment name "
            + "that is empty, too long or holds control characters; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository or team in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public DoraReport report(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First day (yyyy-MM-dd, organization's time zone), included; default: 29 days "
                    + "before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last day (yyyy-MM-dd), included; default: today in the organization's time "
                    + "zone.",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this repository, by id or full name; the whole organization when absent.",
                    example = "acme/api") @QueryParam("repo") String repo,
            @Parameter(description = "Only this team's repositories (its repo patterns), by team key; exclusive with "
                    + "repo.", example = "platform") @QueryParam("team") String team,
            @Parameter(description = "Only this environment, by name; every production environment when absent.",
                    example = "production") @QueryParam("environment") String environment,
            @Parameter(description = "The levels table: 2024 (default) or 2023.", example = "2024")
            @QueryParam("levels") String levels) {
        DoraLevels table = levels == null || levels.isBlank() ? DoraLevels.DORA_2024
                : DoraLevels.byId(levels.strip()).orElseThrow(() -> ProblemException.badParameter("levels",
                        "levels must be 2024 or 2023"));
        return dora.report(org, from, to, name("environment", environment), blankToNull(repo),
                name("team", team), table);
    }

    /** An environment name or team key: null when blank, else at most {@value #MAX_NAME_LENGTH} clean characters. */
    private static String name(String parameter, String value) {
        String name = blankToNull(value);
        if (name != null && (name.length() > MAX_NAME_LENGTH || Text.problem(name).isPresent()
                || name.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badParameter(parameter, parameter + " must be a name of at most " + MAX_NAME_LENGTH
                    + " characters without control characters");
        }
        return name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
