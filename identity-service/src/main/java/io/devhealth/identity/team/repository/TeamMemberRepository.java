package io.devhealth.identity.team.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.devhealth.identity.people.repository.AnyOf;
import io.devhealth.identity.team.TeamMember;
import io.quarkus.hibernate.reactive.panache.Panache;
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
        if (removed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> session.createNativeMutationQuery(
                        "DELETE FROM team_members WHERE id = ANY(?1)")
                .setParameter(1, AnyOf.uuids(removed.stream().map(member -> member.id).toList()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The members of these teams, in no particular order. */
    public Uni<List<TeamMember>> listForTeams(Collection<UUID> teamIds) {
        if (teamIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        """
                        SELECT id, organization_id, team_id, person_id, created_at, updated_at
                        FROM team_members WHERE team_id = ANY(?1)""", TeamMember.class)
                .setParameter(1, AnyOf.uuids(teamIds))
                .getResultList());
    }

    /** The person's memberships in its organization. */
    public Uni<List<TeamMember>> listForPerson(UUID organizationId, UUID personId) {
        return list("organizationId = ?1 and personId = ?2", organizationId, personId);
    }
}
