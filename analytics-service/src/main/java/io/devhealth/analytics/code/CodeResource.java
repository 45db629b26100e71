package io.devhealth.analytics.code;

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

@Path("/api/v1/analytics/orgs/{org}/code")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Code health", description = "Hotspots and bus factors from git history.")
public class CodeResource {

    private final CodeService code;

    CodeResource(CodeService code) {
        this.code = code;
    }

    @GET
    @Path("/hotspots")
    @Operation(summary = "Files ranked by churn × distinct authors", description = """
            For the non-merge commits authored in the window (UTC days), per file: commits, lines added and deleted,
            churn (added + deleted), distinct authors (canonical people where identity maps the commit email, else the
            email) and score = churn × authors, highest first (then churn, repository, path). Binary files are left
            out: git reports no line counts for them. Tombstoned commits and repositories never count. Sources:
            Tornhill, Your Code as a Crime Scene (hotspots); Nagappan, Murphy and Basili, The Influence of
            Organizational Structure on Software Quality (ICSE 2008: churn and number of engineers). ClickHouse tables
            commit_stats, commits, person_identities. Any member (viewer and up) or a superuser may read.""")
    @APIResponse(responseCode = "200", description = "The ranked files")
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer "
            + "than allowed, or a limit outside 1–200; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public Hotspots hotspots(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "First UTC day (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd), included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Only this repository, by id or full name.", example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "Files listed, 1–200 (default 50).", example = "20") @QueryParam("limit")
            String limit) {
        return code.hotspots(org, from, to, repo, limit);
    }

    @GET
    @Path("/bus-factor")
    @Operation(summary = "Bus factor per repository", description = """
            Per repository, over the non-merge commits authored in the window (UTC days): lines changed (added +
            deleted, text files), commits, authors, the bus factor and the top 10 authors with their share of the
            lines. Bus factor (CHAOSS, https://chaoss.community/kb/metric-bus-factor/): the smallest number of
            authors whose lines are more than half of the repository's lines changed; two authors with half each give
            2. Authors are canonical people where identity maps the commit email, else the email. A repository without
            line changes in the window has a null bus factor with a reason. Repositories are listed by lines changed,
            most first. Sources: ClickHouse tables commit_stats, commits, person_identities, people. Any member
            (viewer and up) or a superuser may read.""")
    @APIResponse(responseCode = "200", description = "The bus factors")
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer "
            + "than allowed, or a limit outside 1–200; violations name the parameter")
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one")
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization")
    @APIResponse(responseCode = "404", description = "No such organization, or no such repository in it")
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later")
    public BusFactors busFactor(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "Only this repository, by id or full name.", example = "acme/api")
            @QueryParam("repo") String repo,
            @Parameter(description = "First UTC day (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last UTC day (yyyy-MM-dd), included; default: today (UTC).",
                    example = "2025-03-31") @QueryParam("to") String to,
            @Parameter(description = "Repositories listed, 1–200 (default 50).", example = "50") @QueryParam("limit")
            String limit) {
        return code.busFactors(org, from, to, repo, limit);
    }
}
