package io.devhealth.identity.people.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.repository.MembershipRepository;
import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.people.Person;
import io.devhealth.identity.people.PersonIdentity;
import io.devhealth.identity.people.repository.PersonIdentityRepository;
import io.devhealth.identity.people.repository.PersonRepository;
import io.devhealth.identity.team.service.TeamMemberships;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Canonical people and their provider identities. Reads need {@link OrgPermission#PEOPLE_READ}, writes
 * {@link OrgPermission#PEOPLE_MANAGE}; every write holds the organization's change-feed lock and stamps the people
 * it changes with the transaction's version. Ids of another organization's people answer 404.
 */
@ApplicationScoped
public class PeopleService {

    private final OrgAccess access;
    private final PersonRepository people;
    private final PersonIdentityRepository identities;
    private final MembershipRepository memberships;
    private final ChangeFeed feed;
    private final TeamMemberships teams;
    private final PersonMerges merges;
    private final PersonViews views;

    PeopleService(OrgAccess access, PersonRepository people, PersonIdentityRepository identities,
            MembershipRepository memberships, ChangeFeed feed, TeamMemberships teams, PersonMerges merges,
            PersonViews views) {
        this.access = access;
        this.people = people;
        this.identities = identities;
        this.memberships = memberships;
        this.feed = feed;
        this.teams = teams;
        this.merges = merges;
        this.views = views;
    }

    /** One page of the organization's people by display name; {@code search} filters (see the repository). */
    @WithSession
    public Uni<Page<PersonView>> list(String orgRef, String search, PageRequest page) {
        return access.require(orgRef, OrgPermission.PEOPLE_READ).flatMap(granted -> {
            UUID organizationId = granted.organization().id;
            return people.countMatching(organizationId, search)
                    .flatMap(total -> people.listPage(organizationId, search, page)
                            .flatMap(views::of)
                            .map(items -> Page.of(items, page, total)));
        });
    }

    @WithSession
    public Uni<PersonView> get(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.PEOPLE_READ)
                .flatMap(granted -> existing(granted.organization().id, id))
                .flatMap(views::of);
    }

    /**
     * Creates a person with its identities. 409 when an identity is already mapped (naming its person), or the
     * key, primary email or user is another person's; 422 when the user is not a member of the organization or
     * two identities of the request are the same.
     */
    @WithTransaction
    public Uni<PersonView> create(String orgRef, PersonDraft draft) {
        return manage(orgRef, counter -> Uni.createFrom().voidItem()
                .invoke(() -> requireDistinct(draft.identities(), "identities"))
                .flatMap(distinct -> requireMember(counter.organizationId, draft.userId(), "userId"))
                .flatMap(member -> requireUnmapped(counter.organizationId, draft.identities()))
                .flatMap(free -> {
                    Person person = Person.of(counter.organizationId, draft.displayName(), counter.next());
                    person.personKey = draft.key();
                    person.primaryEmail = draft.primaryEmail();
                    person.userId = draft.userId();
                    return people.persist(person);
                })
                .call(person -> identities.persistAll(draft.identities().stream().map(identity -> PersonIdentity.of(
                        person, identity.provider(), identity.externalId(), identity.name(), identity.email()))
                        .toList())));
    }

    /** Applies a merge patch to a person; a patch that changes nothing leaves the person's version as it was. */
    @WithTransaction
    public Uni<PersonView> update(String orgRef, UUID id, PersonChanges changes) {
        return manage(orgRef, counter -> existing(counter.organizationId, id)
                .invoke(person -> {
                    if (changes.setDisplayName() && changes.displayName() == null) {
                        throw ProblemException.invalidField("displayName", "must not be null");
                    }
                })
                .call(person -> changes.setUserId() && !Objects.equals(changes.userId(), person.userId)
                        ? requireMember(counter.organizationId, changes.userId(), "userId")
                        : Uni.createFrom().voidItem())
                .invoke(person -> {
                    if (apply(person, changes)) {
                        person.changeVersion = counter.next();
                    }
                }));
    }

    /** Deletes a person with its identities and team memberships. */
    @WithTransaction
    public Uni<Void> delete(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> existing(counter.organizationId, id)
                        .call(person -> teams.personRemoved(counter, person.id))
                        .call(person -> people.delete(person))
                        .call(person -> feed.deleted(counter, ChangeFeedDeletion.PERSON, person.id)))
                .call(deleted -> people.flush())
                .replaceWithVoid();
    }

    /** Maps one more identity to a person: 409 when it is mapped already, 422 beyond the per-person bound. */
    @WithTransaction
    public Uni<PersonView> addIdentity(String orgRef, UUID personId, IdentityDraft draft) {
        return manage(orgRef, counter -> existing(counter.organizationId, personId)
                .call(person -> identities.count("personId", person.id).invoke(count -> {
                    if (count >= PeopleRules.IDENTITIES_PER_PERSON_MAX) {
                        throw ProblemException.invalidField("externalId", "a person has at most "
                                + PeopleRules.IDENTITIES_PER_PERSON_MAX + " identities");
                    }
                }))
                .call(person -> requireUnmapped(counter.organizationId, List.of(draft)))
                .call(person -> identities.persist(PersonIdentity.of(person, draft.provider(), draft.externalId(),
                        draft.name(), draft.email())))
                .invoke(person -> person.changeVersion = counter.next()));
    }

    /** Unmaps one identity of a person; 404 when the person or the identity (of that person) does not exist. */
    @WithTransaction
    public Uni<Void> removeIdentity(String orgRef, UUID personId, UUID identityId) {
        return manage(orgRef, counter -> existing(counter.organizationId, personId)
                .call(person -> identities.findById(identityId)
                        .map(identity -> identity != null && person.id.equals(identity.personId) ? identity : null)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound(
                                "person " + personId + " has no identity " + identityId))
                        .call(identities::delete))
                .invoke(person -> person.changeVersion = counter.next()))
                .replaceWithVoid();
    }

    /**
     * Merges {@code otherId} into {@code id}: the other's identities and team memberships move, the fields the
     * person lacks (key, primary email, user) are taken from the other, and the other is deleted.
     */
    @WithTransaction
    public Uni<PersonView> merge(String orgRef, UUID id, UUID otherId) {
        return manage(orgRef, counter -> existing(counter.organizationId, id)
                .invoke(person -> {
                    if (id.equals(otherId)) {
                        throw ProblemException.invalidField("personId", "must be another person than the one merged into");
                    }
                })
                .flatMap(person -> existing(counter.organizationId, otherId)
                        .flatMap(other -> merges.merge(counter, person, other))));
    }

    /** Moves some identities of a person to a new person (named {@code displayName}, or after the first identity). */
    @WithTransaction
    public Uni<PersonView> split(String orgRef, UUID id, List<UUID> identityIds, PersonDraft newPerson) {
        return manage(orgRef, counter -> existing(counter.organizationId, id)
                .flatMap(person -> requireMember(counter.organizationId, newPerson.userId(), "userId")
                        .flatMap(member -> merges.split(counter, person, identityIds, newPerson))));
    }

    /**
     * Runs a write: the caller must hold PEOPLE_MANAGE; the organization's change-feed counter is locked first;
     * the changes are flushed (a unique violation becomes a 409) and the person is read back with its identities.
     */
    private Uni<PersonView> manage(String orgRef, Function<ChangeFeedVersion, Uni<Person>> write) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> write.apply(counter))
                .call(person -> people.flush())
                .onFailure().transform(PeopleConflicts::translate)
                .flatMap(views::of);
    }

    /** The person if it belongs to the organization; 404 otherwise. */
    Uni<Person> existing(UUID organizationId, UUID id) {
        return people.findInOrganization(organizationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("person " + id + " does not exist"));
    }

    /** 422 naming {@code field} when {@code userId} is set and not a member of the organization. */
    Uni<Void> requireMember(UUID organizationId, UUID userId, String field) {
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return memberships.roleOf(organizationId, userId).invoke(role -> {
            if (role == null) {
                throw ProblemException.invalidField(field, "user " + userId + " is not a member of this organization");
            }
        }).replaceWithVoid();
    }

    /** 409 naming the person when one of {@code drafts} is already mapped in the organization. */
    Uni<Void> requireUnmapped(UUID organizationId, List<IdentityDraft> drafts) {
        Uni<Void> checks = Uni.createFrom().voidItem();
        for (IdentityDraft draft : drafts) {
            checks = checks.call(() -> identities.findByExternalId(organizationId, draft.provider(), draft.externalId())
                    .call(mapped -> mapped == null ? Uni.createFrom().voidItem() : people.findById(mapped.personId)
                            .invoke(holder -> {
                                throw ProblemException.conflict(draft.provider().apiName() + " identity '"
                                        + draft.externalId() + "' is already mapped to person '" + holder.displayName
                                        + "' (" + holder.id + ")");
                            })));
        }
        return checks;
    }

    /** 422 when two of {@code drafts} are the same identity. */
    static void requireDistinct(List<IdentityDraft> drafts, String field) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Integer first = seen.putIfAbsent(drafts.get(i).matchKey(), i);
            if (first != null) {
                throw ProblemException.invalidField(field + "[" + i + "]",
                        "is the same identity as " + field + "[" + first + "]");
            }
        }
    }

    /** Applies {@code changes}; whether anything changed. */
    private static boolean apply(Person person, PersonChanges changes) {
        boolean changed = false;
        if (changes.setKey() && !Objects.equals(person.personKey, changes.key())) {
            person.personKey = changes.key();
            changed = true;
        }
        if (changes.setDisplayName() && !person.displayName.equals(changes.displayName())) {
            person.displayName = changes.displayName();
            changed = true;
        }
        if (changes.setPrimaryEmail() && !Objects.equals(person.primaryEmail, changes.primaryEmail())) {
            person.primaryEmail = changes.primaryEmail();
            changed = true;
        }
        if (changes.setUserId() && !Objects.equals(person.userId, changes.userId())) {
            person.userId = changes.userId();
            changed = true;
        }
        return changed;
    }
}
