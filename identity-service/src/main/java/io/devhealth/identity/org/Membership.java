package io.devhealth.identity.org;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;
import io.devhealth.support.auth.OrgRole;

/** A user's role in an organization ({@code memberships}); at most one per pair. */
@Entity
@Table(name = "memberships")
public class Membership extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(nullable = false, columnDefinition = "text")
    public OrgRole role;

    public static Membership of(UUID organizationId, UUID userId, OrgRole role) {
        Membership membership = new Membership();
        membership.organizationId = organizationId;
        membership.userId = userId;
        membership.role = role;
        return membership;
    }
}
