package io.devhealth.identity.people.rest;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.devhealth.identity.people.service.ImportPerson;
import io.devhealth.identity.people.service.ImportReport;
import io.devhealth.identity.people.service.PeopleImportService;
import io.devhealth.identity.people.service.PeopleImportService.OnConflict;
import io.devhealth.support.auth.OrgClaims;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/identity/orgs/{org}/people/import")
@Tag(name = "People")
@RolesAllowed(OrgClaims.USER_GROUP)
public class PeopleImportResource {

    static final String CSV = "text/csv";
    private static final String CSV_EXAMPLE = """
            person_key,display_name,email,provider,external_id,identity_name
            E1042,Jane Doe,jane@acme.io,git,jane@acme.io,Jane Doe
            E1042,Jane Doe,,github,janedoe,
            E2001,Mona Lisa,,,,
            """;
    private static final String JSON_EXAMPLE = """
            [{"key": "E1042", "displayName": "Jane Doe", "primaryEmail": "jane@acme.io",
              "identities": [{"provider": "git", "externalId": "jane@acme.io", "name": "Jane Doe"},
                             {"provider": "github", "externalId": "janedoe"}]},
             {"key": "E2001", "displayName": "Mona Lisa"}]""";

    private final PeopleImportService imports;

    PeopleImportResource(PeopleImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, CSV })
    @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "PEOPLE_MANAGE")
    @Operation(summary = "Import people and identities", description = """
            Admins and owners. JSON (an array of people with their identities) or CSV (text/csv, UTF-8, a header \
            row, one identity per row; columns person_key, display_name, provider, external_id and optionally \
            email — the person's primary email — and identity_name; a row with empty provider and external_id \
            states only the person). At most 5 MiB and 50,000 rows.

            People are matched by key (case-insensitively) and created or updated (display name; primary email \
            when given); identities are added (their name updated); nothing is removed. A dry run reports what \
            would change, every conflict and every invalid value, with line numbers, and writes nothing. A real \
            import is one transaction: invalid rows refuse it (422), conflicts refuse it (409) unless \
            onConflict=skip leaves them out. Importing the same file again changes nothing.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ImportPerson.class),
                    examples = @ExampleObject(name = "people", value = JSON_EXAMPLE)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "rows", value = CSV_EXAMPLE)) })
    @APIResponse(responseCode = "200", description = "The report (dry run: what would happen)")
    @APIResponse(responseCode = "400", description = "Not valid JSON or CSV (unterminated quote, bad header), not "
            + "UTF-8, wrong member types", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, malformed, expired or foreign-signed token")
    @APIResponse(responseCode = "403", description = "Not an admin or owner of the organization")
    @APIResponse(responseCode = "404", description = "No such organization")
    @APIResponse(responseCode = "409", description = "Real import with conflicts and onConflict=fail: nothing "
            + "imported", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "content-too-large: more than 5 MiB or 50,000 rows")
    @APIResponse(responseCode = "415", description = "Neither application/json nor text/csv")
    @APIResponse(responseCode = "422", description = "Real import with invalid rows (listed as violations: "
            + "\"line 7: external_id\" or \"[3].identities[0].externalId (line 12)\"); a bad query parameter")
    public Uni<ImportReport> importPeople(
            @Parameter(description = "Organization slug or id") @PathParam("org") String org,
            @Parameter(description = "Report only; write nothing") @QueryParam("dryRun") @DefaultValue("false")
            boolean dryRun,
            @Parameter(description = "fail: refuse an import with conflicts; skip: import the rest",
                    schema = @Schema(enumeration = { "fail", "skip" }))
            @QueryParam("onConflict") @DefaultValue("fail") @Pattern(regexp = "fail|skip", message = "must be fail or skip")
            String onConflict,
            @Context HttpHeaders headers,
            @NotNull byte[] body) {
        boolean csv = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(CSV));
        return dryRun ? imports.dryRun(org, body, csv)
                : imports.apply(org, body, csv, OnConflict.valueOf(onConflict.toUpperCase(Locale.ROOT)));
    }
}
