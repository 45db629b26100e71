package io.devhealth.identity.incident;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.devhealth.identity.persistence.TimestampedEntity;

/**
 * An organization's correction of which deployment caused an incident ({@code incident_link_corrections}): it wins
 * over every link sync-service would make on its own. {@link #repoId} and {@link #deploymentId} are both null when
 * no deployment caused the incident.
 */
@Entity
@Table(name = "incident_link_corrections")
public class IncidentLinkCorrection extends TimestampedEntity {

    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    /** The incident's source: pagerduty, jira, github or gitlab. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String provider;

    /** The incident's id at its source, as sync-service stores it. */
    @Column(name = "incident_id", nullable = false, updatable = false, columnDefinition = "text")
    public String incidentId;

    /** The causing deployment's repository (ClickHouse repo id); null: no deployment caused it. */
    @Column(name = "repo_id")
    public UUID repoId;

    /** The causing deployment's provider id within {@link #repoId}; null with it. */
    @Column(name = "deployment_id", columnDefinition = "text")
    public String deploymentId;

    @Column(nullable = false, columnDefinition = "text")
    public String note;

    /** The user who corrected it last; null once that user is deleted. */
    @Column(name = "corrected_by")
    public UUID correctedBy;

    /** The change-feed version of the transaction that last changed it. */
    @Column(name = "change_version", nullable = false)
    public long changeVersion;
}
