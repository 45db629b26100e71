package io.devhealth.identity.incident.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.incident.service.IncidentLinkCorrectionService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/incident-links")
@Tag(name = "Incident links", description = "Corrections of which deployment caused an incident. sync-service links "
        + "every incident to the deployment that caused it on its own (an explicit reference in the incident, else the "
        + "last production deployment of its repositories before it was triggered) and records how; a correction "
        + "here wins over every automatic method and reaches the DORA facts within a minute. Viewers read, admins and "
        + "owners correct.")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "400", description = "Malformed body or parameter")
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "Not a member, or the role is too weak (corrections need admin or "
        + "owner)")
@APIResponse(responseCode = "404", description = "No such organization, or no correction of that incident")
public class IncidentLinkCorrectionResource {

    private final IncidentLinkCorrectionService corrections;

    IncidentLinkCorrectionResource(IncidentLinkCorrectionService corrections) {
        this.corrections = corrections;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "ANALYTICS_READ")
    @GET
    @Operation(summary = "List incident link corrections", description = "Most recently changed first.")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<IncidentLinkCorrectionResponse>> list(
            @Parameter(description = "Organization slug or id", example = "acme") @PathParam("org") String org,
            @BeanParam PageParameters page) {
        return corrections.list(org, page.toRequest()).map(found -> found.map(IncidentLinkCorrectionResponse::from));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "INCIDENT_LINKS_MANAGE")
    @PUT
    @Path("/{provider}/{incidentId}")
    @Operation(summary = "Correct an incident's link", description = "Names the deployment that caused the incident "
            + "(repoId and deploymentId as the analytics API lists deployments), or none (both null or absent). "
            + "Idempotent: the same correction again changes nothing. The incident need not be synced yet: the "
            + "correction applies once it is; a deployment that does not exist leaves the incident unlinked.")
    @APIResponse(responseCode = "200", description = "The correction")
    @APIResponse(responseCode = "409", description = "A concurrent correction of the same incident; retry")
    @APIResponse(responseCode = "422", description = "Unknown provider, malformed incident id, deploymentId without "
            + "repoId (or the reverse), over-long note", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<IncidentLinkCorrectionResponse> correct(
            @Parameter(description = "Organization slug or id", example = "acme") @PathParam("org") String org,
            @Parameter(description = "The incident's source: pagerduty, jira, github or gitlab",
                    example = "pagerduty") @PathParam("provider") String provider,
            @Parameter(description = "The incident's id at its source (a PagerDuty incident id, a Jira issue key, a "
                    + "GitHub/GitLab issue id)", example = "Q1QJ0MAPKR4ZKA") @PathParam("incidentId")
            String incidentId,
            @Valid @NotNull CorrectIncidentLinkRequest body) {
        return corrections.correct(org, provider, incidentId, body.toDraft())
                .map(IncidentLinkCorrectionResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "INCIDENT_LINKS_MANAGE")
    @DELETE
    @Path("/{provider}/{incidentId}")
    @Operation(summary = "Withdraw a correction", description = "sync-service links the incident on its own again.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "422", description = "Unknown provider or malformed incident id")
    public Uni<Void> withdraw(
            @Parameter(description = "Organization slug or id", example = "acme") @PathParam("org") String org,
            @Parameter(description = "The incident's source", example = "pagerduty") @PathParam("provider")
            String provider,
            @Parameter(description = "The incident's id at its source", example = "Q1QJ0MAPKR4ZKA")
            @PathParam("incidentId") String incidentId) {
        return corrections.withdraw(org, provider, incidentId);
    }
}
