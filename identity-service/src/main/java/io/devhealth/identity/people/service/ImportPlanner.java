package io.devhealth.identity.people.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;

/**
 * Turns an import file into an {@link ImportPlan}: checks every row, groups rows by person key, and compares them
 * with the organization's people. Pure: the lookups come in as {@link Existing}.
 *
 * <p>Imports only add: people are created or updated (display name; primary email when given) and identities
 * added (or renamed); nothing is removed. Conflicts: an identity mapped to another person
 * ({@code mapped-to-other-person}), the same identity or primary email twice in the file ({@code duplicate-in-file}),
 * rows of one person that disagree on its name or email ({@code inconsistent-person}), a primary email of another
 * person ({@code primary-email-taken}).
 */
final class ImportPlanner {

    static final String MAPPED_TO_OTHER_PERSON = "mapped-to-other-person";
    static final String DUPLICATE_IN_FILE = "duplicate-in-file";
    static final String INCONSISTENT_PERSON = "inconsistent-person";
    static final String PRIMARY_EMAIL_TAKEN = "primary-email-taken";

    /**
     * The organization's current state for the file's rows.
     *
     * @param byKey people by lower-cased key
     * @param byEmail people by lower-cased primary email
     * @param identities mapped identities by {@link IdentityDraft#matchKey()}
     * @param people the people the identities belong to, by id
     * @param identityCounts how many identities the people of {@code byKey} have
     */
    record Existing(Map<String, Person> byKey, Map<String, Person> byEmail, Map<String, PersonIdentity> identities,
            Map<UUID, Person> people, Map<UUID, Long> identityCounts) {
    }

    private final List<ImportReport.Conflict> conflicts = new ArrayList<>();
    private final List<ImportReport.RowError> errors = new ArrayList<>();

    private ImportPlanner(List<ImportReport.RowError> readErrors) {
        errors.addAll(readErrors);
    }

    static ImportPlan plan(ImportInput input, Existing existing) {
        ImportPlanner planner = new ImportPlanner(input.errors());
        List<ImportRow> valid = input.rows().stream().filter(planner::check).toList();
        Map<String, Group> groups = planner.group(valid);
        planner.requireDistinctEmails(groups);
        List<ImportPlan.PersonPlan> people = new ArrayList<>();
        for (Group group : groups.values()) {
            people.add(planner.plan(group, existing));
        }
        planner.errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        planner.conflicts.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new ImportPlan(input.format(), input.rows().size() + input.errors().size(), people,
                List.copyOf(planner.conflicts), List.copyOf(planner.errors));
    }

    /** A match key ({@code provider:lower-cased id}) of a valid row's identity. */
    static String matchKey(ImportRow row) {
        return row.provider() + ":" + row.externalId().toLowerCase(Locale.ROOT);
    }

    /** Records the row's invalid values as errors; whether it has none. */
    private boolean check(ImportRow row) {
        int before = errors.size();
        PeopleRules.keyProblem(row.key()).ifPresent(p -> error(row, row.personField("key", "person_key"), p));
        PeopleRules.displayNameProblem(row.displayName())
                .ifPresent(p -> error(row, row.personField("displayName", "display_name"), p));
        PeopleRules.emailProblem(row.primaryEmail())
                .ifPresent(p -> error(row, row.personField("primaryEmail", "email"), p));
        if (row.hasIdentity()) {
            String providerField = row.identityField("provider", "provider");
            IdentityProvider provider = row.provider() == null ? null
                    : IdentityProvider.parse(row.provider()).orElse(null);
            if (row.provider() == null) {
                error(row, providerField, "required with an external id");
            } else if (provider == null) {
                error(row, providerField, PeopleRules.PROVIDER_RULE);
            } else {
                PeopleRules.externalIdProblem(provider, row.externalId())
                        .ifPresent(p -> error(row, row.identityField("externalId", "external_id"), p));
            }
            PeopleRules.nameProblem(row.name()).ifPresent(p -> error(row, row.identityField("name", "identity_name"), p));
            PeopleRules.emailProblem(row.email()).ifPresent(p -> error(row, row.identityField("email", "email"), p));
        }
        return errors.size() == before;
    }

