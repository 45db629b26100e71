package io.devhealth.identity.people.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.BeanParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.SuggestionService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/people/suggestions")
@Tag(name = "People")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "Not a member; viewers cannot read, members cannot decide")
@APIResponse(responseCode = "404", description = "No such organization, or no such open suggestion")
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
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<SuggestionResponse>> list(@Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @BeanParam PageParameters page) {
        return suggestions.list(org, page.toRequest()).map(found -> found.map(SuggestionResponse::from));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @POST
    @Path("/{id}/accept")
    @Operation(summary = "Accept a suggestion", description = "Admins and owners. Maps the identities to the "
            + "suggested person, or creates the suggested person with them.")
    @APIResponse(responseCode = "200", description = "The person the identities now belong to")
    @APIResponse(responseCode = "409", description = "The new person's key, email or user is taken meanwhile")
    @APIResponse(responseCode = "422", description = "The person would have more than 200 identities")
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
