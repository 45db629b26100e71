package io.devhealth.identity.org;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/** A tenant ({@code organizations}): every other row and every ClickHouse row belongs to one. */
@Entity
@Table(name = "organizations")
public class Organization extends TimestampedEntity {

    /** What the schema's CHECK on {@code slug} accepts: lower-case DNS label, 1–63 characters. */
    public static final String SLUG_PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    /** Unique, immutable name used in URLs. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String slug;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    public static Organization of(String slug, String name) {
        Organization organization = new Organization();
        organization.slug = slug;
        organization.name = name;
        return organization;
    }
}
