package io.devhealth.identity.people.service;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.people.ObservedIdentity;
import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;
import io.devhealth.identity.people.RejectedSuggestion;
import io.devhealth.identity.people.repository.PersonIdentityRepository;
import io.devhealth.identity.people.repository.PersonRepository;
import io.devhealth.identity.people.repository.RejectedSuggestionRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Mapping suggestions for unmapped identities (computed by {@link SuggestionFinder}): members read them, admins and
 * owners accept (the identities are mapped) or reject them (never suggested again). Accepting holds the change-feed
 * lock and recomputes the suggestion first, so it applies to the current state or answers 404.
 */
@ApplicationScoped
public class SuggestionService {

    private final OrgAccess access;
    private final SuggestionFinder finder;
    private final ChangeFeed feed;
    private final PersonRepository people;
    private final PersonIdentityRepository identities;
    private final RejectedSuggestionRepository rejections;
    private final PersonViews views;

    SuggestionService(OrgAccess access, SuggestionFinder finder, ChangeFeed feed, PersonRepository people,
            PersonIdentityRepository identities, RejectedSuggestionRepository rejections, PersonViews views) {
        this.access = access;
        this.finder = finder;
        this.feed = feed;
        this.people = people;
        this.identities = identities;
        this.rejections = rejections;
        this.views = views;
    }

    /** One page of the organization's open suggestions, most confident first. */
    @WithSession
    public Uni<Page<Suggestion>> list(String orgRef, PageRequest page) {
        return access.require(orgRef, OrgPermission.PEOPLE_READ)
                .flatMap(granted -> finder.find(granted.organization().id))
                .map(all -> Page.of(all.stream().skip(page.offset()).limit(page.limit()).toList(), page, all.size()));
    }

    /** Maps the suggestion's identities: to its person, or to a new person; returns that person. */
    @WithTransaction
    public Uni<PersonView> accept(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> open(counter.organizationId, id).flatMap(suggestion -> target(counter, suggestion)
                        .call(person -> identities.count("personId", person.id).invoke(count ->
                                PersonMerges.requireRoom(count + suggestion.identities().size(), "identities")))
                        .call(person -> identities.persistAll(suggestion.identities().stream()
                                .map(observed -> mapped(person, observed)).toList()))
                        .invoke(person -> person.changeVersion = counter.next())))
                .call(person -> people.flush())
                .onFailure().transform(PeopleConflicts::translate)
                .flatMap(views::of);
    }

    /**
     * Rejects the suggestion for good; rejecting it again is a 404 (it is no longer open), two rejections racing
     * a 409 for the second.
     */
    @WithTransaction
    public Uni<Void> reject(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> open(granted.organization().id, id)
                        .flatMap(suggestion -> rejections.persistAndFlush(RejectedSuggestion.of(
                                granted.organization().id, suggestion.id(), suggestion.fingerprint(),
                                granted.caller().id))))
                .replaceWithVoid();
    }

    private Uni<Suggestion> open(UUID organizationId, UUID id) {
        return finder.find(organizationId)
                .map(all -> all.stream().filter(suggestion -> suggestion.id().equals(id)).findFirst().orElse(null))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "suggestion " + id + " does not exist or no longer applies"));
    }

    /** The suggestion's person, or a new one made from it. */
    private Uni<Person> target(ChangeFeedVersion counter, Suggestion suggestion) {
        if (suggestion.kind() == Suggestion.Kind.ADD_TO_PERSON) {
            return Uni.createFrom().item(suggestion.person());
        }
        Person person = Person.of(counter.organizationId, suggestion.displayName(), counter.next());
        person.userId = suggestion.userId();
        String email = suggestion.primaryEmail();
        Uni<Boolean> emailFree = email == null ? Uni.createFrom().item(false)
                : people.listByPrimaryEmails(counter.organizationId, List.of(email.toLowerCase(Locale.ROOT)))
                        .map(List::isEmpty);
        return emailFree.flatMap(free -> {
            person.primaryEmail = free ? email : null;
            return people.persist(person);
        });
    }

    private static PersonIdentity mapped(Person person, ObservedIdentity observed) {
        return PersonIdentity.of(person, observed.provider, observed.externalId, observed.name, observed.email);
    }
}
