package io.devhealth.analytics.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Daily metrics per person, team and work-item project. Maps HTTP to {@link DailyMetricsService}. */
@Path("/api/v1/analytics/orgs/{org}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "People, team and work-item metrics", description = "Daily activity per person and team, daily work-item flow per project.")
public class DailyMetricsResource {

    private static final String RANGE = " Days are calendar days of the organization's time zone (setting timezone;"
            + " the response names it). Range: from..to, both included, at most devhealth.analytics.max-range-days"
            + " (default 366) days; default the 30 days ending today. Any member (viewer and up) or a superuser may"
            + " read (permission ANALYTICS_READ).";

    private static final String USERS_EXAMPLE = """
            {"from": "2025-01-01", "to": "2025-01-31", "timeZone": "Europe/Berlin", "items": [
              {"personId": "3f2c1a9e-8b7d-4e6f-a5c4-1d2e3f4a5b6c", "identityKey": "3f2c1a9e-8b7d-4e6f-a5c4-1d2e3f4a5b6c",
               "displayName": "Ada Lovelace", "email": "ada@acme.io", "day": "2025-01-02", "commits": 4,
               "additions": 120, "deletions": 30, "filesChanged": 9, "reposTouched": 2, "prsOpened": 1,
               "prsMerged": 1, "reviewsGiven": 3, "workItemsCompleted": 2, "incidentsResolved": 0},
              {"personId": null, "identityKey": "git:carol@contractor.example", "displayName": "", "email": "",
               "day": "2025-01-02", "commits": 1, "additions": 5, "deletions": 0, "filesChanged": 1,
               "reposTouched": 1, "prsOpened": 0, "prsMerged": 0, "reviewsGiven": 0, "workItemsCompleted": 0,
               "incidentsResolved": 0}]}""";

    private static final String TEAMS_EXAMPLE = """
            {"from": "2025-01-01", "to": "2025-01-31", "timeZone": "Europe/Berlin", "items": [
              {"teamId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "teamKey": "payments", "name": "Payments",
               "day": "2025-01-02", "commits": 12, "additions": 340, "deletions": 95, "activeMembers": 4,
               "prsOpened": 3, "prsMerged": 2, "reviewsGiven": 6, "workItemsCompleted": 5, "incidentsResolved": 1}]}""";

    private static final String WORK_ITEMS_EXAMPLE = """
            {"from": "2025-01-01", "to": "2025-01-31", "timeZone": "Europe/Berlin", "items": [
              {"provider": "jira", "projectKey": "PAY", "day": "2025-01-02", "created": 5, "completed": 4, "wip": 7,
               "bugsCreated": 1, "leadTimeP50Hours": 52.5, "cycleTimeP50Hours": 20.25,
               "timeInStateHours": {"To Do": 30.5, "In Progress": 61.0, "In Review": 12.0}}]}""";

    private final DailyMetricsService metrics;

    DailyMetricsResource(DailyMetricsService metrics) {
        this.metrics = metrics;
    }

    @GET
    @Path("/users/daily")
    @Operation(summary = "Daily activity per person",
            description = "One item per person (or identity not mapped to a person) and day with activity, sorted by"
                    + " identity key then day; days without activity are absent. The whole organization comes a page"
                    + " of people at a time (limit people, each with all their days in the range; nextCursor leads"
                    + " to the next page). Attribution: commits by author"
                    + " email, pull requests and reviews by login, work items by assignee, incidents by resolver,"
                    + " through the identities mapped to people. Source: ClickHouse user_metrics_daily." + RANGE,
            extensions = @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ANALYTICS_READ"))
    @APIResponse(responseCode = "200", description = "The series.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserMetricsSeries.class),
            examples = @ExampleObject(name = "people", value = USERS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer"
            + " than allowed, a limit outside 1..200, a cursor this endpoint did not issue, or a user that is"
            + " neither a UUID nor an email; the violations name the parameter.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or no such person or identity in it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public byte[] users(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "Only this person: canonical person id, or an email (the person with that primary"
                    + " email or git identity, plus that email's unmapped git activity); everyone when absent.",
                    example = "ada@acme.io") @QueryParam("user") String user,
            @Parameter(description = "First day, ISO-8601 (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last day, ISO-8601 (yyyy-MM-dd), included; default: today in the"
                    + " organization's time zone.", example = "2025-01-31") @QueryParam("to") String to,
            @Parameter(description = "People (identity keys) per page, 1 to 200; default 50. Ignored with user.",
                    example = "50") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page; absent for the first page.")
            @QueryParam("cursor") String cursor) {
        return metrics.usersJson(org, user, from, to, limit, cursor);
    }

    @GET
    @Path("/teams/daily")
    @Operation(summary = "Daily activity per team",
            description = "One item per team and day with activity, sorted by team key then day; days without"
                    + " activity are absent. A team's day sums its members' (a person in two teams counts in both);"
                    + " activeMembers counts members with any activity. Source: ClickHouse team_metrics_daily." + RANGE,
            extensions = @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ANALYTICS_READ"))
    @APIResponse(responseCode = "200", description = "The series.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamMetricsSeries.class),
            examples = @ExampleObject(name = "teams", value = TEAMS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, or a range"
            + " longer than allowed; the violations name the parameter.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or no team with that key in it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<byte[]> teams(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "Only the team with this key; every team when absent.", example = "payments")
            @QueryParam("team") String team,
            @Parameter(description = "First day, ISO-8601 (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last day, ISO-8601 (yyyy-MM-dd), included; default: today in the"
                    + " organization's time zone.", example = "2025-01-31") @QueryParam("to") String to) {
        return metrics.teamsJson(org, team, from, to);
    }

    @GET
    @Path("/work-items/daily")
    @Operation(summary = "Daily work-item flow per project",
            description = "One item per provider, project and day with activity (created, completed or work in"
                    + " progress), sorted by provider, project, day; days without any are absent. wip counts items in"
                    + " a state of category in_progress at the end of the day. The p50s are exact medians over the"
                    + " day's completed items; for a window's percentiles use the work-item flow endpoint. Source:"
                    + " ClickHouse work_item_metrics_daily, from per-item facts (work_item_facts)." + RANGE,
            extensions = @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ANALYTICS_READ"))
    @APIResponse(responseCode = "200", description = "The series.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WorkItemMetricsSeries.class),
            examples = @ExampleObject(name = "work items", value = WORK_ITEMS_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A malformed or out-of-range date, from after to, a range longer"
            + " than allowed, or a provider other than jira, github, gitlab; the violations name the parameter.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No token, or a malformed, expired or foreign-signed one.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a member of the organization.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such organization, or no work item in that project.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "ClickHouse or identity-service is unavailable; retry later.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<byte[]> workItems(
            @Parameter(description = "Organization slug or id.", example = "acme") @PathParam("org") String org,
            @Parameter(description = "Only this provider.", example = "jira",
                    schema = @Schema(enumeration = { "jira", "github", "gitlab" })) @QueryParam("provider") String provider,
            @Parameter(description = "Only this project: Jira project key, GitHub owner/repository, GitLab project"
                    + " path.", example = "PAY") @QueryParam("project") String project,
            @Parameter(description = "First day, ISO-8601 (yyyy-MM-dd), included; default: 29 days before 'to'.",
                    example = "2025-01-01") @QueryParam("from") String from,
            @Parameter(description = "Last day, ISO-8601 (yyyy-MM-dd), included; default: today in the"
                    + " organization's time zone.", example = "2025-01-31") @QueryParam("to") String to) {
        return metrics.workItemsJson(org, provider, project, from, to);
    }
}
