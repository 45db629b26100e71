package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.SuggestionService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/people/suggestions")
@Tag(name = "People")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not a member; viewers cannot read, members cannot decide",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such organization, or no such open suggestion",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SuggestionResource {

    private final SuggestionService suggestions;

    SuggestionResource(SuggestionService suggestions) {
        this.suggestions = suggestions;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_READ")
    @GET
    @Operation(summary = "Suggested mappings of unmapped identities", description = """
            Members and above. Computed from the identities sync-service has seen and nobody has mapped: an \
            identity whose email is a person's primary email, an identity's email or a member user's email, or \
            whose GitHub login is a person's GitLab username (or the reverse), is proposed for that person; \
            unmapped identities sharing an email, or a GitHub login and a GitLab username, are proposed as a new \
            person. Most confident first; rejected suggestions never come back.""")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "422", description = "page or size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SuggestionPage> list(@Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Parameter(description = "0-based page") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @Parameter(description = "Page size, 1–200") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200)
            int size) {
        return suggestions.list(org, page, size).map(found -> SuggestionPage.from(found, page, size));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Path("/{id}/accept")
    @Operation(summary = "Accept a suggestion", description = "Admins and owners. Maps the identities to the "
            + "suggested person, or creates the suggested person with them.")
    @APIResponse(responseCode = "200", description = "The person the identities now belong to")
    @APIResponse(responseCode = "409", description = "The new person's key, email or user is taken meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The person would have more than 200 identities",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PersonResponse> accept(@PathParam("org") String org, @PathParam("id") UUID id) {
        return suggestions.accept(org, id).map(PersonResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a suggestion", description = "Admins and owners. It is never suggested again.")
    @APIResponse(responseCode = "204", description = "Rejected")
    public Uni<Void> reject(@PathParam("org") String org, @PathParam("id") UUID id) {
        return suggestions.reject(org, id);
    }
}
