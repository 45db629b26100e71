package io.devhealth.identity.people;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * A provider identity of a person ({@code identity_mappings}): a git email, a GitHub login, a GitLab username, a
 * Jira accountId or a PagerDuty user id. Unique per organization and provider, case-insensitively.
 */
@Entity
@Table(name = "identity_mappings")
public class PersonIdentity extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "person_id", nullable = false)
    public UUID personId;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public IdentityProvider provider;

    /** As first mapped; matched case-insensitively. */
    @Column(name = "external_id", nullable = false, updatable = false, columnDefinition = "text")
    public String externalId;

    /** The name the provider shows (a git author name, a GitHub profile name). */
    @Column(name = "display_name", columnDefinition = "text")
    public String name;

    /** The address itself for git; the account's email, when known, for the other providers. */
    @Column(columnDefinition = "text")
    public String email;

    public static PersonIdentity of(Person person, IdentityProvider provider, String externalId, String name,
            String email) {
        PersonIdentity identity = new PersonIdentity();
        identity.organizationId = person.organizationId;
        identity.personId = person.id;
        identity.provider = provider;
        identity.externalId = externalId;
        identity.name = name;
        identity.email = provider == IdentityProvider.GIT ? externalId : email;
        return identity;
    }
}