    /** Groups rows by person key in file order; later rows that disagree with the first, or repeat an identity, conflict. */
    private Map<String, Group> group(List<ImportRow> rows) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, Integer> identityLines = new HashMap<>();
        for (ImportRow row : rows) {
            Group group = groups.get(lower(row.key()));
            if (group == null) {
                groups.put(lower(row.key()), group = new Group(row));
            } else {
                group.merge(row, this);
            }
            if (row.hasIdentity()) {
                Integer first = identityLines.putIfAbsent(matchKey(row), row.line());
                if (first != null) {
                    conflict(row, DUPLICATE_IN_FILE, first, null, row.provider() + " identity '" + row.externalId()
                            + "' is already in the file on line " + first);
                } else {
                    group.identities.add(row);
                }
            }
        }
        return groups;
    }

    /** A primary email stated for two people of the file: the later one is a conflict (and is not set). */
    private void requireDistinctEmails(Map<String, Group> groups) {
        Map<String, Group> byEmail = new HashMap<>();
        for (Group group : groups.values()) {
            if (group.primaryEmail == null) {
                continue;
            }
            Group first = byEmail.putIfAbsent(lower(group.primaryEmail), group);
            if (first != null) {
                conflicts.add(new ImportReport.Conflict(group.emailRow.line(), group.emailRow.personPath(),
                        DUPLICATE_IN_FILE, group.key, null, null, first.emailRow.line(), null, "primary email '"
                                + group.primaryEmail + "' is also given to person '" + first.key + "' on line "
                                + first.emailRow.line()));
                group.primaryEmail = null;
            }
        }
    }

    private ImportPlan.PersonPlan plan(Group group, Existing existing) {
        Person person = existing.byKey().get(lower(group.key));
        String email = group.primaryEmail;
        Person holder = email == null ? null : existing.byEmail().get(lower(email));
        if (holder != null && (person == null || !holder.id.equals(person.id))) {
            conflicts.add(new ImportReport.Conflict(group.emailRow.line(), group.emailRow.personPath(),
                    PRIMARY_EMAIL_TAKEN, group.key, null, null, null, holder.id, "primary email '" + email
                            + "' belongs to person '" + holder.displayName + "' (" + holder.id + ")"));
            email = null;
        }
        List<String> fields = new ArrayList<>();
        if (person != null && !person.displayName.equals(group.displayName)) {
            fields.add("displayName");
        }
        if (person != null && email != null && !email.equals(person.primaryEmail)) {
            fields.add("primaryEmail");
        }
        List<ImportRow> added = new ArrayList<>();
        List<ImportPlan.Rename> renamed = new ArrayList<>();
        int unchanged = 0;
        for (ImportRow row : group.identities) {
            PersonIdentity mapped = existing.identities().get(matchKey(row));
            if (mapped == null) {
                added.add(row);
            } else if (person != null && mapped.personId.equals(person.id)) {
                if (row.name() != null && !row.name().equals(mapped.name)) {
                    renamed.add(new ImportPlan.Rename(mapped, row.name()));
                } else {
                    unchanged++;
                }
            } else {
                Person owner = existing.people().get(mapped.personId);
                conflict(row, MAPPED_TO_OTHER_PERSON, null, mapped.personId, row.provider() + " identity '"
                        + row.externalId() + "' is already mapped to person '"
                        + (owner == null ? "?" : owner.displayName) + "' (" + mapped.personId + ")");
            }
        }
        requireRoom(group, person, added, existing);
        return new ImportPlan.PersonPlan(group.line, group.key, person, group.displayName, email, fields, added,
                renamed, unchanged);
    }

    /** An error on the first identity beyond a person's bound. */
    private void requireRoom(Group group, Person person, List<ImportRow> added, Existing existing) {
        long current = person == null ? 0 : existing.identityCounts().getOrDefault(person.id, 0L);
        long room = PeopleRules.IDENTITIES_PER_PERSON_MAX - current;
        if (added.size() > room) {
            ImportRow first = added.get((int) Math.max(0, room));
            error(first, first.identityField("externalId", "external_id"), "person '" + group.key + "' would have "
                    + (current + added.size()) + " identities; a person has at most "
                    + PeopleRules.IDENTITIES_PER_PERSON_MAX);
        }
    }

    private void error(ImportRow row, String field, String message) {
        errors.add(new ImportReport.RowError(row.line(), field, message));
    }

    private void conflict(ImportRow row, String kind, Integer firstLine, UUID personId, String detail) {
        conflicts.add(new ImportReport.Conflict(row.line(), row.path(), kind, row.key(), row.provider(),
                row.externalId(), firstLine, personId, detail));
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** The rows of one person key: its first row's values and its distinct identities. */
    private static final class Group {

        final int line;
        final String key;
        final String displayName;
        final List<ImportRow> identities = new ArrayList<>();
        String primaryEmail;
        ImportRow emailRow;

        Group(ImportRow first) {
            line = first.line();
            key = first.key();
            displayName = first.displayName();
            primaryEmail = first.primaryEmail();
            emailRow = first;
        }

        /** Takes a later row of the person: a missing email is filled in, disagreements conflict. */
        void merge(ImportRow row, ImportPlanner planner) {
            if (!displayName.equals(row.displayName())) {
                planner.conflict(row, INCONSISTENT_PERSON, line, null, "display name '" + row.displayName()
                        + "' differs from '" + displayName + "' on line " + line);
            }
            if (row.primaryEmail() == null) {
                return;
            }
            if (primaryEmail == null) {
                primaryEmail = row.primaryEmail();
                emailRow = row;
            } else if (!Objects.equals(lower(primaryEmail), lower(row.primaryEmail()))) {
                planner.conflict(row, INCONSISTENT_PERSON, emailRow.line(), null, "primary email '"
                        + row.primaryEmail() + "' differs from '" + primaryEmail + "' on line " + emailRow.line());
            }
        }
    }
}
