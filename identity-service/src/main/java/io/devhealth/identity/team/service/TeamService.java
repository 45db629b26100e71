package io.devhealth.identity.team.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.org.service.OrgAccess;
import io.devhealth.identity.people.ChangeFeedDeletion;
import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.people.repository.PersonRepository;
import io.devhealth.identity.people.service.ChangeFeed;
import io.devhealth.identity.people.service.FeedPage;
import io.devhealth.identity.people.service.FeedPosition;
import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.identity.team.Team;
import io.devhealth.identity.team.TeamMember;
import io.devhealth.identity.team.repository.TeamMemberRepository;
import io.devhealth.identity.team.repository.TeamRepository;
import io.devhealth.support.auth.OrgPermission;
import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.page.Page;
import io.devhealth.support.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Teams: people, repository patterns and Jira projects. Reads need {@link OrgPermission#PEOPLE_READ}, writes
 * {@link OrgPermission#PEOPLE_MANAGE}; writes hold the organization's change-feed lock and stamp the team with the
 * transaction's version (unless nothing changed). Ids of another organization's teams answer 404; members that are
 * not people of the organization 422.
 */
@ApplicationScoped
public class TeamService {

    private final OrgAccess access;
    private final TeamRepository teams;
    private final TeamMemberRepository members;
    private final PersonRepository people;
    private final ChangeFeed feed;

    TeamService(OrgAccess access, TeamRepository teams, TeamMemberRepository members, PersonRepository people,
            ChangeFeed feed) {
        this.access = access;
        this.teams = teams;
        this.members = members;
        this.people = people;
        this.feed = feed;
    }

    /** One page of the organization's teams by key. */
    @WithSession
    public Uni<Page<TeamView>> list(String orgRef, PageRequest page) {
        return access.require(orgRef, OrgPermission.PEOPLE_READ).flatMap(granted -> {
            UUID organizationId = granted.organization().id;
            return teams.countInOrganization(organizationId)
                    .flatMap(total -> teams.listPage(organizationId, page)
                            .flatMap(this::views)
                            .map(items -> Page.of(items, page, total)));
        });
    }

    @WithSession
    public Uni<TeamView> get(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.PEOPLE_READ)
                .flatMap(granted -> existing(granted.organization().id, id))
                .flatMap(this::view);
    }

    /** Creates a team; 409 when the key is taken, 422 when a member is not a person of the organization. */
    @WithTransaction
    public Uni<TeamView> create(String orgRef, TeamDraft draft) {
        return manage(orgRef, counter -> requirePeople(counter.organizationId, draft.members()).flatMap(valid -> {
            Team team = new Team();
            team.organizationId = counter.organizationId;
            team.teamKey = draft.key();
            team.name = draft.name();
            team.repositoryPatterns = distinct(draft.repositoryPatterns());
            team.jiraProjectKeys = distinct(draft.jiraProjectKeys());
            team.changeVersion = counter.next();
            return teams.persist(team).call(persisted -> members.persistAll(distinctIds(draft.members()).stream()
                    .map(personId -> TeamMember.of(team.organizationId, team.id, personId)).toList()));
        }));
    }

    /** Applies a merge patch; a patch that changes nothing leaves the team's version as it was. */
    @WithTransaction
    public Uni<TeamView> update(String orgRef, UUID id, TeamChanges changes) {
        return manage(orgRef, counter -> existing(counter.organizationId, id)
                .call(team -> changes.members() == null ? Uni.createFrom().voidItem()
                        : requirePeople(counter.organizationId, changes.members()))
                .call(team -> replaceMembers(team, changes.members()).invoke(membersChanged -> {
                    boolean fieldsChanged = apply(team, changes);
                    if (fieldsChanged || membersChanged) {
                        team.changeVersion = counter.next();
                    }
                })));
    }

    /** Deletes a team and its memberships (the people stay). */
    @WithTransaction
    public Uni<Void> delete(String orgRef, UUID id) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> existing(counter.organizationId, id)
                        .call(teams::delete)
                        .call(team -> feed.deleted(counter, ChangeFeedDeletion.TEAM, team.id)))
                .call(deleted -> teams.flush())
                .replaceWithVoid();
    }

    /** For sync-service: at most {@code limit} team changes of the organization after {@code after}. */
    @WithSession
    public Uni<FeedPage<TeamView>> changes(UUID organizationId, FeedPosition after, int limit) {
        return feed.read(organizationId, ChangeFeedDeletion.TEAM, after, limit,
                (position, max) -> teams.listChangedAfter(organizationId, position.version(), position.id(), max)
                        .flatMap(this::views),
                view -> new FeedPosition(view.team().changeVersion, view.team().id));
    }

    private Uni<TeamView> manage(String orgRef, Function<ChangeFeedVersion, Uni<Team>> write) {
        return access.require(orgRef, OrgPermission.PEOPLE_MANAGE)
                .flatMap(granted -> feed.lock(granted.organization().id))
                .flatMap(counter -> write.apply(counter))
                .call(team -> teams.flush())
                .onFailure(PgErrors.uniqueViolation("team_mappings_organization_team_key_key"))
                .transform(duplicate -> ProblemException.conflict("another team of this organization has this key"))
                .flatMap(this::view);
    }

    private Uni<Team> existing(UUID organizationId, UUID id) {
        return teams.findInOrganization(organizationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("team " + id + " does not exist"));
    }

    /** 422 naming {@code members[i]} when a member is not a person of the organization. */
    private Uni<Void> requirePeople(UUID organizationId, List<UUID> memberIds) {
        return people.listByIds(organizationId, distinctIds(memberIds)).invoke(found -> {
            Set<UUID> known = found.stream().map(person -> person.id).collect(Collectors.toSet());
            for (int i = 0; i < memberIds.size(); i++) {
                if (!known.contains(memberIds.get(i))) {
                    throw ProblemException.invalidField("members[" + i + "]",
                            "no person " + memberIds.get(i) + " in this organization");
                }
            }
        }).replaceWithVoid();
    }

    /** Makes the team's members exactly {@code memberIds} (null: leave them); whether they changed. */
    private Uni<Boolean> replaceMembers(Team team, List<UUID> memberIds) {
        if (memberIds == null) {
            return Uni.createFrom().item(false);
        }
        Set<UUID> wanted = distinctIds(memberIds);
        return members.listForTeams(List.of(team.id)).flatMap(current -> {
            Set<UUID> present = current.stream().map(member -> member.personId).collect(Collectors.toSet());
            List<TeamMember> removed = current.stream().filter(member -> !wanted.contains(member.personId)).toList();
            List<TeamMember> added = wanted.stream().filter(personId -> !present.contains(personId))
                    .map(personId -> TeamMember.of(team.organizationId, team.id, personId)).toList();
            return members.deleteAll(removed).call(() -> members.persistAll(added))
                    .map(done -> !removed.isEmpty() || !added.isEmpty());
        });
    }

    private Uni<TeamView> view(Team team) {
        return views(List.of(team)).map(List::getFirst);
    }

    private Uni<List<TeamView>> views(List<Team> page) {
        return members.listForTeams(page.stream().map(team -> team.id).toList()).map(all -> {
            Map<UUID, List<UUID>> byTeam = new HashMap<>();
            all.forEach(member -> byTeam.computeIfAbsent(member.teamId, k -> new ArrayList<>()).add(member.personId));
            return page.stream()
                    .map(team -> new TeamView(team, byTeam.getOrDefault(team.id, List.of()).stream().sorted().toList()))
                    .toList();
        });
    }

    /** Applies the scalar and list members of {@code changes}; whether anything changed. */
    private static boolean apply(Team team, TeamChanges changes) {
        boolean changed = false;
        if (changes.key() != null && !changes.key().equals(team.teamKey)) {
            team.teamKey = changes.key();
            changed = true;
        }
        if (changes.name() != null && !changes.name().equals(team.name)) {
            team.name = changes.name();
            changed = true;
        }
        if (changes.repositoryPatterns() != null
                && !Arrays.equals(team.repositoryPatterns, distinct(changes.repositoryPatterns()))) {
            team.repositoryPatterns = distinct(changes.repositoryPatterns());
            changed = true;
        }
        if (changes.jiraProjectKeys() != null
                && !Arrays.equals(team.jiraProjectKeys, distinct(changes.jiraProjectKeys()))) {
            team.jiraProjectKeys = distinct(changes.jiraProjectKeys());
            changed = true;
        }
        return changed;
    }

    private static String[] distinct(List<String> values) {
        return values == null ? new String[0] : new LinkedHashSet<>(values).toArray(String[]::new);
    }

    private static Set<UUID> distinctIds(List<UUID> ids) {
        return ids == null ? Set.of() : new LinkedHashSet<>(ids);
    }
}
