package io.devhealth.identity.people;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/** A mapping suggestion the organization rejected ({@code rejected_suggestions}): never suggested again. */
@Entity
@Table(name = "rejected_suggestions")
public class RejectedSuggestion extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "suggestion_id", nullable = false, updatable = false)
    public UUID suggestionId;

    /** What the suggestion proposed, e.g. {@code extend:<person id>:github:octocat}. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String fingerprint;

    @Column(name = "rejected_by", updatable = false)
    public UUID rejectedBy;

    public static RejectedSuggestion of(UUID organizationId, UUID suggestionId, String fingerprint, UUID rejectedBy) {
        RejectedSuggestion rejected = new RejectedSuggestion();
        rejected.organizationId = organizationId;
        rejected.suggestionId = suggestionId;
        rejected.fingerprint = fingerprint;
        rejected.rejectedBy = rejectedBy;
        return rejected;
    }
}
