package io.devhealth.identity.people;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * A provider identity sync-service has seen in the organization's data ({@code observed_identities}), mapped to a
 * person or not: the input of mapping suggestions. Written by an upsert (see {@code ObservedIdentityRepository}).
 */
@Entity
@Table(name = "observed_identities")
public class ObservedIdentity extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public IdentityProvider provider;

    @Column(name = "external_id", nullable = false, updatable = false, columnDefinition = "text")
    public String externalId;

    @Column(columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String email;

    @Column(name = "first_seen_at", nullable = false, updatable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
