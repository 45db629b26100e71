package io.devhealth.identity.team.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.repository.Chunks;
import io.devhealth.identity.team.TeamMember;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@WithSession
@ApplicationScoped
public class TeamMemberRepository implements PanacheRepositoryBase<TeamMember, UUID> {

    /** Persists every membership of {@code added} (none is fine). */
    public Uni<Void> persistAll(List<TeamMember> added) {
        return added.isEmpty() ? Uni.createFrom().voidItem() : persist(added);
    }

    /** Deletes these memberships. */
    public Uni<Void> deleteAll(List<TeamMember> removed) {
        return Chunks.query(removed.stream().map(member -> member.id).toList(),
                slice -> delete("id in ?1", slice).map(List::of)).replaceWithVoid();
    }

    /** The members of these teams, in no particular order. */
    public Uni<List<TeamMember>> listForTeams(Collection<UUID> teamIds) {
        return Chunks.query(teamIds, slice -> list("teamId in ?1", slice));
    }

    /** The person's memberships in its organization. */
    public Uni<List<TeamMember>> listForPerson(UUID organizationId, UUID personId) {
        return list("organizationId = ?1 and personId = ?2", organizationId, personId);
    }
}
