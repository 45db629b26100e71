package io.devhealth.identity.people.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;
import io.devhealth.identity.people.repository.Chunks;
import io.devhealth.identity.people.repository.PersonIdentityRepository;
import io.devhealth.identity.people.repository.PersonRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Bulk import of people and identities (CSV or JSON; see {@link CsvImportReader}, {@link JsonImportReader},
 * {@link ImportPlanner}). A dry run reports the plan and writes nothing; a real import applies it in one transaction
 * holding the organization's change-feed lock (all changes carry one version), refuses invalid rows (422) and, unless
 * told to skip them, conflicts (409). Importing the same file twice changes nothing the second time, the change-feed
 * version included. Needs {@link OrgPermission#PEOPLE_MANAGE}, dry runs included.
 */
@ApplicationScoped
public class PeopleImportService {

    /** Entities persisted and flushed per step of a real import. */
    private static final int WRITE_SLICE = 500;
    /** How many rows a refusal lists; the dry run lists all. */
    private static final int LISTED = 100;

    /** What to do with conflicting rows in a real import. */
    public enum OnConflict {
        /** Refuse the whole import (409). */
        FAIL,
        /** Import everything else; the report lists what was skipped. */
        SKIP
    }

    private final OrgAccess access;
    private final ChangeFeed feed;
    private final PersonRepository people;
    private final PersonIdentityRepository identities;
    private final JsonImportReader json;

    PeopleImportService(OrgAccess access, ChangeFeed feed, PersonRepository people,
            PersonIdentityRepository identities, JsonImportReader json) {
        this.access = access;
        this.feed = feed;
        this.people = people;
        this.identities = identities;
        this.json = json;
    }

    /** The plan of importing {@code body} ({@code csv}: text/csv, else JSON), written nowhere. */
    @WithSession
    public Uni<ImportReport> dryRun(String orgRef, byte[] body, boolean csv) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                // Nothing is written: no snapshots of the (possibly 100,000) entities the plan loads.
                .call(granted -> Panache.getSession().invoke(session -> session.setDefaultReadOnly(true)))
                .flatMap(granted -> plan(granted.organization().id, read(body, csv)))
                .map(plan -> report(plan, true, false, Map.of(), null));
    }

    /** Imports {@code body}; see the class comment for the refusals. */
    @WithTransaction
    public Uni<ImportReport> apply(String orgRef, byte[] body, boolean csv, OnConflict onConflict) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> plan(counter.organizationId, read(body, csv))
                        .invoke(plan -> refuseUnless(plan, onConflict))
                        .flatMap(plan -> write(counter, plan)
                                .call(created -> people.flush())
                                .map(created -> report(plan, false, true, created, counter.version))))
                .onFailure().transform(PeopleConflicts::translate);
    }

    private ImportInput read(byte[] body, boolean csv) {
        if (body.length > ImportInput.MAX_BYTES) {
            throw ProblemException.contentTooLarge("an import body holds at most " + ImportInput.MAX_BYTES
                    + " bytes (5 MiB)");
        }
        return csv ? CsvImportReader.read(body) : json.read(body);
    }

    /** Looks up what the file's rows refer to and plans the import. */
    private Uni<ImportPlan> plan(UUID organizationId, ImportInput input) {
        Set<String> keys = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Map<IdentityProvider, Set<String>> externalIds = new HashMap<>();
        for (ImportRow row : input.rows()) {
            if (row.key() != null) {
                keys.add(row.key().toLowerCase(Locale.ROOT));
            }
            if (row.primaryEmail() != null) {
                emails.add(row.primaryEmail().toLowerCase(Locale.ROOT));
            }
            if (row.provider() != null && row.externalId() != null) {
                IdentityProvider.parse(row.provider()).ifPresent(provider -> externalIds
                        .computeIfAbsent(provider, p -> new HashSet<>()).add(row.externalId().toLowerCase(Locale.ROOT)));
            }
        }
        return people.listByKeys(organizationId, keys).flatMap(byKey -> people.listByPrimaryEmails(organizationId, emails)
                .flatMap(byEmail -> mapped(organizationId, externalIds).flatMap(mapped -> {
                    Map<UUID, Person> known = new HashMap<>();
                    byKey.forEach(person -> known.put(person.id, person));
                    byEmail.forEach(person -> known.put(person.id, person));
                    Map<String, Person> keyed = byLowerCase(byKey, person -> person.personKey);
                    return people.listByIds(organizationId, mapped.values().stream().map(identity -> identity.personId)
                                    .filter(id -> !known.containsKey(id)).collect(Collectors.toSet()))
                            .invoke(owners -> owners.forEach(person -> known.put(person.id, person)))
                            .flatMap(owners -> identities.countByPerson(growing(input, keyed, mapped)))
                            .map(counts -> ImportPlanner.plan(input, new ImportPlanner.Existing(keyed,
                                    byLowerCase(byEmail, person -> person.primaryEmail), mapped, known, counts)));
                })));
    }

    /** The existing people the file gives identities they do not have yet: the ones whose bound matters. */
    private static Set<UUID> growing(ImportInput input, Map<String, Person> keyed, Map<String, PersonIdentity> mapped) {
        Set<UUID> growing = new HashSet<>();
        for (ImportRow row : input.rows()) {
            Person person = row.key() == null ? null : keyed.get(row.key().toLowerCase(Locale.ROOT));
            if (person != null && row.externalId() != null && row.provider() != null
                    && IdentityProvider.parse(row.provider()).isPresent()
                    && !mapped.containsKey(ImportPlanner.matchKey(row))) {
                growing.add(person.id);
            }
        }
        return growing;
    }

    /** The organization's identities among {@code externalIds}, by match key. */
    private Uni<Map<String, PersonIdentity>> mapped(UUID organizationId, Map<IdentityProvider, Set<String>> externalIds) {
        Map<String, PersonIdentity> mapped = new HashMap<>();
        Uni<Void> lookups = Uni.createFrom().voidItem();
        for (Map.Entry<IdentityProvider, Set<String>> provider : externalIds.entrySet()) {
            lookups = lookups.call(() -> identities.listByExternalIds(organizationId, provider.getKey(), provider.getValue())
                    .invoke(found -> found.forEach(identity -> mapped.put(new IdentityDraft(identity.provider,
                            identity.externalId, null, null).matchKey(), identity))));
        }
        return lookups.map(done -> mapped);
    }

    /** 422 for invalid rows; 409 for conflicts unless they are to be skipped. Each lists the first rows. */
    private static void refuseUnless(ImportPlan plan, OnConflict onConflict) {
        if (!plan.errors().isEmpty()) {
            throw ProblemException.invalid(plan.errors().stream().limit(LISTED)
                    .map(error -> new Problem.Violation(location(error.line(), error.field(), plan.format()),
                            error.message()))
                    .toList());
        }
        if (!plan.conflicts().isEmpty() && onConflict == OnConflict.FAIL) {
            throw ProblemException.conflict(plan.conflicts().size() + " row(s) conflict with existing people or "
                    + "with each other (first: line " + plan.conflicts().getFirst().line() + ": "
                    + plan.conflicts().getFirst().detail() + "); nothing was imported. Run with dryRun=true to "
                    + "see them all, or import with onConflict=skip to leave them out.");
        }
    }

    /** Writes the plan with one version; the people it created, by plan. */
    private Uni<Map<ImportPlan.PersonPlan, Person>> write(ChangeFeedVersion counter, ImportPlan plan) {
        Map<ImportPlan.PersonPlan, Person> created = new HashMap<>();
        for (ImportPlan.PersonPlan person : plan.people()) {
            if (person.creates()) {
                Person added = Person.of(counter.organizationId, person.displayName(), counter.next());
                added.personKey = person.key();
                added.primaryEmail = person.primaryEmail();
                created.put(person, added);
            } else if (person.changes()) {
                update(person, counter.next());
            }
        }
        return insert(List.copyOf(created.values()))
                .flatMap(done -> {
                    List<PersonIdentity> added = new ArrayList<>();
                    for (ImportPlan.PersonPlan person : plan.people()) {
                        Person owner = person.creates() ? created.get(person) : person.existing();
                        for (ImportRow row : person.added()) {
                            added.add(PersonIdentity.of(owner, IdentityProvider.parse(row.provider()).orElseThrow(),
                                    row.externalId(), row.name(), row.email()));
                        }
                    }
                    return insert(added);
                })
                .replaceWith(created);
    }

    /**
     * Inserts new entities slice by slice, each flushed and then detached: no single step holds the event loop for
     * the whole file, and later flushes do not check the rows already written again.
     */
    private static Uni<Void> insert(List<?> entities) {
        return Chunks.write(entities, WRITE_SLICE, slice -> Panache.getSession().flatMap(session -> session
                .persistAll(slice.toArray())
                .call(session::flush)
                .invoke(() -> slice.forEach(session::detach))));
    }

    private static void update(ImportPlan.PersonPlan person, long version) {
        Person existing = person.existing();
        if (person.fields().contains("displayName")) {
            existing.displayName = person.displayName();
        }
        if (person.fields().contains("primaryEmail")) {
            existing.primaryEmail = person.primaryEmail();
        }
        person.renamed().forEach(rename -> rename.identity().name = rename.name());
        existing.changeVersion = version;
    }

    private static ImportReport report(ImportPlan plan, boolean dryRun, boolean applied,
            Map<ImportPlan.PersonPlan, Person> created, Long version) {
        List<ImportReport.PersonChange> changes = plan.people().stream().filter(ImportPlan.PersonPlan::changes)
                .map(person -> new ImportReport.PersonChange(person.line(), person.key(),
                        person.creates() ? "create" : "update",
                        person.creates() ? (created.containsKey(person) ? created.get(person).id : null)
                                : person.existing().id,
                        person.fields(), person.added().size()))
                .toList();
        return new ImportReport(dryRun, applied, plan.format(), plan.rows(), plan.summary(), changes,
                plan.conflicts(), plan.errors(), version);
    }

    private static String location(int line, String field, String format) {
        return format.equals("csv") ? "line " + line + ": " + field : field + " (line " + line + ")";
    }

    /** {@code found} by the lower-cased value of {@code key} (people without one are left out). */
    private static Map<String, Person> byLowerCase(Collection<Person> found, Function<Person, String> key) {
        Map<String, Person> index = new HashMap<>();
        for (Person person : found) {
            String value = key.apply(person);
            if (value != null) {
                index.put(value.toLowerCase(Locale.ROOT), person);
            }
        }
        return index;
    }
}
