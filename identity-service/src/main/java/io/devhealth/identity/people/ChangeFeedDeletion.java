package io.devhealth.identity.people;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/** A deleted person, team or incident link correction, kept so that the change feed can tell sync-service ({@code change_feed_deletions}). */
@Entity
@Table(name = "change_feed_deletions")
public class ChangeFeedDeletion extends TimestampedEntity {

    /** {@code entity} values. */
    public static final String PERSON = "person";
    public static final String TEAM = "team";
    public static final String INCIDENT_LINK_CORRECTION = "incident_link_correction";

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** {@link #PERSON}, {@link #TEAM} or {@link #INCIDENT_LINK_CORRECTION}. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String entity;

    @Column(name = "entity_id", nullable = false, updatable = false)
    public UUID entityId;

    @Column(name = "change_version", nullable = false, updatable = false)
    public long changeVersion;

    public static ChangeFeedDeletion of(UUID organizationId, String entity, UUID entityId, long changeVersion) {
        ChangeFeedDeletion deletion = new ChangeFeedDeletion();
        deletion.organizationId = organizationId;
        deletion.entity = entity;
        deletion.entityId = entityId;
        deletion.changeVersion = changeVersion;
        return deletion;
    }
}
