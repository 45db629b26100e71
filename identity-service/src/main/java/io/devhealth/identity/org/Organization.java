package io.devhealth.identity.org;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/** A tenant ({@code organizations}): every other row and every ClickHouse row belongs to one. */
@Entity
@Table(name = "organizations")
public class Organization extends TimestampedEntity {

    /** Unique, immutable name used in URLs ({@link io.devhealth.support.auth.OrgRef}'s slug rule). */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String slug;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    /** Set when an owner deleted it: from then on no API shows it. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public UUID deletedBy;

    public static Organization of(String slug, String name) {
        Organization organization = new Organization();
        organization.slug = slug;
        organization.name = name;
        return organization;
    }
}
