package io.devhealth.identity.team.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.ChangeFeedVersion;
import io.devhealth.identity.team.TeamMember;
import io.devhealth.identity.team.repository.TeamMemberRepository;
import io.devhealth.identity.team.repository.TeamRepository;
import io.smallrye.mutiny.Uni;

/**
 * Team memberships as people change: what the people services call, inside their transaction and holding the
 * change-feed lock, before deleting or merging a person, so that the affected teams carry the new version.
 */
@ApplicationScoped
public class TeamMemberships {

    private final TeamRepository teams;
    private final TeamMemberRepository members;

    TeamMemberships(TeamRepository teams, TeamMemberRepository members) {
        this.teams = teams;
        this.members = members;
    }

    /**
     * Before {@code personId} is deleted: its teams take the transaction's version (their membership rows go with
     * the person, by the foreign key's cascade).
     */
    public Uni<Void> personRemoved(ChangeFeedVersion counter, UUID personId) {
        return members.listForPerson(counter.organizationId, personId)
                .flatMap(memberships -> touch(counter, memberships));
    }

    /**
     * Moves the memberships of {@code fromPersonId} to {@code toPersonId} (teams both belong to keep one); every
     * team involved takes the transaction's version.
     */
    public Uni<Void> move(ChangeFeedVersion counter, UUID fromPersonId, UUID toPersonId) {
        UUID organizationId = counter.organizationId;
        return members.listForPerson(organizationId, fromPersonId)
                .flatMap(moving -> members.listForPerson(organizationId, toPersonId).flatMap(staying -> {
                    Set<UUID> already = staying.stream().map(member -> member.teamId).collect(Collectors.toSet());
                    List<TeamMember> added = moving.stream()
                            .filter(member -> !already.contains(member.teamId))
                            .map(member -> TeamMember.of(organizationId, member.teamId, toPersonId))
                            .toList();
                    return members.persistAll(added)
                            .call(() -> members.delete("organizationId = ?1 and personId = ?2", organizationId,
                                    fromPersonId))
                            .call(() -> touch(counter, moving));
                }))
                .replaceWithVoid();
    }

    private Uni<Void> touch(ChangeFeedVersion counter, List<TeamMember> memberships) {
        Set<UUID> teamIds = memberships.stream().map(member -> member.teamId).collect(Collectors.toSet());
        return teams.listByIds(counter.organizationId, teamIds)
                .invoke(changed -> changed.forEach(team -> team.changeVersion = counter.next()))
                .replaceWithVoid();
    }
}
