package io.devhealth.identity.people.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;
import io.devhealth.identity.people.repository.PersonIdentityRepository;
import io.devhealth.identity.people.repository.PersonRepository;
import io.devhealth.identity.team.service.TeamMemberships;
import io.devhealth.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Merging two people into one and splitting one into two, for {@link PeopleService} (which checks access and holds
 * the change-feed lock). Identities are moved entity by entity, so the session never holds stale rows.
 */
@ApplicationScoped
class PersonMerges {

    private final PersonRepository people;
    private final PersonIdentityRepository identities;
    private final TeamMemberships teams;
    private final ChangeFeed feed;

    PersonMerges(PersonRepository people, PersonIdentityRepository identities, TeamMemberships teams,
            ChangeFeed feed) {
        this.people = people;
        this.identities = identities;
        this.teams = teams;
        this.feed = feed;
    }

    /** Moves {@code other}'s identities and memberships to {@code person}, fills its gaps from it, deletes it. */
    Uni<Person> merge(ChangeFeedVersion counter, Person person, Person other) {
        return identities.listForPerson(other.id).flatMap(moving -> identities.count("personId", person.id)
                .invoke(count -> requireRoom(count + moving.size(), "personId"))
                .invoke(() -> moving.forEach(identity -> identity.personId = person.id))
                .call(() -> teams.move(counter, other.id, person.id))
                // Moved before the other goes: deleting it cascades to the identities still pointing at it.
                .call(people::flush)
                .map(flushed -> new Adopted(other.personKey, other.primaryEmail, other.userId))
                .call(() -> people.delete(other))
                .call(() -> feed.deleted(counter, ChangeFeedDeletion.PERSON, other.id))
                // Gone before its key, email and user are given to the person: they are unique.
                .call(people::flush)
                .map(adopted -> {
                    adopted.fill(person);
                    person.changeVersion = counter.next();
                    return person;
                }));
    }

    /**
     * Moves the identities {@code identityIds} of {@code person} to a new person made from {@code draft} (its
     * identities are ignored; a missing display name becomes the first moved identity's name or external id).
     * Team memberships stay with {@code person}. 422 when an id is not one of the person's identities.
     */
    Uni<Person> split(ChangeFeedVersion counter, Person person, List<UUID> identityIds, PersonDraft draft) {
        return identities.listForPerson(person.id).flatMap(owned -> {
            List<PersonIdentity> moving = selected(person, owned, identityIds);
            Person created = Person.of(person.organizationId,
                    draft.displayName() != null ? draft.displayName() : defaultName(moving.getFirst()),
                    counter.next());
            created.personKey = draft.key();
            created.primaryEmail = draft.primaryEmail();
            created.userId = draft.userId();
            return people.persist(created).invoke(persisted -> {
                moving.forEach(identity -> identity.personId = created.id);
                person.changeVersion = counter.next();
            });
        });
    }

    private static List<PersonIdentity> selected(Person person, List<PersonIdentity> owned, List<UUID> identityIds) {
        Map<UUID, PersonIdentity> byId = owned.stream()
                .collect(Collectors.toMap(identity -> identity.id, Function.identity()));
        List<PersonIdentity> moving = new ArrayList<>();
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(identityIds));
        for (UUID id : distinct) {
            PersonIdentity identity = byId.get(id);
            if (identity == null) {
                throw ProblemException.invalidField("identityIds[" + identityIds.indexOf(id) + "]",
                        "is not an identity of person " + person.id);
            }
            moving.add(identity);
        }
        return moving;
    }

    private static String defaultName(PersonIdentity identity) {
        String name = identity.name != null ? identity.name : identity.externalId;
        return name.length() <= PeopleRules.NAME_MAX ? name : name.substring(0, PeopleRules.NAME_MAX);
    }

    static void requireRoom(long identityCount, String field) {
        if (identityCount > PeopleRules.IDENTITIES_PER_PERSON_MAX) {
            throw ProblemException.invalidField(field, "the person would have " + identityCount
                    + " identities; a person has at most " + PeopleRules.IDENTITIES_PER_PERSON_MAX);
        }
    }

    /** What a merged person takes from the one merged into it, where it has nothing. */
    private record Adopted(String key, String primaryEmail, UUID userId) {

        void fill(Person person) {
            if (person.personKey == null) {
                person.personKey = key;
            }
            if (person.primaryEmail == null) {
                person.primaryEmail = primaryEmail;
            }
            if (person.userId == null) {
                person.userId = userId;
            }
        }
    }
}
