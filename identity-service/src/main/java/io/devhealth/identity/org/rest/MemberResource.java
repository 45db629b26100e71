package io.devhealth.identity.org.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.devhealth.identity.org.service.MemberService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/members")
@Tag(name = "Members")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "No valid token")
@APIResponse(responseCode = "403", description = "Not a member, or the role lacks the permission")
@APIResponse(responseCode = "404", description = "No such organization (or member)")
public class MemberResource {

    private final MemberService members;

    MemberResource(MemberService members) {
        this.members = members;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "MEMBERS_READ")
    @GET
    @Operation(summary = "List members", description = "Members and above; by email, paginated.")
    @APIResponse(responseCode = "200", description = "A page of members")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<MemberResponse>> list(@Parameter(description = "Slug or id") @PathParam("org") String org,
            @BeanParam PageParameters page) {
        return members.list(org, page.toRequest()).map(found -> found.map(MemberResponse::from));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "MEMBERS_MANAGE")
    @POST
    @ResponseStatus(201)
    @Operation(summary = "Add a member", description = "Admins and owners add an existing user by email; only owners "
            + "may add an owner. The user's next token carries the membership.")
    @APIResponse(responseCode = "201", description = "The new member")
    @APIResponse(responseCode = "409", description = "Already a member")
    @APIResponse(responseCode = "422", description = "Missing email or unknown role")
    public Uni<MemberResponse> add(@Parameter(description = "Slug or id") @PathParam("org") String org,
            @Valid @NotNull AddMemberRequest body) {
        return members.add(org, body.email(), body.orgRole()).map(MemberResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "MEMBERS_MANAGE")
    @PATCH
    @Path("/{userId}")
    @Operation(summary = "Change a member's role", description = "Admins and owners; only owners grant or revoke "
            + "owner; the last owner cannot be demoted. Takes effect in identity at once, in the other services with "
            + "the member's next token (15 minutes at most).")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "409", description = "The last owner would be demoted")
    @APIResponse(responseCode = "422", description = "Unknown role")
    public Uni<MemberResponse> changeRole(@Parameter(description = "Slug or id") @PathParam("org") String org,
            @PathParam("userId") UUID userId, @Valid @NotNull ChangeRoleRequest body) {
        return members.changeRole(org, userId, body.orgRole()).map(MemberResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "MEMBERS_MANAGE")
    @DELETE
    @Path("/{userId}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a member", description = "Admins and owners remove members (only owners remove an "
            + "owner); anyone may remove themselves (leave). The last owner cannot be removed.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "The last owner would be removed")
    public Uni<Void> remove(@Parameter(description = "Slug or id") @PathParam("org") String org,
            @PathParam("userId") UUID userId) {
        return members.remove(org, userId);
    }
}
