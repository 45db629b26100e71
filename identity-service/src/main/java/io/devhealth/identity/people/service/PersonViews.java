package io.devhealth.identity.people.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;
import io.devhealth.identity.people.repository.PersonIdentityRepository;
import io.smallrye.mutiny.Uni;

/** People with their identities (by provider, then external id), as every people endpoint answers them. */
@ApplicationScoped
public class PersonViews {

    private static final Comparator<PersonIdentity> IDENTITY_ORDER = Comparator
            .<PersonIdentity, String>comparing(identity -> identity.provider.apiName())
            .thenComparing(identity -> identity.externalId);

    private final PersonIdentityRepository identities;

    PersonViews(PersonIdentityRepository identities) {
        this.identities = identities;
    }

    public Uni<PersonView> of(Person person) {
        return of(List.of(person)).map(List::getFirst);
    }

    /** {@code people} with their identities, in the same order; one query for all of them. */
    public Uni<List<PersonView>> of(List<Person> people) {
        return identities.listForPeople(people.stream().map(person -> person.id).toList()).map(all -> {
            Map<UUID, List<PersonIdentity>> byPerson = new HashMap<>();
            all.forEach(identity -> byPerson.computeIfAbsent(identity.personId, k -> new ArrayList<>()).add(identity));
            return people.stream().map(person -> {
                List<PersonIdentity> owned = byPerson.getOrDefault(person.id, new ArrayList<>());
                owned.sort(IDENTITY_ORDER);
                return new PersonView(person, List.copyOf(owned));
            }).toList();
        });
    }
}
