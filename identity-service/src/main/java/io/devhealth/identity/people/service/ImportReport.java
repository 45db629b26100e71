package io.devhealth.identity.people.service;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an import did, or (dry run) would do: {@code POST …/people/import}. Lines are 1-based lines of the body
 * (CSV: the row; JSON: where the person object starts); {@code path} locates JSON entries ({@code [3].identities[0]}).
 */
public record ImportReport(
        @Schema(description = "Whether this was a dry run (nothing written)", examples = "true") boolean dryRun,
        @Schema(description = "Whether the changes were written", examples = "false") boolean applied,
        @Schema(enumeration = { "csv", "json" }, examples = "csv") String format,
        @Schema(description = "Rows read (CSV data rows; JSON identities, or persons without any)", examples = "3")
        int rows,
        Summary summary,
        @Schema(description = "People created or updated (unchanged ones are only counted)")
        List<PersonChange> people,
        @Schema(description = "Every conflict; with onConflict=skip these rows' conflicting parts were skipped")
        List<Conflict> conflicts,
        @Schema(description = "Invalid rows; any of them makes a real import fail with 422")
        List<RowError> errors,
        @Schema(description = "The organization's change-feed version after the import (unchanged when the import "
                + "changed nothing); null for a dry run", examples = "42")
        Long version) {

    @Schema(name = "ImportSummary", description = "Counts")
    public record Summary(
            @Schema(examples = "1") int peopleCreated,
            @Schema(examples = "1") int peopleUpdated,
            @Schema(examples = "5") int peopleUnchanged,
            @Schema(examples = "2") int identitiesAdded,
            @Schema(description = "Identities whose name the file changed", examples = "0") int identitiesUpdated,
            @Schema(examples = "9") int identitiesUnchanged,
            @Schema(examples = "1") int conflicts,
            @Schema(examples = "0") int errors) {
    }

    @Schema(name = "ImportPersonChange", description = "A person the import creates or changes")
    public record PersonChange(
            @Schema(description = "The person's first line", examples = "2") int line,
            @Schema(examples = "E1042") String key,
            @Schema(enumeration = { "create", "update" }, examples = "create") String action,
            @Schema(description = "The existing (update) or new person's id; null for a create in a dry run")
            UUID personId,
            @Schema(description = "Fields that change", examples = "[\"displayName\"]") List<String> fields,
            @Schema(examples = "2") int identitiesAdded) {
    }

    @Schema(name = "ImportConflict", description = "A row the import cannot apply as stated")
    public record Conflict(
            @Schema(examples = "7") int line,
            @Schema(description = "JSON only", examples = "[3].identities[0]") String path,
            @Schema(enumeration = { "mapped-to-other-person", "duplicate-in-file", "inconsistent-person",
                    "primary-email-taken" }, examples = "mapped-to-other-person")
            String kind,
            @Schema(description = "The row's person key", examples = "E1042") String key,
            @Schema(examples = "github") String provider,
            @Schema(examples = "octocat") String externalId,
            @Schema(description = "duplicate-in-file, inconsistent-person: the line it clashes with", examples = "3")
            Integer firstLine,
            @Schema(description = "mapped-to-other-person, primary-email-taken: the person that has it")
            UUID personId,
            @Schema(examples = "github identity 'octocat' is already mapped to person 'Mona' (…)") String detail) {
    }

    @Schema(name = "ImportRowError", description = "An invalid value")
    public record RowError(
            @Schema(examples = "9") int line,
            @Schema(description = "The CSV column or the JSON path", examples = "external_id") String field,
            @Schema(examples = "must be a GitHub login: 1–39 letters, digits or hyphens, not starting with a hyphen")
            String message) {
    }
}
