package io.devhealth.identity.setting.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.setting.service.SettingService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/settings")
@Tag(name = "Settings", description = "Organization settings: typed JSON values with defaults")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "The caller's role in the organization is too weak")
@APIResponse(responseCode = "404", description = "No such organization, or a key that is neither known nor set")
public class SettingResource {

    /** The known keys, their shapes and defaults (also README's settings table). */
    static final String KEYS = """
            Known keys (value shape; default):
            - timezone: an IANA zone id whose midnight starts daily buckets; "UTC".
            - dora.production-environments: 1–50 environment names counting as production, case-insensitive, \
            * matches any characters; ["production", "prod"].
            - dora.hotfix: {"refPatterns", "pullRequestLabels"}, lists of 0–100 globs over a deployment's ref \
            (case-insensitive, * matches any characters) and pull/merge request labels marking a deployment as a \
            hotfix; a member left out takes its default; {"refPatterns": ["hotfix", "hotfix/*", "hotfix-*", \
            "hotfix_*", "*/hotfix", "*/hotfix/*", "*/hotfix-*", "*/hotfix_*"], "pullRequestLabels": ["hotfix"]}.
            - incidents.rules: {"issueLabels", "jiraIssueTypes", "jiraLabels", "pagerDutyServiceIds"}, lists of \
            0–100 GitHub/GitLab issue labels, Jira issue types, Jira labels, PagerDuty service ids (none: every \
            service); a member left out is empty; {"issueLabels": ["incident"], "jiraIssueTypes": ["Incident"], \
            "jiraLabels": [], "pagerDutyServiceIds": []}. PagerDuty incidents of services not counted are synced \
            too, marked counts_as_incident = 0.
            - pagerduty.services: {"<PagerDuty service id>": {"repositories": [full names such as acme/api], \
            "teams": [team keys]}}, 0–500 services, each list 0–100 entries (a member left out is empty): the \
            repositories and teams a service's incidents belong to; {}.
            - calendar.working: {"days": ISO days of week 1–7, "hours": {"start": "HH:mm", "end": "HH:mm"}, \
            "holidays": ISO dates}; a member left out takes its default; {"days": [1, 2, 3, 4, 5], \
            "hours": {"start": "09:00", "end": "17:00"}, "holidays": []}.
            - repositories.local-roots: 0–50 absolute directories under which git sync configurations may point \
            (no '..' segments); a repository must also lie under the sync hosts' devhealth.sync.local-roots; [].""";

    private final SettingService settings;

    SettingResource(SettingService settings) {
        this.settings = settings;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SETTINGS_READ")
    @GET
    @Operation(summary = "List the organization's settings",
            description = "Members and above. Every known key (its default unless set), by key.\n\n" + KEYS)
    @APIResponse(responseCode = "200", description = "The settings")
    public Uni<List<SettingResponse>> list(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org) {
        return settings.list(org).map(list -> list.stream().map(SettingResponse::from).toList());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SETTINGS_READ")
    @GET
    @Path("/{key}")
    @Operation(summary = "Get a setting", description = "Members and above; a known key not set reads as its "
            + "default (\"default\": true).\n\n" + KEYS)
    @APIResponse(responseCode = "200", description = "The setting")
    public Uni<SettingResponse> get(@PathParam("org") String org,
            @Parameter(description = "Setting key", example = "timezone") @PathParam("key") String key) {
        return settings.get(org, key).map(SettingResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SETTINGS_MANAGE")
    @PUT
    @Path("/{key}")
    @Operation(summary = "Set a setting", description = "Org admins and owners. The value is checked against the "
            + "key's shape and stored normalized (strings stripped, dates and days sorted).\n\n" + KEYS)
    @APIResponse(responseCode = "200", description = "The setting as stored")
    @APIResponse(responseCode = "409", description = "Set concurrently by another request; retry")
    @APIResponse(responseCode = "422", description = "Unknown key, or a value that does not fit its shape")
    public Uni<SettingResponse> put(@PathParam("org") String org,
            @Parameter(description = "Setting key", example = "timezone") @PathParam("key") String key,
            @Valid @NotNull PutSettingRequest body) {
        return settings.put(org, key, body.value()).map(SettingResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "SETTINGS_MANAGE")
    @DELETE
    @Path("/{key}")
    @Operation(summary = "Reset a setting to its default", description = "Org admins and owners; idempotent for "
            + "known keys.")
    @APIResponse(responseCode = "204", description = "Reset")
    public Uni<Void> delete(@PathParam("org") String org,
            @Parameter(description = "Setting key", example = "timezone") @PathParam("key") String key) {
        return settings.delete(org, key);
    }
}
