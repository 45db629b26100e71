package io.devhealth.identity.team;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/** A person's membership of a team ({@code team_members}); both belong to the same organization (composite keys). */
@Entity
@Table(name = "team_members")
public class TeamMember extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "team_id", nullable = false, updatable = false)
    public UUID teamId;

    @Column(name = "person_id", nullable = false, updatable = false)
    public UUID personId;

    public static TeamMember of(UUID organizationId, UUID teamId, UUID personId) {
        TeamMember member = new TeamMember();
        member.organizationId = organizationId;
        member.teamId = teamId;
        member.personId = personId;
        return member;
    }
}
