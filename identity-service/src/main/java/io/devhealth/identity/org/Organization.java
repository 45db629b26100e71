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

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant ({@code organizations}): every other row and every ClickHouse row belongs to one. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    /** What the schema's CHECK on {@code slug} accepts: lower-case DNS label, 1–63 characters. */
    public static final String SLUG_PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    /** Unique, immutable name used in URLs. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String slug;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Organization of(String slug, String name) {
        Organization organization = new Organization();
        organization.slug = slug;
        organization.name = name;
        return organization;
    }
}
