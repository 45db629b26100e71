package io.devhealth.identity.people.service;

import java.util.List;

import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;

/**
 * What an import would change, computed from the file and the organization's current people by
 * {@link ImportPlanner}: the same plan is reported by a dry run and applied by a real import. Conflicting parts
 * of rows are already left out of it (that is what {@code onConflict=skip} applies).
 */
record ImportPlan(String format, int rows, List<PersonPlan> people, List<ImportReport.Conflict> conflicts,
        List<ImportReport.RowError> errors) {

    /**
     * One person of the file.
     *
     * @param existing the person with this key, or null to create one
     * @param fields the fields that change (for a new person: none)
     */
    record PersonPlan(int line, String key, Person existing, String displayName, String primaryEmail,
            List<String> fields, List<ImportRow> added, List<Rename> renamed, int unchanged) {

        boolean creates() {
            return existing == null;
        }

        boolean changes() {
            return creates() || !fields.isEmpty() || !added.isEmpty() || !renamed.isEmpty();
        }
    }

    /** A mapped identity whose name the file changes. */
    record Rename(PersonIdentity identity, String name) {
    }

    boolean changesAnything() {
        return people.stream().anyMatch(PersonPlan::changes);
    }

    ImportReport.Summary summary() {
        int created = 0;
        int updated = 0;
        int added = 0;
        int renamed = 0;
        int unchanged = 0;
        for (PersonPlan person : people) {
            created += person.creates() ? 1 : 0;
            updated += !person.creates() && person.changes() ? 1 : 0;
            added += person.added().size();
            renamed += person.renamed().size();
            unchanged += person.unchanged();
        }
        return new ImportReport.Summary(created, updated, people.size() - created - updated, added, renamed,
                unchanged, conflicts.size(), errors.size());
    }
}
