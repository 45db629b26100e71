package io.devhealth.identity.credential.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.devhealth.identity.credential.service.CredentialService;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageParameters;
import io.smallrye.mutiny.Uni;

/**
 * An organization's integration credentials (provider tokens, passwords, keys). Admins and owners only
 * (CREDENTIALS_READ, CREDENTIALS_MANAGE). Secrets go in, never out: responses carry metadata and a fingerprint.
 */
@Path("/api/v1/identity/orgs/{org}/credentials")
@Tag(name = "Credentials")
@RolesAllowed(OrgClaims.USER_GROUP)
@APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
@APIResponse(responseCode = "403", description = "The caller is not an admin or owner of the organization")
@APIResponse(responseCode = "404", description = "No such organization, or no such credential in it")
public class CredentialResource {

    static final String PAGINATION = " Offset pagination: ?limit= (1–200, default 50) and ?offset= (default 0); "
            + "the page carries limit, offset and total.";

    private final CredentialService credentials;

    CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "CREDENTIALS_MANAGE")
    @POST
    @Operation(summary = "Create a credential", description = "Admins and owners. The secret is encrypted at once "
            + "(AES-256-GCM under its own data key, wrapped by the master key) and never returned.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = CredentialResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON or a field has the wrong type")
    @APIResponse(responseCode = "409", description = "The organization has a credential of that provider and name")
    @APIResponse(responseCode = "422", description = "Missing or blank field, unknown provider, secret over 16 KiB, "
            + "NUL characters, metadata not a flat object of strings")
    public Uni<RestResponse<CredentialResponse>> create(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Valid @NotNull CreateCredentialRequest body) {
        return credentials.create(org, body.toNew())
                .map(CredentialResponse::from)
                .map(created -> RestResponse.ResponseBuilder.<CredentialResponse>created(
                                URI.create("/api/v1/identity/orgs/" + org + "/credentials/" + created.id()))
                        .entity(created)
                        .build());
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "CREDENTIALS_READ")
    @GET
    @Operation(summary = "List the organization's credentials", description = "Admins and owners; by name; "
            + "metadata only." + PAGINATION)
    @APIResponse(responseCode = "200", description = "A page of credentials")
    @APIResponse(responseCode = "400", description = "limit or offset is not an integer")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<CredentialResponse>> list(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @BeanParam PageParameters page) {
        return credentials.list(org, page.toRequest()).map(found -> found.map(CredentialResponse::from));
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "CREDENTIALS_READ")
    @GET
    @Path("/{id}")
    @Operation(summary = "Get a credential", description = "Admins and owners; metadata only.")
    @APIResponse(responseCode = "200", description = "The credential",
            content = @Content(schema = @Schema(implementation = CredentialResponse.class)))
    public Uni<CredentialResponse> get(@PathParam("org") String org, @PathParam("id") UUID id) {
        return credentials.get(org, id).map(CredentialResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "CREDENTIALS_MANAGE")
    @PUT
    @Path("/{id}/secret")
    @Operation(summary = "Replace a credential's secret", description = "Admins and owners. The new secret gets a "
            + "new data key under the current master key; the fingerprint changes.")
    @APIResponse(responseCode = "200", description = "The credential, with its new fingerprint",
            content = @Content(schema = @Schema(implementation = CredentialResponse.class)))
    @APIResponse(responseCode = "400", description = "The body is not JSON or the secret is not a string")
    @APIResponse(responseCode = "422", description = "Missing or blank secret, over 16 KiB, or with NUL characters")
    public Uni<CredentialResponse> replaceSecret(@PathParam("org") String org, @PathParam("id") UUID id,
            @Valid @NotNull ReplaceSecretRequest body) {
        return credentials.replaceSecret(org, id, body.secret()).map(CredentialResponse::from);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "CREDENTIALS_MANAGE")
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a credential", description = "Admins and owners. Refused while a sync "
            + "configuration uses it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Sync configurations use it; the problem names them")
    public Uni<Void> delete(@PathParam("org") String org, @PathParam("id") UUID id) {
        return credentials.delete(org, id);
    }

    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "CREDENTIALS_READ")
    @GET
    @Path("/{id}/reads")
    @Operation(summary = "List the audited reads of a credential's secret",
            description = "Admins and owners; newest first: which service read the secret, when, for which sync run."
                    + PAGINATION)
    @APIResponse(responseCode = "200", description = "A page of reads")
    @APIResponse(responseCode = "400", description = "limit or offset is not an integer")
    @APIResponse(responseCode = "422", description = "limit or offset out of range")
    public Uni<Page<CredentialReadResponse>> reads(@PathParam("org") String org, @PathParam("id") UUID id,
            @BeanParam PageParameters page) {
        return credentials.reads(org, id, page.toRequest()).map(found -> found.map(CredentialReadResponse::from));
    }
}
