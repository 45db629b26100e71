package io.devhealth.identity.org;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import io.devhealth.support.auth.OrgRole;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A user's role in an organization ({@code memberships}); at most one per pair. */
@Entity
@Table(name = "memberships")
public class Membership extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(nullable = false, columnDefinition = "text")
    public OrgRole role;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Membership of(UUID organizationId, UUID userId, OrgRole role) {
        Membership membership = new Membership();
        membership.organizationId = organizationId;
        membership.userId = userId;
        membership.role = role;
        return membership;
    }
}
