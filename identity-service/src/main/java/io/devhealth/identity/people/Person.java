package io.devhealth.identity.people;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * A canonical person of an organization ({@code people}): the one name DevHealth reports for the commits, reviews,
 * issues and incidents of all of their provider identities ({@link PersonIdentity}).
 */
@Entity
@Table(name = "people")
public class Person extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** The organization's own key (an HR id, an email); unique case-insensitively; imports match by it. */
    @Column(name = "person_key", columnDefinition = "text")
    public String personKey;

    @Column(name = "display_name", nullable = false, columnDefinition = "text")
    public String displayName;

    /** Unique case-insensitively within the organization. */
    @Column(name = "primary_email", columnDefinition = "text")
    public String primaryEmail;

    /** The DevHealth user this person is; at most one person per user and organization. */
    @Column(name = "user_id")
    public UUID userId;

    /** The change-feed version of the transaction that last changed the person or one of its identities. */
    @Column(name = "change_version", nullable = false)
    public long changeVersion;

    public static Person of(UUID organizationId, String displayName, long changeVersion) {
        Person person = new Person();
        person.organizationId = organizationId;
        person.displayName = displayName;
        person.changeVersion = changeVersion;
        return person;
    }
}
